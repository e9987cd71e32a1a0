using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>
/// Support rotations on the real bot host: a rotation declared in settings, planned into SQLite, its moments fired by
/// the real Quartz scheduler on the SQLite store, driven by a fake clock shared with the Slack emulator.
/// </summary>
public sealed class RotationEndToEndTests
{
    private const string Ciara = "U0CIARA003";
    private const string Dieter = "U0DIETER04";
    private const string Ana = "U0ANA00001";
    private const string Support = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Saturday: the rest of October has no working day, so the first shift is days ahead.</summary>
    private static readonly DateTimeOffset SaturdayNoon = new(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Rotation(string timeZone = "UTC", params string[] members)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rotations:Admins:0"] = Dieter,
            ["Rotations:Rotations:0:Name"] = "support",
            ["Rotations:Rotations:0:SupportChannel"] = Support,
            ["Rotations:Rotations:0:Owners:0"] = Dieter,
            ["Rotations:Rotations:0:TimeZone"] = timeZone,
            ["Rotations:Rotations:0:Cadence"] = "1/month",
            ["Rotations:Rotations:0:ShiftLength"] = "1h",
            ["Rotations:Rotations:0:SetTopic"] = "true",
            ["Rotations:Rotations:0:UserGroupId"] = EmulatorIds.SupportNowGroupId,
        };
        string[] people = members.Length == 0 ? [Ciara, Dieter] : members;
        for (var i = 0; i < people.Length; i++)
        {
            settings[$"Rotations:Rotations:0:Members:{i}:UserId"] = people[i];
        }

