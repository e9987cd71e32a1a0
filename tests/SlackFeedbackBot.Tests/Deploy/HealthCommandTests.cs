using System.Net;
using System.Net.Sockets;
using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>`health`, the container's health check: the binary asks /healthz/live itself, exit 0 or 1 with one line.</summary>
public sealed class HealthCommandTests
{
    [Test]
    public async Task Health_AgainstARunningBot_IsAliveWithExitCodeZero()
    {
        await using var host = await BotTestHost.StartAsync();
        using var dir = new TempDirectory();

        var (code, output) = await BotProcess.RunToExitAsync(dir.Path, "health", "--url", host.BaseAddress.ToString());

        Assert.That(code, Is.Zero, output);
        Assert.That(output.Trim(), Is.EqualTo($"Alive: {new Uri(host.BaseAddress, "/healthz/live")} answered 200."));
    }

    [Test]
    public async Task Health_WhereNothingListens_SaysSoWithExitCodeOne()
    {
        using var dir = new TempDirectory();
        var closed = ClosedPort();

        var (code, output) = await BotInProcess.RunToExitAsync("health", "--url", $"http://127.0.0.1:{closed}");

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output.Trim(), Does.StartWith($"Not alive: nothing answered at http://127.0.0.1:{closed}/healthz/live (ConnectionRefused)"));
        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Health_WithAnAddressThatIsNotOne_SaysHowToWriteIt()
    {
        var output = new StringWriter();

        var code = await HealthCommand.CheckAsync("not an address", output, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.ToString().Trim(), Is.EqualTo("\"not an address\" is not a web address; give it like --url http://127.0.0.1:8080."));
    }

    [TestCase(null, "http://127.0.0.1:8080/healthz/live")]
    [TestCase("http://0.0.0.0:8080", "http://127.0.0.1:8080/healthz/live")]
    [TestCase("http://+:9000;https://*:9443", "http://127.0.0.1:9000/healthz/live")]
    [TestCase("http://[::]:8080", "http://[::1]:8080/healthz/live")]
    public void LiveUri_AsksAnAddressThatListensEverywhereOnLoopback(string? urls, string expected) =>
        Assert.That(HealthCommand.LiveUri(urls)?.ToString(), Is.EqualTo(expected));

    // A port that was free a moment ago and that nobody listens on now.
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
