using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

public sealed class DoctorTests
{
    private static Dictionary<string, string?> Settings(SlackEmulator slack, TempDirectory dir, string? botToken = null) => new()
    {
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        ["Slack:BotToken"] = botToken ?? slack.BotToken,
        ["Slack:AppToken"] = slack.AppToken,
        ["Storage:DatabasePath"] = dir.File("bot.db"),
    };

    private static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var output = new StringWriter();
        var exit = await new BotDoctor(output).RunAsync([], settings, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Test]
    public async Task HealthyInstallation_ReportsNoProblems()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync();

        var (exit, output) = await RunAsync(Settings(slack, dir));

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("Bot token works").And.Contain("every scope").And.Contain("Socket Mode can connect").And.Contain("No problems found."));
    }

    [Test]
    public void ScopesChecked_AreExactlyTheManifestsBotScopes()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SlackFeedbackBot.sln")))
        {
            root = root.Parent;
        }

        var lines = File.ReadAllLines(Path.Combine(root!.FullName, "deploy", "slack", "manifest.yml"));
        var bot = Array.FindIndex(lines, Array.IndexOf(lines, "oauth_config:"), l => l.Trim() == "bot:");
        var manifestScopes = lines.Skip(bot + 1).TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)).Select(l => l.Trim()[2..].Trim()).ToList();

        Assert.That(manifestScopes, Does.Contain("groups:write.topic"), "the rotation topic in a private support channel needs it");
        Assert.That(BotDoctor.RequiredScopes.Concat(BotDoctor.OptionalScopes), Is.EquivalentTo(manifestScopes));
        Assert.That(new EmulatorOptions().BotScopes, Is.EquivalentTo(manifestScopes), "the emulator's token has what the manifest asks for");
    }

    [Test]
    public async Task RevokedBotToken_SaysSoAndHowToFixIt()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync();

        var (exit, output) = await RunAsync(Settings(slack, dir, botToken: "xoxb-revoked-0000"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("✘ Slack refused the bot token: invalid_auth").And.Contain("SLACK_BOT_TOKEN"));
        Assert.That(output, Does.Not.Contain("xoxb-revoked-0000"), "tokens are never printed");
    }

    [Test]
    public async Task MissingScope_IsNamedWithTheFix()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { BotScopes = ["chat:write", "users:read"] });

        var (exit, output) = await RunAsync(Settings(slack, dir));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("lacks scopes: app_mentions:read").And.Contain("commands").And.Contain("reinstall"));
    }

    [Test]
    public async Task SocketModeWithoutAppToken_IsASettingProblem()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync();
        var settings = Settings(slack, dir);
        settings["Slack:AppToken"] = null;

        var (exit, output) = await RunAsync(settings);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("SLACK_APP_TOKEN"));
    }

    [Test]
    public async Task NoBotToken_ExplainsLocalMode()
    {
        using var dir = new TempDirectory();
        var (exit, output) = await RunAsync(new Dictionary<string, string?> { ["Storage:DatabasePath"] = dir.File("bot.db") });

        Assert.That(output, Does.Contain("local Slack emulator"));
        Assert.That(exit, Is.Zero, output);
    }
}
