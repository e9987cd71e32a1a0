using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>Reminders and shift moments through the real Quartz scheduler, on its SQLite store and clustered on PostgreSQL, driven by a fake clock.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class ReminderSchedulingTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ShiftStart = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    private static async Task AdvanceToAsync(FakeTimeProvider time, DateTimeOffset at)
    {
        // Step up to the moment so Quartz sees each trigger due on time rather than misfired.
        time.SetUtcNow(at);
        await Task.Yield();
    }

    [Test]
    public async Task Reminder_24h1h10m_ArriveByDmAtTheirTimes_WithAckButton()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config());
        var shift = await host.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN");

        await AdvanceToAsync(time, ShiftStart.AddHours(-24).AddSeconds(-1));
        Assert.That(slack.DmsTo("UANN"), Is.Empty, "nothing before the 24-hour mark");
        await AdvanceToAsync(time, ShiftStart.AddHours(-24));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 1, "the 24-hour reminder arrives");
        await AdvanceToAsync(time, ShiftStart.AddHours(-1));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 2, "the 1-hour reminder arrives");
        await AdvanceToAsync(time, ShiftStart.AddMinutes(-10));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 3, "the 10-minute reminder arrives");

        var last = slack.DmsTo("UANN")[2];
        Assert.That(last.Text, Does.Contain("starts in 10 minutes").And.Contain("<#CSUPPORT>").And.Contain("/feedback"));
        Assert.That(last.Text, Does.Not.Contain("sent late"));
        Assert.That(RotationSlackFake.Buttons(last), Is.EqualTo(new[] { ("support_ack", shift.Key) }));
        await host.StopAsync();
    }

    [Test]
    public async Task Reminder_AfterSwap_GoesToTheNewHolder()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config());
        var shift = await host.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN");

        var errors = await host.Get<ShiftSwaps>().RequestAsync("UANN", shift.Key, "UBO", CancellationToken.None);
        Assert.That(errors, Is.Null);
        await Eventually.ThatAsync(() => slack.DmsTo("UBO").Count == 1, "the colleague is asked");
        var ask = slack.DmsTo("UBO").Single();
        var accept = RotationSlackFake.Buttons(ask).First(b => b.ActionId == ShiftSwaps.AcceptActionId);
        await new SwapAcceptAction(host.Get<ShiftSwaps>(), host.Get<ClickReplies>()).HandleAsync(
            new BlockActionsPayload { User = new IdName { Id = "UBO" }, ResponseUrl = "https://hooks.test/1" },
            new BlockAction { ActionId = accept.ActionId, Value = accept.Value },
            CancellationToken.None);

        var swapped = await host.Get<ShiftRepository>().FindAsync(shift.Key);
        Assert.That(swapped!.Assignees, Is.EqualTo(new[] { "UBO" }));
        var ledger = await host.Get<ShiftRepository>().LedgerForShiftAsync(shift.Key);
        Assert.That(ledger, Is.EquivalentTo(new[] { ("UANN", ShiftOutcome.SwappedAway), ("UBO", ShiftOutcome.SwappedIn) }));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Any(m => m.Text.Contains("took your shift", StringComparison.Ordinal)), "the requester hears the outcome");
        await host.EffectsSentAsync();
        Assert.That(slack.Responses.Count(r => r.Message.Text.StartsWith("Swap done", StringComparison.Ordinal)) + slack.DmsTo("UBO").Count(m => m.Text.StartsWith("Swap done", StringComparison.Ordinal)),
            Is.EqualTo(1), "\"Swap done\" is said once, in place of the question");
        Assert.That(HomeText(slack, "UBO"), Does.Contain(ShiftText.When(swapped, TimeZoneInfo.Utc)), "the new holder's Home tab is republished with the shift");
        Assert.That(HomeText(slack, "UANN"), Does.Contain("No upcoming shifts"), "and the old holder's without it");

        var annBefore = slack.DmsTo("UANN").Count;
        await AdvanceToAsync(time, ShiftStart.AddHours(-24));
        await Eventually.ThatAsync(() => slack.DmsTo("UBO").Any(m => m.Text.StartsWith("Reminder", StringComparison.Ordinal)), "the new holder is reminded");
        Assert.That(slack.DmsTo("UANN").Count, Is.EqualTo(annBefore), "the old holder is not");
        await host.StopAsync();
    }

    [Test]
    public async Task SwapAccept_WithoutAResponseUrl_SaysSwapDoneInOneDm()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config());
        var shift = await host.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN");
        await host.Get<ShiftSwaps>().RequestAsync("UANN", shift.Key, "UBO", CancellationToken.None);
        await Eventually.ThatAsync(() => slack.DmsTo("UBO").Count == 1, "the colleague is asked");
        var accept = RotationSlackFake.Buttons(slack.DmsTo("UBO").Single()).First(b => b.ActionId == ShiftSwaps.AcceptActionId);

        await new SwapAcceptAction(host.Get<ShiftSwaps>(), host.Get<ClickReplies>()).HandleAsync(
            new BlockActionsPayload { User = new IdName { Id = "UBO" }, TriggerId = "trigger-1" },
            new BlockAction { ActionId = accept.ActionId, Value = accept.Value },
            CancellationToken.None);
        await host.EffectsSentAsync();

        Assert.That(slack.DmsTo("UBO").Count(m => m.Text.StartsWith("Swap done", StringComparison.Ordinal)), Is.EqualTo(1));
        await host.StopAsync();
    }

    [Test]
    public async Task Reminder_AcrossARestart_IsNeitherLostNorRepeated()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using (var first = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config()))
        {
            await first.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN");
            await AdvanceToAsync(time, ShiftStart.AddHours(-24));
            await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 1, "the 24-hour reminder arrives before the restart");
            await first.StopAsync();
        }

        using var second = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config());
        await AdvanceToAsync(time, ShiftStart.AddHours(-1));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 2, "the 1-hour reminder arrives after the restart");
        var rerun = await second.Get<ShiftReminders>().RemindAsync(PlannedShift.KeyFor("support", ShiftStart), TimeSpan.FromHours(1), CancellationToken.None);

        Assert.That(rerun, Is.EqualTo(0), "a second fire of the same reminder sends nothing");
        Assert.That(slack.DmsTo("UANN").Count(m => m.Text.StartsWith("Reminder", StringComparison.Ordinal)), Is.EqualTo(2));
        await second.StopAsync();
    }

    [Test]
    public async Task Reminder_DueWhileTheBotWasDown_IsSentLateOnce_AndMarkedLate()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using (var first = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config()))
        {
            await first.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN");
            await first.StopAsync();
        }

        // Down through the 24-hour and 1-hour marks; back 30 minutes before the start.
        time.SetUtcNow(ShiftStart.AddMinutes(-30));
        using var second = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config());
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 1, "one late reminder arrives");
        await AdvanceToAsync(time, ShiftStart.AddMinutes(-10));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 2, "the 10-minute reminder comes on time");

        var messages = slack.DmsTo("UANN");
        Assert.That(messages[0].Text, Does.Contain("(sent late: the bot was offline)").And.Contain("starts in 30 minutes"));
        Assert.That(messages[1].Text, Does.Not.Contain("sent late"));
        await second.StopAsync();
    }

    [Test]
    public async Task Reminder_WhenTheShiftEndedWhileTheBotWasDown_IsNotSent()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using (var first = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config()))
        {
            await first.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN");
            await first.StopAsync();
        }

        time.SetUtcNow(ShiftStart.AddHours(2));
        using var second = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config());
        var remindedNow = await second.Get<ShiftReminders>().RemindAsync(PlannedShift.KeyFor("support", ShiftStart), TimeSpan.FromHours(1), CancellationToken.None);

        Assert.That(remindedNow, Is.EqualTo(0));
        Assert.That(slack.DmsTo("UANN").Where(m => m.Text.StartsWith("Reminder", StringComparison.Ordinal)), Is.Empty);
        await second.StopAsync();
    }

    [Test]
    public async Task Shift_AcrossADstChange_StartsAndIsAnnouncedAtItsWallClockTime()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        // Friday 27 March 2026, noon UTC (CET); Berlin moves to CEST on Sunday 29 March.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
        var slack = new RotationSlackFake();
        slack.TimeZones["UANN"] = "Europe/Berlin";
        var config = RotationTestHost.Config("support", "Europe/Berlin", "UANN");
        config["Rotations:Rotations:0:SupportHours"] = "10:00-11:00";
        config["Rotations:Rotations:0:Cadence"] = "1/week";
        config["Rotations:Rotations:0:ReminderOffsets:0"] = "1h";
        config["Rotations:Rotations:0:ReminderOffsets:1"] = "10m";
        config["Rotations:Rotations:0:ReminderOffsets:2"] = "5m";
        using var host = await RotationTestHost.StartAsync(db.Database, time, slack, config);
        var rotation = await host.RotationAsync();
        await host.WaitForPlanAsync();

        var first = (await host.Get<ShiftRepository>().UpcomingForAsync("UANN", time.GetUtcNow())).First();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.That(TimeZoneInfo.ConvertTime(first.Start, berlin).TimeOfDay, Is.EqualTo(TimeSpan.FromHours(10)), "10:00 local");
        Assert.That(first.Start.UtcDateTime.Hour, Is.EqualTo(8), "which is 08:00 UTC in summer time");

        await AdvanceToAsync(time, first.Start.AddMinutes(-5));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count > 0, "the reminder comes first");
        await AdvanceToAsync(time, first.Start);
        await Eventually.ThatAsync(() => slack.Posts.Any(p => p.Channel == RotationTestHost.Channel), "the start is announced");
        var post = slack.Posts.First(p => p.Channel == RotationTestHost.Channel);
        Assert.That(post.Message.Text, Does.Contain("until 09:00 UTC").And.Contain("11:00 Europe/Berlin"));
        Assert.That(rotation.TimeZone, Is.EqualTo("Europe/Berlin"));
        await host.StopAsync();
    }

    [Test]
    public async Task Shift_StartPostTopicAndGroup_ThenNudgeAt5_OwnersAt30_AndTheEndQuestion()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config());
        time.SetUtcNow(ShiftStart.AddMinutes(-2));
        var shift = await host.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN", "UBO");
        var ack = await host.Get<ShiftAcknowledgements>().AckAsync("UBO", shift.Key, CancellationToken.None);
        Assert.That(ack.Changed, Is.True);

        await AdvanceToAsync(time, ShiftStart);
        await Eventually.ThatAsync(
            () => slack.GroupUpdates.Count == 1 && slack.Topics.Count == 1 && slack.Posts.Any(p => p.Channel == RotationTestHost.Channel),
            "the start post (through the outbox), topic and user group");
        var post = slack.Posts.Single(p => p.Channel == RotationTestHost.Channel);
        Assert.That(post.Message.Text, Does.StartWith("<@UANN> and <@UBO> are on support until 15:00 UTC"));
        Assert.That(slack.Topics.Single(), Is.EqualTo((RotationTestHost.Channel, "On support: @uann, @ubo until 15:00 UTC")));
        Assert.That(slack.GroupUpdates.Single().Users, Is.EqualTo(new[] { "UANN", "UBO" }));

        await AdvanceToAsync(time, ShiftStart.AddMinutes(5));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Count == 1, "the one who has not acknowledged is nudged");
        Assert.That(slack.DmsTo("UBO"), Is.Empty, "the one who acknowledged is not");
        Assert.That(slack.DmsTo(RotationTestHost.Lead), Is.Empty, "owners not yet");

        await AdvanceToAsync(time, ShiftStart.AddMinutes(30));
        await Eventually.ThatAsync(() => slack.DmsTo(RotationTestHost.Lead).Count == 1, "the owners are told at +30");
        Assert.That(slack.DmsTo(RotationTestHost.Lead)[0].Text, Does.Contain("<@UANN> has not shown up").And.Contain("cover"));

        await AdvanceToAsync(time, ShiftStart.AddHours(1));
        await Eventually.ThatAsync(() => slack.DmsTo("UBO").Count == 1 && slack.DmsTo("UANN").Count == 2, "both are asked what they heard");
        var question = slack.DmsTo("UBO")[0];
        Assert.That(question.Text, Does.Contain("What did you hear?"));
        var missed = slack.DmsTo("UANN")[1];
        Assert.That(missed.Text, Does.StartWith("Your *support* support shift (Wed 25 Nov 14:00–15:00 (UTC)) was missed.").And.Not.Contain("Thanks"));
        Assert.That(RotationSlackFake.Buttons(missed), Is.Empty, "only those who served are asked what they heard");
        Assert.That(RotationSlackFake.Buttons(question), Is.EqualTo(new[] { ("open_feedback_modal", shift.Key) }));
        var ledger = await host.Get<ShiftRepository>().LedgerForShiftAsync(shift.Key);
        Assert.That(ledger, Is.EquivalentTo(new[] { ("UANN", ShiftOutcome.Missed), ("UBO", ShiftOutcome.Served) }));
        await host.StopAsync();
    }

    [Test]
    public async Task ShiftStart_TopicAndGroupRefused_StillPostsAndLogsOnce()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake { TopicError = "not_in_channel", UserGroupError = "permission_denied" };
        var logger = new ListLogger();
        using var host = await RotationTestHost.StartAsync(db.Database, time, slack, RotationTestHost.Config(), new ListLoggerProvider(logger));
        var first = await host.AddShiftAsync(ShiftStart, TimeSpan.FromHours(1), "UANN");
        var second = await host.AddShiftAsync(ShiftStart.AddHours(1), TimeSpan.FromHours(1), "UBO");

        Assert.That(await host.Get<ShiftStart>().AnnounceAsync(first.Key, CancellationToken.None), Is.True);
        Assert.That(await host.Get<ShiftStart>().AnnounceAsync(second.Key, CancellationToken.None), Is.True);

        await Eventually.ThatAsync(() => slack.Posts.Count(p => p.Channel == RotationTestHost.Channel) == 2, "both starts are posted");
        Assert.That(logger.Messages.Count(m => m.Contains("permission_denied", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(logger.Messages.Count(m => m.Contains("not_in_channel", StringComparison.Ordinal)), Is.EqualTo(1));
        await host.StopAsync();
    }

    private static string HomeText(RotationSlackFake slack, string user) =>
        string.Join("\n", (slack.HomeViews.Where(v => v.User == user).Select(v => v.Blocks).LastOrDefault() ?? []).Select(b =>
            System.Text.Json.JsonSerializer.Serialize((object)b, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
}
