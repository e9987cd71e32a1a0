using System.Net;
using System.Net.Sockets;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

/// <summary>
/// One bad setting each: `run` refuses with exit code 2 and one line on stderr naming the setting (no stack trace, no
/// log), before it starts anything; `doctor` reports the same line and does not crash. Every case runs through the
/// executable's entry point in this process; one case of each kind of error also runs as the built executable, where
/// the exit code, stderr and the log are the process's own.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ConfigurationErrorTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    public sealed record Case(string Name, string Setting, Func<TempDirectory, Dictionary<string, string?>> Settings, string? Says = null)
    {
        public override string ToString() => Name;
    }

    private static Case Bad(string name, string setting, string variable, string value, string? says = null) =>
        new(name, setting, _ => new() { [variable] = value }, says);

    private static Case BadRotation(string name, string field, string value, string says) =>
        new(name, $"Rotations:Rotations:0:{field}", _ => new()
        {
            ["Rotations__Rotations__0__Name"] = "support",
            ["Rotations__Rotations__0__SupportChannel"] = "C0123SUPPORT",
            [$"Rotations__Rotations__0__{field}"] = value,
        }, says);

    public static readonly Case[] Cases =
    [
        Bad("Unknown mode", "Slack:Mode (Slack__Mode)", "Slack__Mode", "Sockets", "Socket or Http"),
        Bad("Duration in another syntax", "Slack:AckPayloadWait (Slack__AckPayloadWait)", "Slack__AckPayloadWait", "10min", "1h, 10m, 90s, 500ms"),
        Bad("Cron that is not one", "Rotations:PlanningCron (Rotations__PlanningCron)", "Rotations__PlanningCron", "every-day", "0 0 3 * * ?"),
        Bad("API address that is not one", "Slack:ApiBaseUrl (Slack__ApiBaseUrl)", "Slack__ApiBaseUrl", "notaurl", "https://slack.com/api/"),
        Bad("Port out of range", "LocalMode:Port (LocalMode__Port)", "LocalMode__Port", "99999", "65535"),
        Bad("Word for a number", "Storage:BusyTimeoutSeconds (Storage__BusyTimeoutSeconds)", "Storage__BusyTimeoutSeconds", "thirty", "whole number"),
        Bad("Word for a switch", "LocalMode:Enabled (LocalMode__Enabled)", "LocalMode__Enabled", "maybe", "true or false"),
        new("Database under a file", "Storage:DatabasePath (Storage__DatabasePath)", dir =>
        {
            File.WriteAllText(dir.File("passwd"), "");
            return new() { ["Storage__DatabasePath"] = Path.Combine(dir.File("passwd"), "bot.db") };
        }, "is a file, not a folder"),
        new("Database where nobody can write", "Storage:DatabasePath (Storage__DatabasePath)", _ => new()
        {
            // Not even root can create folders in /proc.
            ["Storage__DatabasePath"] = $"/proc/sfb-{Guid.NewGuid():N}/bot.db",
        }, "cannot create folders in /proc"),
        BadRotation("Rotation cadence", "Cadence", "3/fortnight", "1/month"),
        BadRotation("Rotation time zone", "TimeZone", "Europe/Berlinn", "Europe/Berlin"),
        BadRotation("Rotation nudge", "NudgeAfter", "5min", "1h, 30m"),
        Bad("Negative ack wait", "Slack:AckPayloadWait (Slack__AckPayloadWait)", "Slack__AckPayloadWait", "-1s", "longer than 0"),
        Bad("Ack wait past Slack's deadline", "Slack:AckPayloadWait (Slack__AckPayloadWait)", "Slack__AckPayloadWait", "00:00:05", "at most 2.9s"),
        Bad("Negative keep-alive", "Slack:SocketMode:KeepAliveInterval (Slack__SocketMode__KeepAliveInterval)", "Slack__SocketMode__KeepAliveInterval", "-00:00:10", "longer than 0"),
        Bad("Zero hello timeout", "Slack:SocketMode:HelloTimeout (Slack__SocketMode__HelloTimeout)", "Slack__SocketMode__HelloTimeout", "0", "longer than 0"),
        Bad("Negative stagger", "Slack:SocketConnectionStagger (Slack__SocketConnectionStagger)", "Slack__SocketConnectionStagger", "-5s", "from 0 to 5m"),
        Bad("Negative planning window", "Rotations:PlanAheadDays (Rotations__PlanAheadDays)", "Rotations__PlanAheadDays", "-1", "from 1 to 366"),
        Bad("Negative retries", "Slack:Retry:TransientMaxRetries (Slack__Retry__TransientMaxRetries)", "Slack__Retry__TransientMaxRetries", "-1", "from 0 to 20"),
        Bad("Zero attempt timeout", "Slack:Retry:AttemptTimeout (Slack__Retry__AttemptTimeout)", "Slack__Retry__AttemptTimeout", "0", "from 10ms"),
        Bad("Negative post pacing", "Slack:PostPacing:IntervalPerChannel (Slack__PostPacing__IntervalPerChannel)", "Slack__PostPacing__IntervalPerChannel", "-1s", "from 0 to 1m"),
        Bad("Zero report threshold window", "Feedback:Thresholds:WithinDays (Feedback__Thresholds__WithinDays)", "Feedback__Thresholds__WithinDays", "0", "at least 1"),
        Bad("Zero digest lateness", "Digests:LateAfter (Digests__LateAfter)", "Digests__LateAfter", "0", "longer than 0"),
        Bad("Listen address that is not one", "urls (--urls or ASPNETCORE_URLS)", "ASPNETCORE_URLS", "notaurl", "http://127.0.0.1:8080"),
        Bad("Spotlight bucket id", "Spotlight:Buckets:0:Id", "Spotlight__Buckets__0__Id", "Bad Id", "lower-case letters"),
        Bad("Bot token that is not one", "Slack:BotToken (SLACK_BOT_TOKEN)", "SLACK_BOT_TOKEN", "secret-looking-value-1234", "xoxb-"),
        Bad("App token that is not one", "Slack:AppToken (SLACK_APP_TOKEN)", "SLACK_APP_TOKEN", "xoxb-secret-looking-value-1234", "xapp-"),
    ];

    /// <summary>One case of each kind: an unknown word, a duration, an address, a path nobody can write, a rotation, a token, a negative timing.</summary>
    private static readonly string[] KindsAsProcess =
    [
        "Unknown mode", "Duration in another syntax", "API address that is not one", "Database where nobody can write",
        "Rotation cadence", "Bot token that is not one", "Negative ack wait",
    ];

    public static IEnumerable<Case> ProcessCases => Cases.Where(c => KindsAsProcess.Contains(c.Name));

    /// <summary>Settings that pass, with Slack nowhere to be reached: a bad setting must stop the bot before it tries.</summary>
    private static Dictionary<string, string?> Healthy(TempDirectory dir) => new()
    {
        ["Storage__DatabasePath"] = dir.File("bot.db"),
        ["LocalMode__Enabled"] = "false",
        ["SLACK_BOT_TOKEN"] = "xoxb-1-2-configtest",
        ["SLACK_APP_TOKEN"] = "xapp-1-A1-2-configtest",
        ["Slack__ApiBaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/api/",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
    };

    private static Dictionary<string, string?> With(TempDirectory dir, Dictionary<string, string?> bad)
    {
        var settings = Healthy(dir);
        foreach (var (key, value) in bad)
        {
            settings[key] = value;
        }

        return settings;
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Run_RefusesWithOneLineAndExitCode2(Case bad)
    {
        using var dir = new TempDirectory();

        var (code, output, error) = await BotInProcess.RunAsync(With(dir, bad.Settings(dir)), "run");

        AssertOneLine(code, error, bad.Setting, bad.Says);
        Assert.That(output, Is.Empty);
        Assert.That(File.Exists(dir.File("bot.db")), Is.False, "nothing was started on the database");
        Assert.That(error + output, Does.Not.Contain("secret-looking-value-1234"), "tokens are never printed");
    }

    [TestCaseSource(nameof(ProcessCases))]
    public async Task Executable_RefusesWithOneLineAndExitCode2(Case bad)
    {
        using var dir = new TempDirectory();

        var (code, output, error) = await BotExecutable.RunAsync(dir.Path, With(dir, bad.Settings(dir)), Quick, "run");

        AssertOneLine(code, error, bad.Setting, bad.Says);
        Assert.That(output, Does.Not.Contain("crit").And.Not.Contain("fail:"), "nothing was logged");
        Assert.That(File.Exists(dir.File("bot.db")), Is.False, "nothing was started on the database");
        Assert.That(error + output, Does.Not.Contain("secret-looking-value-1234"), "tokens are never printed");
    }

    [Test]
    public void EveryKindRunAsAProcess_NamesACase() =>
        Assert.That(ProcessCases.Select(c => c.Name), Is.EquivalentTo(KindsAsProcess));

    [TestCaseSource(nameof(Cases))]
    public async Task Doctor_ReportsTheSameLine_WithoutCrashing(Case bad)
    {
        using var dir = new TempDirectory();

        var (code, output, error) = await BotInProcess.RunAsync(With(dir, bad.Settings(dir)), "doctor");

        AssertDoctorNamed(code, output, error, bad.Setting, bad.Says);
        Assert.That(output, Does.Not.Contain("secret-looking-value-1234"), "tokens are never printed");
    }

    [Test]
    public async Task BadJsonInAnAppsettingsFile_NamesTheFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        var environment = $"ConfigTest{Guid.NewGuid():N}";
        var file = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json");
        await File.WriteAllTextAsync(file, "{\n  \"Slack\": {\n    \"Mode\": \"Socket\",,\n  }\n}\n");
        try
        {
            var settings = With(dir, new() { ["DOTNET_ENVIRONMENT"] = environment });

            var run = await BotExecutable.RunAsync(dir.Path, settings, Quick, "run");
            var doctor = await BotExecutable.RunAsync(dir.Path, settings, Quick, "doctor");

            AssertOneLine(run.Code, run.Error, $"appsettings.{environment}.json is not valid JSON at line 3, column 22");
            AssertDoctorNamed(doctor.Code, doctor.Output, doctor.Error, $"appsettings.{environment}.json is not valid JSON at line 3, column 22");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task TeamIdOfAnotherWorkspace_IsRefusedAtStart_AndByTheDoctor()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync();
        var settings = With(dir, new()
        {
            ["SLACK_BOT_TOKEN"] = slack.BotToken,
            ["SLACK_APP_TOKEN"] = slack.AppToken,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack__TeamId"] = "T0OTHER999",
        });

        var run = await BotInProcess.RunAsync(settings, "run");
        var doctor = await BotInProcess.RunAsync(settings, "doctor");

        AssertOneLine(run.Code, run.Error, "Slack:TeamId (Slack__TeamId) is T0OTHER999", $"belongs to workspace {slack.TeamId}");
        AssertDoctorNamed(doctor.Code, doctor.Output, doctor.Error, "Slack:TeamId (Slack__TeamId) is T0OTHER999", $"belongs to workspace {slack.TeamId}");
        Assert.That(run.Error + doctor.Output, Does.Not.Contain(slack.BotToken), "tokens are never printed");
    }

    [Test]
    public async Task RevokedToken_IsRefusedAtStart()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync();
        var settings = With(dir, new()
        {
            ["SLACK_BOT_TOKEN"] = "xoxb-revoked-0000",
            ["SLACK_APP_TOKEN"] = slack.AppToken,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
        });

        var run = await BotExecutable.RunAsync(dir.Path, settings, Quick, "run");

        AssertOneLine(run.Code, run.Error, "Slack:BotToken (SLACK_BOT_TOKEN) is refused by Slack (invalid_auth)");
        Assert.That(run.Error, Does.Not.Contain("xoxb-revoked-0000"));
    }

    [Test]
    public async Task UnknownChannelAndUserIds_AreWarnedAboutAtStart_AndByTheDoctor_WithoutStoppingTheBot()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        var settings = With(dir, new()
        {
            ["SLACK_BOT_TOKEN"] = slack.BotToken,
            ["SLACK_APP_TOKEN"] = slack.AppToken,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Feedback__PassiveChannels__0"] = "C0NOSUCH99",
            ["Rotations__Admins__0"] = "U0NOSUCH99",
        });

        var doctor = await BotInProcess.RunAsync(settings, "doctor");
        await using var run = BotExecutable.Start(dir.Path, settings, "run");
        var channel = await run.WaitForLineAsync(l => l.Contains("Feedback:PassiveChannels:0 (Feedback__PassiveChannels__0)", StringComparison.Ordinal), Quick);
        var user = await run.WaitForLineAsync(l => l.Contains("Rotations:Admins:0 (Rotations__Admins__0)", StringComparison.Ordinal), Quick);

        Assert.That(channel, Does.Contain("warn").And.Contain("C0NOSUCH99").And.Contain("channel_not_found"));
        Assert.That(user, Does.Contain("warn").And.Contain("U0NOSUCH99").And.Contain("user_not_found"));
        Assert.That(doctor.Code, Is.Zero, doctor.Output);
        Assert.That(doctor.Output, Does.Contain("⚠ Feedback:PassiveChannels:0 (Feedback__PassiveChannels__0) names channel C0NOSUCH99")
            .And.Contain("⚠ Rotations:Admins:0 (Rotations__Admins__0) names user U0NOSUCH99"));
        Assert.That(run.Output + run.Error + doctor.Output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Doctor_WithSlackUnreachable_SaysSoInOneLine()
    {
        using var dir = new TempDirectory();
        var settings = Healthy(dir);

        var (code, output, error) = await BotExecutable.RunAsync(dir.Path, settings, Quick, "doctor");

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(error, Is.Empty);
        var problems = output.Split('\n').Where(l => l.StartsWith("✘", StringComparison.Ordinal)).ToList();
        Assert.That(problems, Has.Count.EqualTo(1), output);
        Assert.That(problems[0], Does.StartWith($"✘ Could not reach Slack at {settings["Slack__ApiBaseUrl"]}").And.Contain("check the network").And.Contain("Slack:ApiBaseUrl"));
        Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("warn:").And.Not.Contain("retrying"));
    }

    private static void AssertOneLine(int code, string error, string setting, string? says = null)
    {
        Assert.That(code, Is.EqualTo(2), error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Has.Length.EqualTo(1), error);
        Assert.That(lines[0], Does.StartWith("Configuration error: ").And.Contain(setting));
        if (says is not null)
        {
            Assert.That(lines[0], Does.Contain(says));
        }

        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }

    private static void AssertDoctorNamed(int code, string output, string error, string setting, string? says = null)
    {
        Assert.That(code, Is.EqualTo(1), output + error);
        Assert.That(error, Is.Empty, "the doctor writes its findings, not errors");
        var named = output.Split('\n').Where(l => l.StartsWith("✘", StringComparison.Ordinal) && l.Contains(setting, StringComparison.Ordinal)).ToList();
        Assert.That(named, Has.Count.EqualTo(1), output);
        if (says is not null)
        {
            Assert.That(named[0], Does.Contain(says));
        }

        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
