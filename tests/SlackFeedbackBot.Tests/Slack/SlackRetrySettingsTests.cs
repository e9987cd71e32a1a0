using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Slack;

/// <summary>Slack:Retry and Slack:PostPacing, set in configuration, change what the bot's Slack client does.</summary>
public sealed class SlackRetrySettingsTests
{
    private const string Channel = "C0GENERAL1";

    private static WebApplication Bot(SlackEmulator slack, TempDirectory dir, Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = BotHost.CreateBuilder([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:AppToken"] = slack.AppToken,
            ["Storage:DatabasePath"] = dir.File("bot.db"),
            ["LocalMode:Enabled"] = "false",
        }).AddInMemoryCollection(settings));
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(time));
        }

        return BotHost.Build(builder);
    }

    private static int Attempts(SlackEmulator slack) => slack.Calls.All.Count(c => c.Method == "chat.postMessage");

    [TestCase(0, 1)]
    [TestCase(2, 3)]
    public async Task TransientMaxRetries_IsHowOftenAFailingCallIsRetried(int retries, int attempts)
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        await using var bot = Bot(slack, dir, new()
        {
            ["Slack:Retry:TransientMaxRetries"] = retries.ToString(),
            ["Slack:Retry:TransientBaseDelay"] = "1ms",
            ["Slack:Retry:TransientMaxDelay"] = "1ms",
        });
        slack.Faults.ServerErrorNext("chat.postMessage", status: 503, times: 10);

        var api = bot.Services.GetRequiredService<ISlackApiClient>();
        Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync(Channel, new SlackMessage { Text = "hello" }));

        Assert.That(Attempts(slack), Is.EqualTo(attempts));
    }

    [TestCase(0, 1)]
    [TestCase(1, 2)]
    public async Task RateLimitMaxRetries_IsHowOftenARateLimitedCallIsRetried(int retries, int attempts)
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        await using var bot = Bot(slack, dir, new()
        {
            ["Slack:Retry:RateLimitMaxRetries"] = retries.ToString(),
            ["Slack:Retry:MaxRetryAfter"] = "1ms",
            ["Slack:Retry:DefaultRetryAfter"] = "1ms",
        });
        slack.Faults.RateLimitNext("chat.postMessage", retryAfterSeconds: 30, times: 10);

        var api = bot.Services.GetRequiredService<ISlackApiClient>();
        var failure = Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync(Channel, new SlackMessage { Text = "hello" }));

        Assert.That(failure!.ErrorCode, Is.EqualTo("ratelimited"));
        Assert.That(Attempts(slack), Is.EqualTo(attempts), "MaxRetryAfter caps Slack's 30 s wait, or this would take minutes");
    }

    [Test]
    public async Task WithEveryRetryAt0_AFailingCallIsTriedOnce()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        await using var bot = Bot(slack, dir, new()
        {
            ["Slack:Retry:RateLimitMaxRetries"] = "0",
            ["Slack:Retry:TransientMaxRetries"] = "0",
        });
        slack.Faults.ServerErrorNext("chat.postMessage", status: 500, times: 10);

        var api = bot.Services.GetRequiredService<ISlackApiClient>();
        Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync(Channel, new SlackMessage { Text = "hello" }));

        Assert.That(Attempts(slack), Is.EqualTo(1));
    }

    [Test]
    public async Task IntervalPerChannel_SpacesPostsToOneChannel()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var bot = Bot(slack, dir, new() { ["Slack:PostPacing:IntervalPerChannel"] = "30s" }, time);
        var pacer = bot.Services.GetRequiredService<ChannelPostPacer>();

        var first = pacer.Reserve(Channel);
        var second = pacer.Reserve(Channel);
        var elsewhere = pacer.Reserve("C0OTHER001");
        time.Advance(TimeSpan.FromSeconds(29));
        var third = pacer.Reserve(Channel);

        Assert.That(first, Is.EqualTo(TimeSpan.Zero));
        Assert.That(elsewhere, Is.EqualTo(TimeSpan.Zero), "another channel is not held up");
        Assert.That(second, Is.EqualTo(TimeSpan.FromSeconds(30)), "the second post gets the slot 30 seconds on, not the default second");
        Assert.That(third, Is.EqualTo(TimeSpan.FromSeconds(31)), "the third comes after the second's slot");
    }

    [Test]
    public async Task IntervalPerChannel0_LetsPostsGoAtOnce()
    {
        using var dir = new TempDirectory();
        await using var slack = await SlackEmulator.StartAsync();
        await using var bot = Bot(slack, dir, new() { ["Slack:PostPacing:IntervalPerChannel"] = "0" }, new FakeTimeProvider());
        var pacer = bot.Services.GetRequiredService<ChannelPostPacer>();

        var posts = Enumerable.Range(0, 3).Select(_ => pacer.Reserve(Channel)).ToList();

        Assert.That(posts, Is.All.EqualTo(TimeSpan.Zero));
    }
}
