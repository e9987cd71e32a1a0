using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Health;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Transports.SocketMode;
using SlackFeedbackBot.Tests.Transports;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>A second copy connected with the same app token shows in Slack's hello (num_connections): the bot warns and reports it.</summary>
public sealed class StrayCopyTests
{
    private SlackEmulator _emu = null!;
    private SocketModeTestClient? _stray;
    private SocketModeClient? _client;

    [SetUp]
    public async Task StartAsync() => _emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });

    [TearDown]
    public async Task StopAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync(CancellationToken.None);
            _client.Dispose();
            _client = null;
        }

        if (_stray is not null)
        {
            await _stray.DisposeAsync();
            _stray = null;
        }

        await _emu.DisposeAsync();
    }

    private async Task<ListLogger<SocketModeClient>> StartClientAsync()
    {
        var log = new ListLogger<SocketModeClient>();
        var (api, _) = FakeSlackApi.Create(async _ =>
        {
            using var http = new ApiClient(_emu);
            var opened = await http.PostFormAsync("apps.connections.open", new Dictionary<string, string>(), _emu.AppToken);
            return new Uri(opened["url"]!.ToString());
        });
        var slack = new SlackOptions { Mode = SlackMode.Socket, AppToken = "xapp-1-A123456-1-test", BotToken = "xoxb-test", SocketConnections = 1 };
        _client = new SocketModeClient(Options.Create(slack), Options.Create(new SocketModeOptions()), api, new RecordingSink(), TimeProvider.System, log);
        await _client.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => _client.OpenConnections == 1 && _client.AppConnections is not null, "the bot's connection said hello");
        return log;
    }

    [Test]
    public async Task AnotherConnectionWithTheSameAppToken_IsWarnedAboutAndShownInHealth()
    {
        _stray = await SocketModeTestClient.ConnectAsync(_emu);
        await _emu.WaitForSocketsAsync(1, TimeSpan.FromSeconds(10));

        var log = await StartClientAsync();
        var health = await new SocketModeHealthCheck(_client!).CheckHealthAsync(new HealthCheckContext());

        Assert.That(_client!.AppConnections, Is.EqualTo(2));
        Assert.That(log.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(e => e.Level == LogLevel.Warning && e.Message.Contains("another copy runs with the same app token", StringComparison.Ordinal)));
        Assert.That(health.Data["open_connections"], Is.EqualTo(1));
        Assert.That(health.Data["app_connections"], Is.EqualTo(2));
        Assert.That(health.Description, Does.Contain("another copy"));
    }

    [Test]
    public async Task OnlyOurOwnConnection_NoWarning()
    {
        var log = await StartClientAsync();
        var health = await new SocketModeHealthCheck(_client!).CheckHealthAsync(new HealthCheckContext());

        Assert.That(_client!.AppConnections, Is.EqualTo(1));
        Assert.That(log.Entries.Where(e => e.Level == LogLevel.Warning), Is.Empty);
        Assert.That(health.Description, Does.Not.Contain("another copy"));
    }
}
