using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>
/// The whole company: a rotation that follows a user group and a channel on the real bot, kept in step by Slack's
/// membership events and the daily check, and a deactivated account leaving every rotation. Events and commands go
/// through the emulator; the clock is fake.
/// </summary>
public sealed class FollowEndToEndTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Ciara = "U0CIARA003";
    private const string Dieter = "U0DIETER04";
    private const string Priya = "U0PRIYA005";
    private const string Sam = "U0SAM00006";
    private const string Group = EmulatorIds.SupportNowGroupId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset SaturdayNoon = new(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private static async Task<List<DateTimeOffset>> ShiftTimesAsync(ShiftRepository shifts, string userId, DateTimeOffset now) =>
        (await shifts.UpcomingForAsync(userId, now, 50)).Select(s => s.Start).Order().ToList();

    private static Dictionary<string, string?> Rotation(string name = "support", int index = 0, string cadence = "1/month", string timeZone = "UTC", params string[] members)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rotations:Admins:0"] = Dieter,
            [$"Rotations:Rotations:{index}:Name"] = name,
            [$"Rotations:Rotations:{index}:SupportChannel"] = EmulatorIds.SupportChannelId,
            [$"Rotations:Rotations:{index}:Owners:0"] = Dieter,
            [$"Rotations:Rotations:{index}:Cadence"] = cadence,
            [$"Rotations:Rotations:{index}:TimeZone"] = timeZone,
        };
        for (var i = 0; i < members.Length; i++)
        {
            settings[$"Rotations:Rotations:{index}:Members:{i}:UserId"] = members[i];
        }

        return settings;
    }

    private static async Task<(BotTestHost Host, RotationRepository Rotations, long RotationId)> StartAsync(FakeTimeProvider time, Dictionary<string, string?> settings)
    {
        var host = await BotTestHost.StartAsync(new BotTestHostOptions { Time = time, Settings = settings });
        var rotations = host.Services.GetRequiredService<RotationRepository>();
        var rotation = (await rotations.FindAsync("support"))!;
        await Eventually.ThatAsync(async () => await rotations.PlannedUntilAsync(rotation.Id) is not null, "planning at start finishes", Wait);
        return (host, rotations, rotation.Id);
    }

    private static async Task<string> ReplyAsync(SlackEmulator slack, DeliveryResult result) =>
        result.AckPayload?["text"]?.ToString() ?? (await slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";

    private static async Task<IReadOnlyList<string>> ActiveAsync(RotationRepository rotations, long rotationId) =>
        (await rotations.MembersAsync(rotationId, includeFormer: false)).Select(m => m.UserId).ToList();

    private static bool IsDmTo(SlackEmulator slack, ApiCall call, string user) =>
        call.Ok && slack.Workspace.GetChannel(call.Arg("channel") ?? "")?.ImUserId == user;

    [Test]
    public async Task Follow_AUserGroup_EnrolsItsPeopleOnce_AndItsChangesComeAndGo()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        var (host, rotations, rotationId) = await StartAsync(time, Rotation(members: [Ciara, Dieter]));
        await using var _ = host;
        var slack = host.Slack;
        slack.Workspace.SetUserGroupUsers(Group, [Ana, Ciara]);

        var reply = await ReplyAsync(slack, await slack.SendSlashCommandAsync(Dieter, EmulatorIds.SupportChannelId, "/support", "follow support @support-now"));

        Assert.That(reply, Does.StartWith("*support* now follows the user group @support-now: 1 person joined"));
        Assert.That(await ActiveAsync(rotations, rotationId), Is.EquivalentTo(new[] { Ana, Ciara, Dieter }), "Ciara, on it by hand already, is not enrolled twice");
        var welcome = await slack.WaitForCallAsync("chat.postMessage", c => IsDmTo(slack, c, Ana) && c.Arg("text")!.StartsWith("Welcome to the *support* support rotation", StringComparison.Ordinal), Wait);
        Assert.That(welcome.Arg("text"), Does.Not.Contain("<!subteam"));

        await slack.ChangeUserGroupMembersAsync(Group, [Ana, Ciara, Ben, EmulatorIds.BotUserId]);
        await Eventually.ThatAsync(async () => (await ActiveAsync(rotations, rotationId)).Contains(Ben), "the event brings Ben in", Wait);

        await slack.ChangeUserGroupMembersAsync(Group, [Ben]);
        await Eventually.ThatAsync(async () => !(await ActiveAsync(rotations, rotationId)).Contains(Ana), "Ana, who came in through the group, leaves with it", Wait);
        Assert.That(await ActiveAsync(rotations, rotationId), Is.EquivalentTo(new[] { Ben, Ciara, Dieter }), "Ciara joined by hand and stays; the bot is never enrolled");

        var again = await ReplyAsync(slack, await slack.SendSlashCommandAsync(Dieter, EmulatorIds.SupportChannelId, "/support", "follow support @support-now"));
        Assert.That(again, Does.Contain("already follows"));

        var unfollowed = await ReplyAsync(slack, await slack.SendSlashCommandAsync(Dieter, EmulatorIds.SupportChannelId, "/support", "unfollow support @support-now"));
        Assert.That(unfollowed, Does.StartWith("*support* no longer follows the user group @support-now. 1 person who came in through it left"));
        Assert.That(await ActiveAsync(rotations, rotationId), Is.EquivalentTo(new[] { Ciara, Dieter }));
        Assert.That(slack.Errors.All, Is.Empty);
    }

    [Test]
    public async Task Follow_AChannel_FollowsItsJoinsAndLeaves_AndTheDailyCheckCatchesWhatAnEventMissed()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        var (host, rotations, rotationId) = await StartAsync(time, Rotation(members: [Dieter]));
        await using var _ = host;
        var slack = host.Slack;
        slack.Workspace.AddChannel("C0LISTEN01", "everyone-support", false, [Ana, EmulatorIds.BotUserId]);

        var reply = await ReplyAsync(slack, await slack.SendSlashCommandAsync(Dieter, EmulatorIds.SupportChannelId, "/support", "follow #everyone-support"));
        Assert.That(reply, Does.StartWith("*support* now follows <#C0LISTEN01>: 1 person joined"));

        await slack.JoinChannelAsync(Priya, "C0LISTEN01");
        await Eventually.ThatAsync(async () => (await ActiveAsync(rotations, rotationId)).Contains(Priya), "member_joined_channel brings Priya in", Wait);
        await slack.LeaveChannelAsync(Ana, "C0LISTEN01");
        await Eventually.ThatAsync(async () => !(await ActiveAsync(rotations, rotationId)).Contains(Ana), "member_left_channel takes Ana off", Wait);

        // A join Slack never told the bot about: the daily check reads the channel again.
        slack.Workspace.JoinChannel("C0LISTEN01", Sam);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var daily = await scheduler.GetTrigger(new TriggerKey("rotation-member-sync-daily", "rotations")) as ICronTrigger;
        Assert.That(daily?.CronExpressionString, Is.EqualTo(MemberSync.DailyCron));
        Assert.That(daily!.TimeZone, Is.EqualTo(TimeZoneInfo.Utc));
        await scheduler.TriggerJob(MemberSyncJob.Key);
        await Eventually.ThatAsync(async () => (await ActiveAsync(rotations, rotationId)).Contains(Sam), "the daily check enrols Sam", Wait);
        Assert.That(await ActiveAsync(rotations, rotationId), Is.EquivalentTo(new[] { Dieter, Priya, Sam }));
    }

    [Test]
    public async Task Follow_BadTargetsAndStrangers_AreAnsweredWithTheFix_AndChangeNothing()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        var (host, rotations, rotationId) = await StartAsync(time, Rotation(members: [Dieter]));
        await using var _ = host;
        var slack = host.Slack;

        var stranger = await ReplyAsync(slack, await slack.SendSlashCommandAsync(Ana, EmulatorIds.SupportChannelId, "/support", "follow support @support-now"));
        Assert.That(stranger, Does.StartWith("Only the rotation's owners and rotation admins"));
        var unknown = await ReplyAsync(slack, await slack.SendSlashCommandAsync(Dieter, EmulatorIds.SupportChannelId, "/support", "follow support @nobody-<here>"));
        Assert.That(unknown, Does.Contain("There is no user group").And.Contain("@group").And.Not.Contain("<here>"));
        var person = await ReplyAsync(slack, await slack.SendSlashCommandAsync(Dieter, EmulatorIds.SupportChannelId, "/support", "follow support <@U0ANA00001>"));
        Assert.That(person, Does.StartWith("I couldn't read"));
        Assert.That(await ActiveAsync(rotations, rotationId), Is.EqualTo(new[] { Dieter }));
        Assert.That(slack.Errors.All, Is.Empty);
    }

    [Test]
    public async Task Deactivated_LeavesEveryRotation_TheirShiftsAreReplanned_AndOnlyThePeopleAffectedAreTold()
    {
        var time = new FakeTimeProvider(SaturdayNoon);
        // Support is staffed every day, so Ana's days go to Ben (both work Los Angeles hours there, so every day fits both);
        // on sales everyone has their own monthly shift, and Ciara is told only if the re-plan moved hers.
        var settings = Rotation(cadence: "continuous/daily", timeZone: "America/Los_Angeles", members: [Ana, Ben]);
        settings["Rotations:Rotations:0:Members:0:TimeZone"] = "America/Los_Angeles";
        settings["Rotations:Rotations:0:Members:1:TimeZone"] = "America/Los_Angeles";
        foreach (var (key, value) in Rotation("sales", 1, "1/month", "Europe/Dublin", Ana, Ciara))
        {
            settings[key] = value;
        }

        var (host, rotations, rotationId) = await StartAsync(time, settings);
        await using var _ = host;
        var slack = host.Slack;
        var shifts = host.Services.GetRequiredService<ShiftRepository>();
        var sales = (await rotations.FindAsync("sales"))!;
        await Eventually.ThatAsync(async () => await rotations.PlannedUntilAsync(sales.Id) is not null, "the second rotation is planned", Wait);
        var anasShifts = await shifts.UpcomingForAsync(Ana, time.GetUtcNow(), 50);
        Assert.That(anasShifts, Is.Not.Empty);
        var ciarasShiftsBefore = await ShiftTimesAsync(shifts, Ciara, time.GetUtcNow());
        var before = slack.Calls.All.Count;

        await slack.DeactivateUserAsync(Ana);

        await Eventually.ThatAsync(async () => (await rotations.RotationsOfAsync(Ana)).Count == 0, "Ana leaves every rotation", Wait);
        await Eventually.ThatAsync(async () => (await shifts.UpcomingForAsync(Ana, time.GetUtcNow(), 50)).Count == 0, "none of her shifts is left", Wait);
        foreach (var old in anasShifts)
        {
            var now = await shifts.FindAsync(old.Key);
            Assert.That(now?.Status == ShiftStatus.Cancelled || now?.IsParticipant(Ana) == false, Is.True, $"{old.Key} is re-planned without her");
        }

        var told = await slack.WaitForCallAsync("chat.postMessage", c => IsDmTo(slack, c, Ben) && c.Arg("text")!.StartsWith("Your support shifts on *support* changed", StringComparison.Ordinal), Wait);
        Assert.That(told.Arg("text"), Does.Contain("no shift →"), "Ben is told of the days he takes over");
        await Eventually.ThatAsync(() => OutboxTable.Rows(host.Database).All(r => r.Status != "pending"), "every queued Slack effect is sent", Wait);
        var dmed = slack.Calls.All.Skip(before)
            .Where(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("text")!.Contains("changed", StringComparison.Ordinal))
            .Select(c => slack.Workspace.GetChannel(c.Arg("channel")!)?.ImUserId).ToHashSet();
        var ciaraMoved = !ciarasShiftsBefore.SequenceEqual(await ShiftTimesAsync(shifts, Ciara, time.GetUtcNow()));
        Assert.That(dmed, Is.EquivalentTo(ciaraMoved ? new[] { Ben, Ciara } : new[] { Ben }),
            "only the people whose shifts moved are told, and the deactivated account gets no DM");

        // Back in the group she followed, she is still not enrolled: Slack says she is gone.
        await slack.SendSlashCommandAsync(Dieter, EmulatorIds.SupportChannelId, "/support", "follow support @support-now");
        await slack.ChangeUserGroupMembersAsync(Group, [Ana, Sam]);
        await Eventually.ThatAsync(async () => (await ActiveAsync(rotations, rotationId)).Contains(Sam), "Sam comes in", Wait);
        Assert.That(await ActiveAsync(rotations, rotationId), Does.Not.Contain(Ana));
    }
}
