using System.Text.Json;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Observability;

/// <summary>The bot process with the JSON console formatter at Debug: its stdout read line by line as JSON.</summary>
public sealed class JsonConsoleLogTests
{
    private const string Ana = "U0ANA00001";
    private const string RequestLog = "SlackFeedbackBot.Slack.Dispatch.Middleware.LogRequestsMiddleware";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Test]
    public async Task JsonFormatterAtDebug_EveryLineIsJson_EachRequestHasOneLineWithKindIdHandlerDurationOutcome_NoSecret()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        await using var bot = await BotProcess.StartHttpModeAsync(
            slack, dir.File("bot.db"), "--Logging:Console:FormatterName=json", "--Logging:LogLevel:Default=Debug");
        slack.HttpDeliveryUrl = new Uri(bot.BaseAddress, "slack/events");

        var command = await slack.SendSlashCommandAsync(Ana, EmulatorIds.SupportChannelId, "/feedback", "How do I connect Trello?");
        await slack.SendEventAsync(new JsonObject { ["type"] = "emoji_changed", ["subtype"] = "add", ["name"] = "party" }, "EvJSONNONE01");
        await bot.WaitForLineAsync(l => l.Contains(RequestLog, StringComparison.Ordinal) && l.Contains(command.TriggerId!, StringComparison.Ordinal), Wait);
        await bot.WaitForLineAsync(l => l.Contains("ev:EvJSONNONE01", StringComparison.Ordinal), Wait);

        var entries = bot.OutputLines.Select(Parse).ToList();
        var forCommand = entries.Where(e => (string?)e["Category"] == RequestLog && (string?)e["State"]?["Id"] == command.TriggerId).ToList();
        var forEvent = entries.Where(e => (string?)e["State"]?["Id"] == "ev:EvJSONNONE01").ToList();

        Assert.That(forCommand, Has.Count.EqualTo(1), "one line per request");
        var state = forCommand[0]["State"]!;
        Assert.That((string?)forCommand[0]["LogLevel"], Is.EqualTo("Debug"));
        Assert.That(((string?)state["Kind"], (string?)state["Key"], (string?)state["Handler"], (string?)state["Outcome"]),
            Is.EqualTo(("SlashCommand", "/feedback", "FeedbackCommand", "handled")));
        Assert.That(double.Parse(state["DurationMs"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
        Assert.That((string?)forCommand[0]["Timestamp"], Does.EndWith("Z"));
        Assert.That(forEvent, Has.Count.EqualTo(1), "an event nothing handles gets its line too");
        Assert.That(((string?)forEvent[0]["State"]!["Kind"], (string?)forEvent[0]["LogLevel"]), Is.EqualTo(("Event", "Debug")));
        Assert.That(bot.Output, Does.Not.Contain(slack.BotToken).And.Not.Contain(slack.SigningSecret));
    }

    private static JsonNode Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            Assert.Fail($"A stdout line is not JSON ({ex.Message}): {line}");
            throw;
        }
    }
}
