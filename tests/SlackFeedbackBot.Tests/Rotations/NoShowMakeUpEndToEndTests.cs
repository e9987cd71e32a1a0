using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>
/// A no-show on the real bot: the nudge in the person's own time, three free times offered at +30 minutes, a click on
/// one through the emulator's interaction endpoint books it, the wrap-up says gently that the shift was missed, and the
/// make-up, served, repays it in the ledger. Quartz fires every moment on the fake clock.
/// </summary>
public sealed class NoShowMakeUpEndToEndTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Dieter = "U0DIETER04";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Saturday: the first shift is days ahead.</summary>
    private static readonly DateTimeOffset SaturdayNoon = new(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Rotation() => new()
    {
        ["Rotations:Admins:0"] = Dieter,
        ["Rotations:Rotations:0:Name"] = "support",
        ["Rotations:Rotations:0:SupportChannel"] = EmulatorIds.SupportChannelId,
        ["Rotations:Rotations:0:Owners:0"] = Dieter,
        ["Rotations:Rotations:0:TimeZone"] = "America/New_York",
        ["Rotations:Rotations:0:Cadence"] = "1/month",
        ["Rotations:Rotations:0:ShiftLength"] = "1h",
        ["Rotations:Rotations:0:Members:0:UserId"] = Ana,
        ["Rotations:Rotations:0:Members:1:UserId"] = Ben,
    };

    private static bool IsDmTo(SlackEmulator slack, ApiCall call, string user) =>
        call.Ok && slack.Workspace.GetChannel(call.Arg("channel") ?? "")?.ImUserId == user;

    private static Task<ApiCall> DmAsync(SlackEmulator slack, string user, string containing) =>
        slack.WaitForCallAsync("chat.postMessage", c => IsDmTo(slack, c, user) && c.Arg("text")!.Contains(containing, StringComparison.Ordinal), Wait);

    private static List<(string ActionId, string Value, string Text)> Buttons(ApiCall post) =>
        System.Text.Json.Nodes.JsonNode.Parse(post.Arg("blocks") ?? "[]")!.AsArray()
            .SelectMany(block => block?["elements"]?.AsArray() ?? [])
            .Where(element => (string?)element?["type"] == "button")
            .Select(element => ((string)element!["action_id"]!, (string)element["value"]!, (string)element["text"]!["text"]!))
            .ToList();

    [Test]
    public async Task NoShow_NudgedInTheirOwnTime_OfferedThreeFreeTimes_TheClickBooksOne_AndServingItRepaysTheMissedShift()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions { Time = time, Settings = Rotation() });
        var slack = host.Slack;
        var rotations = host.Services.GetRequiredService<RotationRepository>();
        var shifts = host.Services.GetRequiredService<ShiftRepository>();
        var rotation = (await rotations.FindAsync("support"))!;
        await Eventually.ThatAsync(async () => await rotations.PlannedUntilAsync(rotation.Id) is not null, "planning at start finishes", Wait);
        var missed = (await shifts.ListAsync(rotation.Id, time.GetUtcNow(), time.GetUtcNow().AddDays(60)))[0];
        var holder = missed.Assignees.Single();
        var zoneId = slack.Workspace.GetUser(holder)!.Tz;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var localStart = TimeZoneInfo.ConvertTime(missed.Start, zone);
        Assert.That(localStart.Offset, Is.Not.EqualTo(TimeSpan.Zero), "the holder's zone is not UTC, so the nudge's time tells");

        time.SetUtcNow(missed.Start.AddMinutes(5));
        var nudge = await DmAsync(slack, holder, "Customers are waiting in");
        Assert.That(nudge.Arg("text"), Does.Contain($"started at {localStart:HH:mm} ({zoneId})").And.Not.Contain("UTC"));

        time.SetUtcNow(missed.Start.AddMinutes(30));
        await DmAsync(slack, Dieter, "has not shown up");
        var offer = await DmAsync(slack, holder, "pick a time that suits you");
        var buttons = Buttons(offer);
        Assert.That(buttons.Select(b => b.ActionId), Is.EqualTo(MakeUpShifts.SlotActionIds));
        var starts = buttons.Select(b => MakeUpShifts.TryReadSlot(b.Value, out var key, out var start) && key == missed.Key ? start : default).ToList();
        Assert.That(starts, Has.None.EqualTo(default(DateTimeOffset)));
        foreach (var start in starts)
        {
            var local = TimeZoneInfo.ConvertTime(start, zone);
            Assert.That(local.Hour, Is.InRange(9, 16), "inside 09:00-17:00 in the holder's zone");
            Assert.That(local.DayOfWeek, Is.Not.EqualTo(DayOfWeek.Saturday).And.Not.EqualTo(DayOfWeek.Sunday));
            Assert.That(start, Is.GreaterThan(time.GetUtcNow()));
        }

        Assert.That(starts.Select(s => TimeZoneInfo.ConvertTime(s, zone).Date).Distinct().Count(), Is.EqualTo(3), "three different days");
        Assert.That(buttons[1].Text, Does.Contain($"({zoneId})"));

        await slack.ClickButtonAsync(holder, offer.Arg("channel")!, (string)offer.Response["ts"]!, MakeUpShifts.SlotActionIds[1]);
        var booked = await slack.ResponseUrlPosts.WaitForAsync(p => p.Text?.Contains("make-up shift", StringComparison.Ordinal) == true, Wait);
        Assert.That(booked.Text, Does.StartWith("Booked!"));

        var makeUpKey = $"{PlannedShift.KeyFor("support", starts[1])}:makeup:{holder}";
        var makeUp = await shifts.FindAsync(makeUpKey);
        Assert.That(makeUp, Is.Not.Null, "the chosen time is a shift of its own");
        Assert.That((makeUp!.Start, makeUp.End, makeUp.Assignees), Is.EqualTo((starts[1], starts[1].AddHours(1), (IReadOnlyList<string>)[holder])));
        Assert.That(await shifts.LedgerForShiftAsync(missed.Key), Is.EqualTo(new[] { (holder, ShiftOutcome.Missed) }), "owed from the moment it is booked");

        Assert.That(slack.Workspace.FindMessage(offer.Arg("channel")!, (string)offer.Response["ts"]!)!.Text, Does.StartWith("Booked!"), "the offer is replaced by the booking, buttons gone");

        // Another of the times, chosen from a copy of the offer still on screen elsewhere: nothing more is booked.
        var again = await host.Services.GetRequiredService<MakeUpShifts>().BookAsync(holder, buttons[2].Value, CancellationToken.None);
        Assert.That(again.Changed, Is.False);
        Assert.That(again.Text, Does.StartWith("You've already booked your make-up shift"));
        Assert.That(await shifts.UpcomingForAsync(holder, time.GetUtcNow(), 50), Has.Exactly(1).Matches<Shift>(s => s.Key.Contains(":makeup:", StringComparison.Ordinal)), "a second click books nothing more");

        time.SetUtcNow(missed.End);
        var wrapUp = await DmAsync(slack, holder, "was missed");
        Assert.That(wrapUp.Arg("text"), Does.Contain("That happens, and it's alright.").And.Contain("Your make-up shift is").And.Not.Contain("Thanks for taking"));
        Assert.That(Buttons(wrapUp), Is.Empty, "nothing to capture from a shift not served");

        time.SetUtcNow(makeUp.Start.AddMinutes(1));
        var ack = await host.Services.GetRequiredService<ShiftAcknowledgements>().AckAsync(holder, makeUpKey, CancellationToken.None);
        Assert.That(ack.Changed, Is.True);
        time.SetUtcNow(makeUp.End);
        var thanks = await DmAsync(slack, holder, "Thanks for taking the *support* support shift!");
        Assert.That(Buttons(thanks).Select(b => b.Value), Is.EqualTo(new[] { makeUpKey }));

        Assert.That(await shifts.LedgerForShiftAsync(makeUpKey), Is.EqualTo(new[] { (holder, ShiftOutcome.Served) }));
        var record = await host.Services.GetRequiredService<MakeUpRepository>().FindAsync(missed.Key, holder);
        Assert.That(record?.RepaidAt, Is.EqualTo(makeUp.End), "repaid");
        var history = await shifts.HistoryAsync(rotation.Id, makeUp.End);
        Assert.That(history.Where(e => e.UserId == holder && e.ShiftStart <= makeUp.Start).Select(e => e.Outcome), Is.EquivalentTo(new[] { ShiftOutcome.Missed, ShiftOutcome.Served }),
            "the planner sees one shift owed and one served: even again");
    }
}
