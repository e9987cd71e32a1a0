using System.Net;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator;

namespace SlackFeedbackBot.Tests.Emulator;

public sealed class FaultInjectionTests
{
    private SlackEmulator _emu = null!;
    private ApiClient _api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        _api = new ApiClient(_emu);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _api.Dispose();
        await _emu.DisposeAsync();
    }

    [Test]
    public async Task RateLimitAnswers429WithRetryAfterOnce()
    {
        _emu.Faults.RateLimitNext("users.info", retryAfterSeconds: 7);

        using var limited = await _api.SendJsonAsync("users.info", new JsonObject { ["user"] = "U0ANA00001" });
        var limitedBody = await ApiClient.ReadAsync(limited);
        var next = await _api.PostFormAsync("users.info", new Dictionary<string, string> { ["user"] = "U0ANA00001" }, _emu.BotToken);

        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(limitedBody["error"]!.ToString(), Is.EqualTo("ratelimited"));
        Assert.That(next["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(_emu.Calls.All.Select(c => c.HttpStatus), Is.EqualTo(new[] { 429, 200 }));
    }

    [Test]
    public async Task FailNextAnswersTheGivenErrorThenRecovers()
    {
        _emu.Faults.FailNext("chat.postMessage", "channel_not_found");
        var args = new JsonObject { ["channel"] = "C0GENERAL1", ["text"] = "hello" };

        var failed = await _api.PostJsonAsync("chat.postMessage", (JsonObject)args.DeepClone());
        var worked = await _api.PostJsonAsync("chat.postMessage", (JsonObject)args.DeepClone());

        Assert.That(failed["error"]!.ToString(), Is.EqualTo("channel_not_found"));
        Assert.That(worked["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(_emu.Workspace.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ServerErrorsRepeatTheRequestedNumberOfTimes()
    {
        _emu.Faults.ServerErrorNext("chat.update", status: 503, times: 2);
        var args = new JsonObject { ["channel"] = "C0GENERAL1", ["ts"] = "1.000001", ["text"] = "x" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _api.SendJsonAsync("chat.update", (JsonObject)args.DeepClone());
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK }));
        Assert.That(_emu.Calls.All.Last().Error, Is.EqualTo("message_not_found"));
    }

    [Test]
    public async Task OutageAnswersEveryMethodWithTheStatusUntilItEnds()
    {
        _emu.Faults.StartOutage(503);
        var args = new JsonObject { ["channel"] = "C0GENERAL1", ["text"] = "hello" };

        using var post = await _api.SendJsonAsync("chat.postMessage", (JsonObject)args.DeepClone());
        using var auth = await _api.SendJsonAsync("auth.test", []);
        _emu.Faults.EndOutage();
        var after = await _api.PostJsonAsync("chat.postMessage", (JsonObject)args.DeepClone());

        Assert.That(new[] { post.StatusCode, auth.StatusCode }, Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(after["ok"]!.GetValue<bool>(), Is.True);
        Assert.That(_emu.Workspace.Messages, Has.Count.EqualTo(1));
    }
}
