using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Recording;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>The emulator's JSONL recording: what the bot called, what was delivered to it, how it acked and what it posted to response_urls.</summary>
public sealed class RecordingTests
{
    private const string Ana = "U0ANA00001";
    private const string Support = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static List<JsonObject> ReadLines(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    [Test]
    public async Task SlashCommandAndMenuPick_AreRecordedAsDeliveryAckApiCallsAndResponseUrlPost()
    {
        using var dir = new TempDirectory();
        var path = dir.File("traffic.jsonl");
        string botToken;
        await using (var host = await BotTestHost.StartAsync(new BotTestHostOptions { RecordPath = path }))
        {
            var slack = host.Slack;
            botToken = slack.BotToken;
            Assert.That(slack.RecordPath, Is.EqualTo(path));
            await slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I connect Trello?");
            var reply = slack.Workspace.Messages.Last(m => m.EphemeralFor == Ana && m.Blocks is not null);
            var select = reply.Blocks!.SelectMany(b => b?["elements"]?.AsArray() ?? []).Single(e => (string?)e?["action_id"] == FeedbackReplies.SetBucketAction)!;
            var option = (string)select["options"]!.AsArray().Last()!["value"]!;
            await slack.SelectOptionAsync(Ana, Support, reply.Ts, FeedbackReplies.SetBucketAction, option);
            await slack.ResponseUrlPosts.WaitForAsync(null, Wait);
        }

        var lines = ReadLines(path);
        Assert.That(lines.Select(l => (string?)l["time"]), Has.All.Matches<string?>(t => DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.That(File.ReadAllText(path), Does.Not.Contain(botToken), "tokens are never recorded");

        var command = lines.Single(l => (string?)l["kind"] == "delivery" && (string?)l["delivery_kind"] == "slash_command");
        Assert.That((string?)command["payload"]!["command"], Is.EqualTo("/feedback"));
        Assert.That((string?)command["payload"]!["text"], Is.EqualTo("How do I connect Trello?"));
        Assert.That((string?)command["transport"], Is.EqualTo("socket_mode"));

        var ack = lines.Single(l => (string?)l["kind"] == "ack" && (string?)l["delivery_id"] == (string?)command["delivery_id"]);
        Assert.That(((string?)ack["payload_type"], (string?)ack["status"], (string?)ack["envelope_id"]),
            Is.EqualTo(("slash_command", "acked", (string?)command["envelope_id"])));
        Assert.That((string?)ack["payload"]!["text"], Does.Contain("#1"));
        Assert.That(ack["payload"]!["blocks"], Is.InstanceOf<JsonArray>());

        var pick = lines.Single(l => (string?)l["kind"] == "delivery" && (string?)l["payload"]?["type"] == "block_actions");
        var pickAck = lines.Single(l => (string?)l["kind"] == "ack" && (string?)l["delivery_id"] == (string?)pick["delivery_id"]);
        Assert.That((string?)pickAck["payload_type"], Is.EqualTo("block_actions"));

        var posted = lines.Single(l => (string?)l["kind"] == "response_url");
        Assert.That((string?)posted["url"], Is.EqualTo((string?)pick["payload"]!["response_url"]));
        Assert.That((string?)posted["payload"]!["text"], Does.Contain("moved to"));

        var connect = lines.First(l => (string?)l["kind"] == "api" && (string?)l["method"] == "apps.connections.open");
        Assert.That(((int?)connect["http_status"], (bool?)connect["response"]!["ok"]), Is.EqualTo(((int?)200, (bool?)true)));
        Assert.That(connect["args"], Is.InstanceOf<JsonObject>());
        Assert.That(lines.Where(l => (string?)l["kind"] == "api").Select(l => (string?)l["method"]), Does.Contain("auth.test"));
    }

    [Test]
    public async Task HttpDelivery_AckIsRecordedWithItsStatus()
    {
        using var dir = new TempDirectory();
        var path = dir.File("http.jsonl");
        await using (var host = await BotTestHost.StartAsync(new BotTestHostOptions { RecordPath = path, Mode = SlackFeedbackBot.Slack.SlackMode.Http }))
        {
            await host.Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "Can you integrate with Jira?");
        }

        var ack = ReadLines(path).Single(l => (string?)l["kind"] == "ack");
        Assert.That(((string?)ack["transport"], (int?)ack["http_status"], (string?)ack["status"]), Is.EqualTo(("http", (int?)200, "acked")));
        Assert.That((string?)ack["payload"]!["text"], Does.Contain("#1"));
    }

    [Test]
    public void RecordPath_ExplicitWins_ElseANewFileInTheDirectory_ElseNone()
    {
        Assert.That(TrafficRecorder.ResolvePath("/tmp/a.jsonl", "/tmp/dir"), Is.EqualTo("/tmp/a.jsonl"));
        var first = TrafficRecorder.ResolvePath(null, "/tmp/dir");
        var second = TrafficRecorder.ResolvePath("", "/tmp/dir");
        Assert.That(Path.GetDirectoryName(first), Is.EqualTo("/tmp/dir"));
        Assert.That(first, Does.EndWith(".jsonl").And.Not.EqualTo(second), "one file per emulator");
        Assert.That(TrafficRecorder.ResolvePath(null, " "), Is.Null);
    }

    [Test]
    public async Task StandaloneRunner_RecordFlag_WritesEachCallAsItHappens()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runner.jsonl");
        using var process = StartRunner("--port", "0", "--record", path);
        try
        {
            var apiBase = await ReadApiBaseUrlAsync(process);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiBase, "auth.test")) { Content = new FormUrlEncodedContent([new("foo", "bar")]) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorProgram.StandaloneBotToken);
            using var response = await http.SendAsync(request);
            Assert.That(response.IsSuccessStatusCode, Is.True);

            // Still running: the line is on disk because each one is flushed.
            await Eventually.ThatAsync(
                () => File.Exists(path) && ReadShared(path).Any(l => (string?)l["method"] == "auth.test"),
                "the auth.test call is in the recording", Wait, () => File.Exists(path) ? string.Join('\n', File.ReadAllLines(path)) : "(no file)");
            var line = ReadShared(path).Single(l => (string?)l["method"] == "auth.test");
            Assert.That(((string?)line["kind"], (string?)line["args"]!["foo"], (bool?)line["response"]!["ok"]), Is.EqualTo(("api", "bar", (bool?)true)));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Test]
    public async Task StandaloneRunner_WithTheRecordDirectoryVariable_RecordsToANewFileThere()
    {
        using var dir = new TempDirectory();
        using var process = StartRunner(new Dictionary<string, string> { [TrafficRecorder.DirectoryVariable] = dir.Path }, "--port", "0");
        try
        {
            var apiBase = await ReadApiBaseUrlAsync(process);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiBase, "auth.test"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorProgram.StandaloneBotToken);
            using var response = await http.SendAsync(request);

            await Eventually.ThatAsync(
                () => Directory.GetFiles(dir.Path, "*.jsonl") is [var file] && ReadShared(file).Any(l => (string?)l["method"] == "auth.test"),
                "the auth.test call is recorded in the directory", Wait);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Test]
    public async Task LocalMode_RecordPathSetting_RecordsTheEmulatorsTraffic()
    {
        using var dir = new TempDirectory();
        var path = dir.File("local.jsonl");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LocalMode:Port"] = "0",
                ["LocalMode:RecordPath"] = path,
                ["Storage:DatabasePath"] = dir.File("bot.db"),
            })
            .Build();

        await using (var local = await SlackFeedbackBot.Hosting.LocalSlack.StartAsync(configuration, TextWriter.Null, CancellationToken.None))
        {
            Assert.That(local.Emulator.RecordPath, Is.EqualTo(path));
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(local.Emulator.ApiBaseUrl, "auth.test"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", local.Emulator.BotToken);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        Assert.That(ReadLines(path).Where(l => (string?)l["kind"] == "api").Select(l => (string?)l["method"]), Does.Contain("auth.test"));
    }

    [Test]
    public async Task StandaloneRunner_RecordFlagWithoutAFile_ShowsTheUsage()
    {
        using var process = StartRunner("--port", "0", "--record");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Wait);

        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--record FILE"));
    }

    private static List<JsonObject> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
    }

    private static Process StartRunner(params string[] args) => StartRunner(new Dictionary<string, string>(), args);

    private static Process StartRunner(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SlackFeedbackBot.SlackEmulator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(TrafficRecorder.DirectoryVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator runner.");
    }

    private static async Task<Uri> ReadApiBaseUrlAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var marker = line.IndexOf("API base URL:", StringComparison.Ordinal);
            if (marker >= 0)
            {
                return new Uri(line[(marker + "API base URL:".Length)..].Trim());
            }
        }

        throw new AssertionException("The runner ended before printing its API base URL: " + await process.StandardError.ReadToEndAsync());
    }
}
