using System.Globalization;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Scheduling;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>
/// A missed shift is owed, not lost: at the escalation the person is offered three free times as buttons; choosing one
/// books a make-up shift of its own (reminded and wrapped up like any other). The ledger records the missed shift as
/// missed (owed) when the make-up is booked, and the make-up as served when it is, which repays it.
/// </summary>
public sealed class MakeUpShifts(
    RotationRepository rotations,
    ShiftRepository shifts,
    MakeUpRepository makeUps,
    ShiftScheduler scheduler,
    PeopleZones zones,
    DirectMessenger messenger,
    TimeProvider time)
{
    /// <summary>One action id per offered slot: Slack wants the action ids of one block to differ.</summary>
    public static readonly IReadOnlyList<string> SlotActionIds = ["support_makeup_1", "support_makeup_2", "support_makeup_3"];

    /// <summary>DMs the person their free times; returns how many were offered.</summary>
    public async Task<int> OfferAsync(Shift missed, RotationSettings rotation, string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var member = await MemberAsync(rotation, userId, ct);
        if (member is null)
        {
            // Not on the rotation (any more): there is no roster place to make up.
            return 0;
        }

        var zone = await zones.ZoneOfAsync(userId, ct);
        var timeOff = await rotations.TimeOffAsync([userId], now);
        var slots = MakeUpSlots.Find(member, rotation, timeOff, await BusyAsync(userId, missed.Key, now), now);
        await makeUps.OfferAsync(missed.Key, userId, rotation.Id, now);
        var started = $"Your *{rotation.Name}* support shift started at {ShiftText.Time(missed.Start, zone)} ({zone.Id}) and I haven't heard you're on it.";
        SlackMessage message;
        if (slots.Count == 0)
        {
            var text = $"{started} If you can't make it, no worries: I couldn't find a free hour in your working hours in the next {MakeUpSlots.DaysAhead} days, so {ShiftText.Mentions(rotation.Owners)} will find a time with you.";
            message = new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] };
        }
        else
        {
            var text = $"{started} If you can't make it, no worries: pick a time that suits you and I'll book it as a make-up shift.";
            var buttons = slots.Select((start, i) => (IActionElement)SupportBlocks.Button(
                ShiftText.When(start, start + rotation.ShiftLength, zone), SlotActionIds[i], SlotValue(missed.Key, start))).ToArray();
            message = new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text), SupportBlocks.Actions(buttons)] };
        }

        await messenger.SendAsync($"makeup-offer:{missed.Key}:{userId}", userId, message, ct);
        return slots.Count;
    }

    /// <summary>A click on one of the offered times (value <c>missed shift key|unix ms</c>).</summary>
    public async Task<SupportOutcome> BookAsync(string userId, string? value, CancellationToken ct)
    {
        if (!TryReadSlot(value, out var missedKey, out var start))
        {
            return SupportOutcome.Refused("That button is out of date; nothing was booked.");
        }

        var missed = await shifts.FindAsync(missedKey);
        var rotation = missed is null ? null : await rotations.FindAsync(missed.RotationId);
        if (missed is null || rotation is null || !missed.IsParticipant(userId))
        {
            return SupportOutcome.Refused("That shift is not one of yours, so there is nothing to make up.");
        }

        if ((await shifts.AckedAsync(missed.Key)).Contains(userId))
        {
            return SupportOutcome.Refused("You were on that shift, so there is nothing to make up. Thank you!");
        }

        var zone = await zones.ZoneOfAsync(userId, ct);
        var existing = await makeUps.FindAsync(missed.Key, userId);
        if (existing?.MakeUpShiftKey is { } bookedKey)
        {
            return SupportOutcome.Refused(await BookedTextAsync(bookedKey, zone, "You've already booked your make-up shift"));
        }

        var now = time.GetUtcNow();
        var member = await MemberAsync(rotation, userId, ct);
        var timeOff = await rotations.TimeOffAsync([userId], now);
        var busy = await BusyAsync(userId, missed.Key, now);
        if (member is null || !MakeUpSlots.IsFree(start, member, rotation, timeOff, busy, now))
        {
            return SupportOutcome.Refused("That time isn't free any more (or has passed). Pick another of the times, or ask the rotation's owners.");
        }

        await makeUps.OfferAsync(missed.Key, userId, rotation.Id, now);
        var planned = new PlannedShift($"{PlannedShift.KeyFor(rotation.Name, start)}:makeup:{userId}", start, start + rotation.ShiftLength, [userId], null);
        await shifts.UpsertAsync(rotation.Id, planned, now);
        if (!await makeUps.BookAsync(missed.Key, userId, planned.Key, now))
        {
            // Two clicks at once: the other one won; this shift is not needed.
            var winner = await makeUps.FindAsync(missed.Key, userId);
            if (winner?.MakeUpShiftKey != planned.Key)
            {
                await shifts.CancelAsync(planned.Key, now);
            }

            return SupportOutcome.Refused(await BookedTextAsync(winner?.MakeUpShiftKey ?? planned.Key, zone, "You've already booked your make-up shift"));
        }

        // Owed: the missed shift is settled as missed now; the make-up, once served, is credited and repays it.
        await shifts.RecordAsync(rotation.Id, missed.Key, userId, missed.Start, ShiftOutcome.Missed, now);
        var stored = await shifts.FindAsync(planned.Key) ?? throw new InvalidOperationException($"Shift {planned.Key} was not stored.");
        await scheduler.ScheduleAsync(stored, rotation, ct);
        return new SupportOutcome(true, await BookedTextAsync(planned.Key, zone, "Booked! Your make-up shift"));
    }

    /// <summary>At a shift's end: a make-up served repays the shift it stands for.</summary>
    public async Task SettleAsync(Shift shift, IReadOnlySet<string> acked, DateTimeOffset now)
    {
        if (await makeUps.ForMakeUpShiftAsync(shift.Key) is { } makeUp && acked.Contains(makeUp.UserId))
        {
            await makeUps.RepaidAsync(shift.Key, now);
        }
    }

    /// <summary>What the wrap-up tells a no-show about making the shift up.</summary>
    public async Task<string> NextStepForAsync(Shift missed, RotationSettings rotation, string userId, CancellationToken ct)
    {
        var makeUp = await makeUps.FindAsync(missed.Key, userId);
        if (makeUp?.MakeUpShiftKey is { } booked)
        {
            return await BookedTextAsync(booked, await zones.ZoneOfAsync(userId, ct), "Your make-up shift");
        }

        return makeUp is null
            ? $"If you'd like to make it up, {ShiftText.Mentions(rotation.Owners)} can find you a time."
            : "If you'd like to make it up, pick one of the times I sent you earlier.";
    }

    public static string SlotValue(string missedShiftKey, DateTimeOffset start) =>
        $"{missedShiftKey}|{start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";

    public static bool TryReadSlot(string? value, out string missedShiftKey, out DateTimeOffset start)
    {
        missedShiftKey = "";
        start = default;
        var bar = value?.LastIndexOf('|') ?? -1;
        if (bar <= 0 || !long.TryParse(value![(bar + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        missedShiftKey = value[..bar];
        start = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    private async Task<RotationMember?> MemberAsync(RotationSettings rotation, string userId, CancellationToken ct)
    {
        var stored = (await rotations.MembersAsync(rotation.Id, includeFormer: false)).Where(m => m.UserId == userId).ToList();
        var completed = await zones.CompleteAsync(stored, ct);
        return completed.Count == 0 ? null : completed[0].ToPlanner(rotation.TimeZone);
    }

    /// <summary>Every other shift the person holds, on any rotation.</summary>
    private async Task<IReadOnlyList<BusySpan>> BusyAsync(string userId, string exceptKey, DateTimeOffset now) =>
        (await shifts.UpcomingForAsync(userId, now, 500))
            .Where(s => s.Key != exceptKey)
            .Select(s => new BusySpan(s.Start, s.End))
            .ToList();

    private async Task<string> BookedTextAsync(string makeUpKey, TimeZoneInfo zone, string lead)
    {
        var shift = await shifts.FindAsync(makeUpKey);
        return shift is null ? $"{lead} is booked." : $"{lead} is {ShiftText.When(shift, zone)}. Thank you! Reminders come as for any shift.";
    }
}
