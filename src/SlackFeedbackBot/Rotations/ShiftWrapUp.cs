using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// At a shift's end: settles the ledger (acknowledged = served, otherwise missed, so the person still owes one), thanks
/// those who served and asks them "What did you hear?" with a button that opens the feedback modal, tells anyone who
/// did not turn up, gently, that the shift was missed and how to make it up, and hands the next people on shift the
/// hand-off notes and a summary of what was captured.
/// </summary>
public sealed class ShiftWrapUp(
    ShiftContext context,
    ShiftRepository shifts,
    ShiftFeedbackSummary feedback,
    DirectMessenger messenger,
    MakeUpShifts makeUps,
    PeopleZones zones,
    TimeProvider time)
{
    /// <summary>The feedback feature's action: opens its capture modal for the shift key in the button's value.</summary>
    public const string OpenFeedbackActionId = "open_feedback_modal";

    public async Task WrapUpAsync(string shiftKey, CancellationToken ct)
    {
        if (await context.LiveAsync(shiftKey) is not { } found)
        {
            return;
        }

        var (shift, rotation) = found;
        var now = time.GetUtcNow();
        await SettleLedgerAsync(shift, now);

        var acked = await shifts.AckedAsync(shift.Key);
        foreach (var user in shift.Participants)
        {
            var message = acked.Contains(user) ? ThanksFor(shift, rotation) : await MissedAsync(shift, rotation, user, ct);
            await messenger.SendAsync($"wrapup:{shift.Key}:{user}", user, message, ct);
        }

        await HandOffAsync(shift, rotation, ct);
    }

    private static SlackMessage ThanksFor(Shift shift, RotationSettings rotation)
    {
        var text = $"Thanks for taking the *{rotation.Name}* support shift! What did you hear? Capture it while it is fresh: feedback heard on support is the point of the whole exercise.";
        return new SlackMessage
        {
            Text = text,
            Blocks = [SupportBlocks.Section(text), SupportBlocks.Actions(SupportBlocks.Button("Capture what I heard", OpenFeedbackActionId, shift.Key, ButtonStyle.Primary))],
        };
    }

    private async Task<SlackMessage> MissedAsync(Shift shift, RotationSettings rotation, string user, CancellationToken ct)
    {
        var zone = await zones.ZoneOfAsync(user, ct);
        var next = await makeUps.NextStepForAsync(shift, rotation, user, ct);
        var text = $"Your *{rotation.Name}* support shift ({ShiftText.When(shift, zone)}) was missed. That happens, and it's alright. {next}";
        return new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] };
    }

    private async Task SettleLedgerAsync(Shift shift, DateTimeOffset now)
    {
        var acked = await shifts.AckedAsync(shift.Key);
        var recorded = await shifts.LedgerForShiftAsync(shift.Key);
        foreach (var user in shift.Participants)
        {
            // Someone who swapped in already has their credit for this shift.
            var swappedIn = recorded.Any(r => r.UserId == user && r.Outcome == ShiftOutcome.SwappedIn);
            if (acked.Contains(user) && !swappedIn)
            {
                await shifts.RecordAsync(shift.RotationId, shift.Key, user, shift.Start, ShiftOutcome.Served, now);
            }
            else if (!acked.Contains(user))
            {
                await shifts.RecordAsync(shift.RotationId, shift.Key, user, shift.Start, ShiftOutcome.Missed, now);
            }
        }

        await makeUps.SettleAsync(shift, acked, now);
    }

    private async Task HandOffAsync(Shift shift, RotationSettings rotation, CancellationToken ct)
    {
        var next = await shifts.NextAfterAsync(rotation.Id, shift.Start.AddMilliseconds(1));
        if (next is null)
        {
            return;
        }

        var notes = await shifts.HandoffNotesAsync(shift.Key);
        var captured = await feedback.ForShiftAsync(shift.Key);
        if (notes.Count == 0 && captured.Total == 0)
        {
            return;
        }

        var lines = new List<string> { $"Hand-off from the previous *{rotation.Name}* shift ({ShiftText.Mentions(shift.Participants)}):" };
        lines.AddRange(notes.Select(n => $"• {ShiftText.Mention(n.UserId)}: {SlackText.Defuse(n.Note)}"));
        if (captured.Total > 0)
        {
            lines.Add($"Captured on that shift: {string.Join(", ", captured.Buckets.Select(b => $"{b.Count} {b.Bucket}"))}");
            lines.AddRange(captured.Items.Select(i => $"  ◦ {i}"));
        }

        var text = string.Join("\n", lines);
        foreach (var user in next.Participants)
        {
            await messenger.SendAsync($"handoff:{shift.Key}:{user}", user, new SlackMessage { Text = text, Blocks = [SupportBlocks.Section(text)] }, ct);
        }
    }
}
