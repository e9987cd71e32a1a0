using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.TypeCheck;

/// <summary>
/// Everything the bot sends to Slack on a tour of its flows, checked against Slack's own TypeScript types
/// (@slack/types, @slack/web-api, @slack/bolt) by tests/typecheck/check.js on the emulator's recording.
/// </summary>
public sealed class SlackTypesTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Ciara = "U0CIARA003";
    private const string Dieter = "U0DIETER04";
    private const string Support = EmulatorIds.SupportChannelId;
    private const string Listening = EmulatorIds.CustomerFeedbackChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Sunday evening: the weekly digest for #customer-feedback is due Monday 09:00 in Berlin (08:00 UTC), the first shifts follow.</summary>
    private static readonly DateTimeOffset SundayEvening = new(2026, 11, 29, 20, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset DigestDue = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task EverythingTheBotSendsOnATourOfItsFlows_PassesSlacksTypeScriptTypes()
    {
        var checker = TypeChecker.Find();
        using var dir = new TempDirectory();
        var recording = dir.File("tour.jsonl");
        var time = new FakeTimeProvider(SundayEvening);
        await using (var host = await BotTestHost.StartAsync(new BotTestHostOptions { Time = time, RecordPath = recording, Settings = Settings() }))
        {
            await FeedbackTourAsync(host);
            await SupportTourAsync(host, time);
        }

        var (exitCode, output) = await checker.RunAsync(recording);

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Slack types hold"));
    }

    [Test]
    public async Task Checker_RefusesWhatSlacksTypesRefuse_AndAMethodItHasNoTypeFor()
    {
        var checker = TypeChecker.Find();
        using var dir = new TempDirectory();
        var good = dir.File("good.jsonl");
        var bad = dir.File("bad.jsonl");
        var unknown = dir.File("unknown.jsonl");
        const string post = """{"kind":"api","time":"2026-11-30T08:00:00.0000000+00:00","method":"chat.postMessage","args":{"channel":"C1","text":"hi","unfurl_links":"false","blocks":"[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}}]"},"response":{"ok":true},"http_status":200}""";
        await File.WriteAllLinesAsync(good, [post]);
        await File.WriteAllLinesAsync(bad, [post, """{"kind":"ack","time":"2026-11-30T08:00:00.0000000+00:00","delivery_id":"d1","delivery_kind":"interactive","payload_type":"view_submission","transport":"socket_mode","envelope_id":"e1","status":"acked","http_status":null,"payload":{"response_action":"update","view":{"type":"modal","title":"Saved","blocks":[]}}}"""]);
        await File.WriteAllLinesAsync(unknown, ["""{"kind":"api","time":"2026-11-30T08:00:00.0000000+00:00","method":"chat.scheduleMessage","args":{},"response":{"ok":true},"http_status":200}"""]);

        var (goodExit, goodOutput) = await checker.RunAsync(good);
        var (badExit, badOutput) = await checker.RunAsync(bad);
        var (unknownExit, unknownOutput) = await checker.RunAsync(unknown);

        Assert.That(goodExit, Is.EqualTo(0), goodOutput);
        Assert.That(badExit, Is.EqualTo(1), badOutput);
        Assert.That(badOutput, Does.Contain("bad.jsonl:2 ack view_submission").And.Contain("PlainTextElement"));
        Assert.That(unknownExit, Is.EqualTo(2), unknownOutput);
        Assert.That(unknownOutput, Does.Contain("chat.scheduleMessage").And.Contain("METHOD_TYPES"));
    }

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feedback:PassiveChannels:0"] = Listening,
            ["Digests:Subscriptions:0:Channel"] = Listening,
            ["Digests:Subscriptions:0:Cadence"] = "weekly",
            ["Digests:Subscriptions:0:TimeZone"] = "Europe/Berlin",
            ["Rotations:Admins:0"] = Dieter,
            ["Rotations:Rotations:0:Name"] = "support",
            ["Rotations:Rotations:0:SupportChannel"] = Support,
            ["Rotations:Rotations:0:Owners:0"] = Dieter,
            ["Rotations:Rotations:0:TimeZone"] = "UTC",
            ["Rotations:Rotations:0:Cadence"] = "1/week",
            ["Rotations:Rotations:0:ShiftLength"] = "1h",
            ["Rotations:Rotations:0:SetTopic"] = "true",
            ["Rotations:Rotations:0:UserGroupId"] = EmulatorIds.SupportNowGroupId,
            ["Rotations:Rotations:0:Members:0:UserId"] = Ciara,
            ["Rotations:Rotations:0:Members:1:UserId"] = Dieter,
        };
        return settings;
    }

    private static Dictionary<string, Dictionary<string, string>> Form(string text, string? customer = null)
    {
        var values = new Dictionary<string, Dictionary<string, string>> { [FeedbackModals.TextBlock] = new() { ["text"] = text } };
        if (customer is not null)
        {
            values[FeedbackModals.CustomerBlock] = new() { ["customer"] = customer };
        }

        return values;
    }

    private static async Task ReplyAsync(SlackEmulator slack, DeliveryResult result)
    {
        Assert.That(result.Acked, Is.True, result.Error);
        if (result.AckPayload?["text"] is null)
        {
            await slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait);
        }
    }

    private static async Task<string> OpenedViewIdAsync(SlackEmulator slack, int opensBefore)
    {
        await Eventually.ThatAsync(() => slack.Calls.All.Count(c => c.Method == "views.open") > opensBefore, "views.open", Wait);
        var open = slack.Calls.All.Where(c => c.Method == "views.open").ElementAt(opensBefore);
        Assert.That(open.Ok, Is.True, open.ToString());
        return (string)open.Response["view"]!["id"]!;
    }

    private static int Opens(SlackEmulator slack) => slack.Calls.All.Count(c => c.Method == "views.open");

    private static async Task FeedbackTourAsync(BotTestHost host)
    {
        var slack = host.Slack;
        var repository = host.Services.GetRequiredService<FeedbackRepository>();

        // /feedback with inline fields, then the reply's bucket menu (answered on the response_url) and its details form.
        var captured = await slack.SendSlashCommandAsync(Ana, Support, "/feedback", "customer:\"Big Co\" source:sales How do I connect Trello?");
        await ReplyAsync(slack, captured);
        var reply = slack.Workspace.Messages.Last(m => m.EphemeralFor == Ana && m.Blocks is not null);
        var opens = Opens(slack);
        await slack.ClickButtonAsync(Ana, Support, reply.Ts, FeedbackReplies.AddDetailsAction);
        var details = await OpenedViewIdAsync(slack, opens);
        await slack.SubmitViewAsync(Ana, details, new Dictionary<string, Dictionary<string, string>> { [FeedbackModals.CustomerBlock] = new() { ["customer"] = "Big Co" } });
        var menu = reply.Blocks!.SelectMany(b => b?["elements"]?.AsArray() ?? []).Single(e => (string?)e?["action_id"] == FeedbackReplies.SetBucketAction)!;
        await slack.SelectOptionAsync(Ana, Support, reply.Ts, FeedbackReplies.SetBucketAction, (string)menu["options"]!.AsArray().Last()!["value"]!);
        await slack.ResponseUrlPosts.WaitForAsync(p => p.Text?.Contains("moved to", StringComparison.Ordinal) == true, Wait);

        // The New feedback modal: an empty submission gets errors, a good one the saved page.
        opens = Opens(slack);
        await slack.SendGlobalShortcutAsync(Ana, NewFeedbackShortcut.CallbackId);
        var modal = await OpenedViewIdAsync(slack, opens);
        var invalid = await slack.SubmitViewAsync(Ana, modal, Form("   "));
        var valid = await slack.SubmitViewAsync(Ana, modal, Form("Can you integrate with Jira?", "Acme"));
        Assert.That((invalid.ResponseAction, valid.ResponseAction), Is.EqualTo(("errors", "update")));

        // Message shortcut, bulb reaction and a message in a listened channel (with its follow-up question).
        var asked = await slack.PostUserMessageAsync(Ben, Support, "Customer asked: can I export to Excel?");
        opens = Opens(slack);
        await slack.SendMessageShortcutAsync(Ana, Support, asked.Ts, CaptureMessageShortcut.CallbackId);
        await slack.SubmitViewAsync(Ana, await OpenedViewIdAsync(slack, opens), Form("Customer asked: can I export to Excel?", "Initech"));
        var bulb = await slack.PostUserMessageAsync(Ben, Support, "How do I reset 2FA for my whole team?");
        await slack.AddReactionAsync(Ana, Support, bulb.Ts, "bulb");
        await slack.WaitForCallAsync("chat.postMessage", c => c.Arg("thread_ts") == bulb.Ts, Wait);
        var passive = await slack.PostUserMessageAsync(Ben, Listening, "Customer: how do I move seats between teams?");
        await slack.WaitForCallAsync("chat.postMessage", c => c.Arg("thread_ts") == passive.Ts, Wait);
        await Eventually.ThatAsync(() => repository.FindByMessage(Listening, passive.Ts) is not null, "the passive capture", Wait);

        foreach (var command in new[] { "list", "show 1", "search Trello", "resolve 1 The Trello connector is in Settings", "digest week", "help" })
        {
            await ReplyAsync(slack, await slack.SendSlashCommandAsync(Ana, Support, "/feedback", command));
        }

        await slack.WaitForCallAsync("chat.postMessage", c => c.Arg("text")?.Contains("The Trello connector is in Settings", StringComparison.Ordinal) == true, Wait);
    }

    private static async Task SupportTourAsync(BotTestHost host, FakeTimeProvider time)
    {
        var slack = host.Slack;
        var rotations = host.Services.GetRequiredService<RotationRepository>();
        var rotation = await rotations.FindAsync("support") ?? throw new AssertionException("the declared rotation is not stored");
        await Eventually.ThatAsync(async () => await rotations.PlannedUntilAsync(rotation.Id) is not null, "planning at start finishes", Wait);
        var shifts = await host.Services.GetRequiredService<ShiftRepository>().ListAsync(rotation.Id, time.GetUtcNow(), time.GetUtcNow().AddDays(30));
        Assert.That(shifts, Has.Count.GreaterThanOrEqualTo(2), "two shifts planned");
        var shift = shifts[0];
        var holder = shift.Assignees.Single();
        var colleague = holder == Ciara ? Dieter : Ciara;

        foreach (var command in new[] { "help", "now", "schedule", "ack", "handoff", "away" })
        {
            Assert.That((await slack.SendSlashCommandAsync(holder, Support, "/support", command)).Acked, Is.True, command);
        }

        // Home tab, its away form, and a swap through the form and the Accept button.
        await slack.SendAppHomeOpenedAsync(holder);
        var home = await slack.WaitForCallAsync("views.publish", c => c.Ok, Wait);
        var opens = Opens(slack);
        await slack.ClickViewButtonAsync(holder, (string)home.Response["view"]!["id"]!, SupportHome.AwayActionId);
        await slack.SubmitViewAsync(holder, await OpenedViewIdAsync(slack, opens), new Dictionary<string, Dictionary<string, string>>());

        opens = Opens(slack);
        await slack.SendSlashCommandAsync(holder, Support, "/support", "swap");
        var form = await OpenedViewIdAsync(slack, opens);
        await slack.SubmitViewAsync(holder, form, new Dictionary<string, Dictionary<string, string>>
        {
            [ShiftSwaps.ShiftBlock] = new() { [ShiftSwaps.ShiftAction] = shift.Key },
            [ShiftSwaps.ColleagueBlock] = new() { [ShiftSwaps.ColleagueAction] = colleague },
        });
        var ask = await slack.WaitForCallAsync("chat.postMessage", c => c.Arg("text")?.Contains("asks if you can take", StringComparison.Ordinal) == true, Wait);
        await slack.ClickButtonAsync(colleague, ask.Arg("channel")!, (string)ask.Response["ts"]!, ShiftSwaps.AcceptActionId);
        await slack.WaitForCallAsync("chat.postMessage", c => c.Arg("text")?.Contains("took your shift", StringComparison.Ordinal) == true, Wait);

        // The clock runs on: the scheduled digest with its chart, the reminders, the shift's start and end.
        var moments = new[] { DigestDue, shift.Start.AddMinutes(-10), shift.Start, shift.End }.Where(m => m > time.GetUtcNow()).Order().ToList();
        foreach (var moment in moments)
        {
            time.SetUtcNow(moment);
            if (moment == DigestDue)
            {
                await slack.WaitForCallAsync("files.completeUploadExternal", c => c.Ok, Wait);
            }
            else if (moment == shift.Start.AddMinutes(-10))
            {
                var reminder = await slack.WaitForCallAsync("chat.postMessage", c => c.Time == moment && c.Arg("text")?.StartsWith("Reminder:", StringComparison.Ordinal) == true, Wait);
                await slack.ClickButtonAsync(colleague, reminder.Arg("channel")!, (string)reminder.Response["ts"]!, ShiftReminders.AckActionId);
                await slack.ResponseUrlPosts.WaitForAsync(p => p.Text?.Contains("you're on it", StringComparison.Ordinal) == true, Wait);
            }
            else if (moment == shift.Start)
            {
                await slack.WaitForCallAsync("usergroups.users.update", c => c.Ok, Wait);
            }
            else
            {
                await slack.WaitForCallAsync("chat.postMessage", c => c.Arg("text")?.Contains("What did you hear?", StringComparison.Ordinal) == true, Wait);
            }
        }
    }
}

/// <summary>Runs tests/typecheck/check.js with node on a recording.</summary>
internal sealed class TypeChecker(string directory)
{
    public const string Fix = "npm ci --prefix tests/typecheck";

    public static TypeChecker Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tests", "typecheck", "package.json")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            Assert.Fail("tests/typecheck/package.json not found above " + AppContext.BaseDirectory);
        }

        var checker = Path.Combine(dir!.FullName, "tests", "typecheck");
        if (!Directory.Exists(Path.Combine(checker, "node_modules", "typescript")))
        {
            Assert.Fail($"The Slack type check is not installed (tests/typecheck/node_modules is missing); run: {Fix}");
        }

        return new TypeChecker(checker);
    }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] recordings)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        start.ArgumentList.Add(Path.Combine(directory, "check.js"));
        foreach (var recording in recordings)
        {
            start.ArgumentList.Add(recording);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AssertionException($"Could not run node ({e.Message}); install Node.js 20 and run: {Fix}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new AssertionException("The Slack type check took more than 60 s.");
            }

            return (process.ExitCode, (await stdout + await stderr).Trim());
        }
    }
}