        return settings;
    }

    private static async Task<BotTestHost> StartAsync(FakeTimeProvider time, Dictionary<string, string?> settings) =>
        await BotTestHost.StartAsync(new BotTestHostOptions { Time = time, Settings = settings });

    /// <summary>The first shift of the plan the bot made at start, read from its database.</summary>
    private static async Task<Shift> FirstShiftAsync(BotTestHost host, FakeTimeProvider time)
    {
        var rotations = host.Services.GetRequiredService<RotationRepository>();
        var rotation = await rotations.FindAsync("support") ?? throw new AssertionException("the declared rotation is not stored");
        await Eventually.ThatAsync(async () => await rotations.PlannedUntilAsync(rotation.Id) is not null, "planning at start finishes", Wait);
        var shifts = await host.Services.GetRequiredService<ShiftRepository>().ListAsync(rotation.Id, time.GetUtcNow(), time.GetUtcNow().AddDays(60));
        Assert.That(shifts, Is.Not.Empty, "the rotation was planned");
        return shifts[0];
    }

    private static bool IsDmTo(SlackEmulator slack, ApiCall call, string user) =>
        call.Ok && slack.Workspace.GetChannel(call.Arg("channel") ?? "")?.ImUserId == user;

    private static bool IsReminder(ApiCall call) => call.Arg("text")?.StartsWith("Reminder:", StringComparison.Ordinal) == true;

    private static Task<ApiCall> DmAsync(SlackEmulator slack, string user, Func<ApiCall, bool> match) =>
        slack.WaitForCallAsync("chat.postMessage", c => IsDmTo(slack, c, user) && match(c), Wait);

    private static List<ApiCall> RemindersTo(SlackEmulator slack, string user) =>
        slack.Calls.All.Where(c => c.Method == "chat.postMessage" && IsDmTo(slack, c, user) && IsReminder(c)).ToList();

    /// <summary>Reminders for one shift: a member's own later shifts get reminders too, so counting by user alone is not enough.</summary>
    private static List<ApiCall> RemindersTo(SlackEmulator slack, string user, string shiftKey) =>
        RemindersTo(slack, user).Where(c => ButtonValues(c).Contains(shiftKey)).ToList();

    private static IEnumerable<string> ButtonValues(ApiCall post) =>
        System.Text.Json.Nodes.JsonNode.Parse(post.Arg("blocks") ?? "[]")!.AsArray()
            .SelectMany(block => block?["elements"]?.AsArray() ?? [])
            .Select(element => element?["value"]?.GetValue<string>())
            .OfType<string>();

    private static string Ts(ApiCall post) => (string)post.Response["ts"]!;

    [Test]
    public async Task Reminders_ArriveByDm24h1hAnd10mBeforeTheFirstShift_AndImOnItRecordsTheAck()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        await using var host = await StartAsync(time, Rotation());
        var shift = await FirstShiftAsync(host, time);
        var holder = shift.Assignees.Single();
        Assert.That(shift.Start - time.GetUtcNow(), Is.GreaterThan(TimeSpan.FromHours(24)), "all three reminders are still ahead");

        var reminders = new List<ApiCall>();
        foreach (var (offset, words) in new[] { (TimeSpan.FromHours(24), "starts in 24 hours"), (TimeSpan.FromHours(1), "starts in 1 hour"), (TimeSpan.FromMinutes(10), "starts in 10 minutes") })
        {
            var due = shift.Start - offset;
            time.SetUtcNow(due);
            var reminder = await DmAsync(host.Slack, holder, c => IsReminder(c) && c.Arg("text")!.Contains(words, StringComparison.Ordinal));
            Assert.That(reminder.Time, Is.EqualTo(due), $"the {words} reminder is sent at its moment");
            reminders.Add(reminder);
        }

        Assert.That(RemindersTo(host.Slack, holder), Has.Count.EqualTo(3), "one DM per reminder");
        Assert.That(reminders.Select(r => r.Arg("text")), Has.All.Contain($"<#{Support}>").And.All.Not.Contain("sent late"));
        Assert.That(reminders.Select(r => r.Arg("blocks")), Has.All.Contain(ShiftReminders.AckActionId).And.All.Contain(shift.Key));

        var last = reminders[^1];
        await host.Slack.ClickButtonAsync(holder, last.Arg("channel")!, Ts(last), ShiftReminders.AckActionId);

        var reply = await host.Slack.ResponseUrlPosts.WaitForAsync(p => p.Text?.Contains("you're on it", StringComparison.Ordinal) == true, Wait);
        Assert.That(reply.Text, Does.StartWith("Thanks"));
        Assert.That(await host.Services.GetRequiredService<ShiftRepository>().AckedAsync(shift.Key), Is.EquivalentTo(new[] { holder }));
    }

    [Test]
    public async Task Swap_ThroughTheFormAndTheAcceptButton_SendsTheNextRemindersToTheNewHolderOnly()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        await using var host = await StartAsync(time, Rotation());
        var slack = host.Slack;
        var shift = await FirstShiftAsync(host, time);
        var holder = shift.Assignees.Single();
        var colleague = holder == Ciara ? Dieter : Ciara;

        await slack.SendSlashCommandAsync(holder, Support, "/support", "swap");
        var form = await slack.WaitForCallAsync("views.open", c => c.Arg("view")!.Contains(ShiftSwaps.ModalCallbackId, StringComparison.Ordinal), Wait);
        var submitted = await slack.SubmitViewAsync(holder, (string)form.Response["view"]!["id"]!, new Dictionary<string, Dictionary<string, string>>
        {
            [ShiftSwaps.ShiftBlock] = new() { [ShiftSwaps.ShiftAction] = shift.Key },
            [ShiftSwaps.ColleagueBlock] = new() { [ShiftSwaps.ColleagueAction] = colleague },
        });
        Assert.That(submitted.ResponseAction, Is.Null, "the form closes: the colleague was asked");
        var ask = await DmAsync(slack, colleague, c => c.Arg("text")!.Contains("asks if you can take", StringComparison.Ordinal));
        await slack.ClickButtonAsync(colleague, ask.Arg("channel")!, Ts(ask), ShiftSwaps.AcceptActionId);
        await DmAsync(slack, holder, c => c.Arg("text")!.Contains("took your shift", StringComparison.Ordinal));
        var swapped = await host.Services.GetRequiredService<ShiftRepository>().FindAsync(shift.Key);
        Assert.That(swapped!.Assignees, Is.EqualTo(new[] { colleague }));

        foreach (var offset in new[] { TimeSpan.FromHours(24), TimeSpan.FromHours(1), TimeSpan.FromMinutes(10) })
        {
            time.SetUtcNow(shift.Start - offset);
            await DmAsync(slack, colleague, c => IsReminder(c) && c.Time == shift.Start - offset && ButtonValues(c).Contains(shift.Key));
        }

        Assert.That(RemindersTo(slack, colleague, shift.Key), Has.Count.EqualTo(3));
        Assert.That(RemindersTo(slack, holder, shift.Key), Is.Empty, "the one who swapped away is not reminded");
    }

    [Test]
    public async Task Restart_PastAReminder_SendsItOnceMarkedLate_AndRepeatsNothingAlreadySent()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        await using var host = await StartAsync(time, Rotation());
        var shift = await FirstShiftAsync(host, time);
        var holder = shift.Assignees.Single();
        time.SetUtcNow(shift.Start.AddHours(-24));
        await DmAsync(host.Slack, holder, c => IsReminder(c) && c.Arg("text")!.Contains("in 24 hours", StringComparison.Ordinal));

        // Down through the 1-hour mark; back 30 minutes before the start.
        await host.RestartAsync(whileStopped: () => time.SetUtcNow(shift.Start.AddMinutes(-30)));
        var late = await DmAsync(host.Slack, holder, c => IsReminder(c) && c.Arg("text")!.Contains("sent late", StringComparison.Ordinal));
        time.SetUtcNow(shift.Start.AddMinutes(-10));
        var onTime = await DmAsync(host.Slack, holder, c => IsReminder(c) && c.Time == shift.Start.AddMinutes(-10));

        Assert.That(late.Arg("text"), Does.Contain("starts in 30 minutes").And.Contain("(sent late: the bot was offline)"));
        Assert.That(onTime.Arg("text"), Does.Contain("starts in 10 minutes").And.Not.Contain("sent late"));
        var all = RemindersTo(host.Slack, holder).Select(c => c.Arg("text")!).ToList();
        Assert.That(all, Has.Count.EqualTo(3), string.Join(Environment.NewLine, all));
        Assert.That(all.Count(t => t.Contains("in 24 hours", StringComparison.Ordinal)), Is.EqualTo(1), "the reminder sent before the restart is not repeated");
        Assert.That(all.Count(t => t.Contains("sent late", StringComparison.Ordinal)), Is.EqualTo(1), "the missed ones come as one late reminder");
    }

    [TestCase("America/New_York", Ana, "2026-10-31T12:00:00Z", "2026-11-02T15:00:00Z", TestName = "Dst_NewYork_ShiftTheMondayAfterTheChange_StartsAt10Local")]
    [TestCase("Europe/Dublin", Ciara, "2026-10-24T12:00:00Z", "2026-10-26T10:00:00Z", TestName = "Dst_Dublin_ShiftTheMondayAfterTheChange_StartsAt10Local")]
    public async Task Shift_TheDayAfterADstChange_IsRemindedAndAnnouncedAtItsLocalWallClockTime(string zoneId, string member, string nowText, string expectedStartText)
    {
        // Planned (and its triggers made) while summer time still holds; the shift is on the Monday after the change.
        var time = new FakeTimeProvider(DateTimeOffset.Parse(nowText, System.Globalization.CultureInfo.InvariantCulture));
        var settings = Rotation(zoneId, member);
        settings["Rotations:Rotations:0:Cadence"] = "1/week";
        settings["Rotations:Rotations:0:WorkingDays"] = "mon";
        settings["Rotations:Rotations:0:SupportHours"] = "10:00-11:00";
        settings["Rotations:Rotations:0:ReminderOffsets:0"] = "10m";
        // Monday 26 October 2026 is a bank holiday in Ireland; this test is about the clocks, not holidays.
        settings["Rotations:Rotations:0:HolidayCountry"] = "none";
        await using var host = await StartAsync(time, settings);
        var shift = await FirstShiftAsync(host, time);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var expectedStart = DateTimeOffset.Parse(expectedStartText, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(shift.Start, Is.EqualTo(expectedStart), "10:00 local on the Monday, in winter time");
        Assert.That(TimeZoneInfo.ConvertTime(shift.Start, zone).TimeOfDay, Is.EqualTo(TimeSpan.FromHours(10)));
        Assert.That((await host.Services.GetRequiredService<RotationRepository>().FindAsync("support"))!.ReminderOffsets,
            Is.EqualTo(new[] { TimeSpan.FromMinutes(10) }), "the declared reminder offsets replace the defaults");

        // Through the change (at 02:00 or 01:00 local on Sunday) and on to the reminder, then the start.
        time.SetUtcNow(shift.Start.AddHours(-30));
        time.SetUtcNow(shift.Start.AddMinutes(-10));
        var reminder = await DmAsync(host.Slack, member, IsReminder);
        time.SetUtcNow(shift.Start);
        var post = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel") == Support && c.Arg("text")!.Contains(" on support until ", StringComparison.Ordinal), Wait);

        Assert.That(reminder.Time, Is.EqualTo(shift.Start.AddMinutes(-10)));
        Assert.That(reminder.Arg("text"), Does.Contain("starts in 10 minutes").And.Contain("10:00–11:00"));
        Assert.That(reminder.Arg("text"), Does.StartWith("Reminder: your *support* shift starts"), "the rotation's name is not followed by \"support\" again");
        Assert.That(post.Time, Is.EqualTo(expectedStart), "announced at 10:00 local");
        Assert.That(post.Arg("text"), Is.EqualTo($"<@{member}> is on support until {expectedStart.AddHours(1):HH:mm} UTC (11:00 {zoneId})."), "the person is named once");
        Assert.That(RemindersTo(host.Slack, member), Has.Count.EqualTo(1), "only the declared 10-minute reminder");
    }

    [Test]
    public async Task Shift_StartPostsInSupportSetsTopicAndGroup_EndAsksWhatDidYouHear_AndTheButtonTagsTheFeedbackWithTheShift()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        await using var host = await StartAsync(time, Rotation());
        var slack = host.Slack;
        var shift = await FirstShiftAsync(host, time);
        var holder = shift.Assignees.Single();
        var name = slack.Workspace.GetUser(holder)!.Name;

        time.SetUtcNow(shift.Start);
        var post = await slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel") == Support && c.Arg("text")!.Contains(" on support until ", StringComparison.Ordinal), Wait);
        var topic = await slack.WaitForCallAsync("conversations.setTopic", c => c.Ok, Wait);
        var group = await slack.WaitForCallAsync("usergroups.users.update", c => c.Ok, Wait);

        var until = $"{shift.End:HH:mm} UTC";
        Assert.That(post.Time, Is.EqualTo(shift.Start));
        Assert.That(post.Arg("text"), Does.StartWith($"<@{holder}> is on support until {until}"));
        Assert.That(topic.Arg("channel"), Is.EqualTo(Support));
        Assert.That(slack.Workspace.GetChannel(Support)!.Topic, Does.StartWith("On support: @").And.Contain(name).And.EndWith($"until {until}"));
        Assert.That(slack.Workspace.GetUserGroup(EmulatorIds.SupportNowGroupId)!.Users, Is.EqualTo(new[] { holder }), "@support-now is the person on shift");
        Assert.That(group.Time, Is.EqualTo(shift.Start));

        // Only those who served are thanked and asked: the holder says "I'm on it".
        Assert.That((await host.Services.GetRequiredService<ShiftAcknowledgements>().AckAsync(holder, shift.Key, CancellationToken.None)).Changed, Is.True);
        time.SetUtcNow(shift.End);
        var question = await DmAsync(slack, holder, c => c.Arg("text")!.Contains("What did you hear?", StringComparison.Ordinal));
        Assert.That(question.Time, Is.EqualTo(shift.End));

        // Long after the shift: the lookup no longer finds it, so only the button's shift key can tag the item.
        time.Advance(TimeSpan.FromHours(5));
        await slack.ClickButtonAsync(holder, question.Arg("channel")!, Ts(question), OpenFeedbackModalAction.ActionId);
        var opened = await slack.WaitForCallAsync("views.open", c => c.Ok && c.Arg("view")!.Contains(FeedbackModals.NewCallback, StringComparison.Ordinal), Wait);
        Assert.That((string?)opened.Response["view"]!["private_metadata"], Does.Contain(shift.Key));
        var source = opened.Response["view"]!["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == FeedbackModals.SourceBlock)!;
        Assert.That((string?)source["element"]!["initial_option"]?["value"], Is.EqualTo("support"), "heard on a support shift: the source is preset");
        time.Advance(TimeSpan.FromHours(1));
        Assert.That(await host.Services.GetRequiredService<ICurrentShiftLookup>().ShiftKeyFor(holder, time.GetUtcNow()), Is.Null);

        var saved = await slack.SubmitViewAsync(holder, (string)opened.Response["view"]!["id"]!, new Dictionary<string, Dictionary<string, string>>
        {
            [FeedbackModals.TextBlock] = new() { ["text"] = "Customer asked: can we sign in with Okta?" },
            [FeedbackModals.CustomerBlock] = new() { ["customer"] = "Initech" },
        });

        Assert.That(saved.ResponseAction, Is.EqualTo("update"), "the form shows the saved page");
        var item = host.Services.GetRequiredService<FeedbackRepository>().List(null, null, 10).Single();
        Assert.That((item.Text, item.Customer, item.ReporterId, item.CapturePath), Is.EqualTo(("Customer asked: can we sign in with Okta?", "Initech", holder, CapturePaths.Modal)));
        Assert.That(item.ShiftKey, Is.EqualTo(shift.Key));
    }

    [Test]
    public async Task HandoffNote_WithAChannelPingAndADisguisedLink_ReachesTheNextShiftDefused()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        await using var host = await StartAsync(time, Rotation());
        var slack = host.Slack;
        var shift = await FirstShiftAsync(host, time);
        var holder = shift.Assignees.Single();
        time.SetUtcNow(shift.Start);
        await slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel") == Support && c.Arg("text")!.Contains(" on support until ", StringComparison.Ordinal), Wait);

        time.SetUtcNow(shift.Start.AddMinutes(10));
        await slack.SendSlashCommandAsync(holder, Support, "/support", "handoff @channel Acme is down, status at <http://evil.example/x|https://status.example.com>");
        await Eventually.ThatAsync(async () => (await host.Services.GetRequiredService<ShiftRepository>().HandoffNotesAsync(shift.Key)).Count == 1, "the note is saved", Wait);
        time.SetUtcNow(shift.End);
        var next = (await host.Services.GetRequiredService<ShiftRepository>().NextAfterAsync(shift.RotationId, shift.Start.AddMilliseconds(1)))!;
        var handoff = await DmAsync(slack, next.Participants.First(), c => c.Arg("text")!.Contains("Hand-off from the previous", StringComparison.Ordinal));

        SlackTextAssert.NoPingOrDisguisedLink(handoff);
        Assert.That(handoff.Arg("text"), Does.Contain("@channel Acme is down").And.Contain("http://evil.example/x"));
    }
}
