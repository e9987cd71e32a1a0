using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Health;

/// <summary>How soon the Slack check sees an outage begin and end, on the bot's (fake) clock.</summary>
public sealed class SlackHealthTimingTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Outage_IsSeenWithin15Seconds_AndItsEndWithin15Seconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions { Mode = SlackMode.Http, SeedDemoWorkspace = false, Time = time });
        await HealthProbe.WaitForAsync(host, "/healthz/ready", a => a.CheckStatus("slack") == "Healthy", "Slack answers at the start");

        host.Slack.Faults.StartOutage();
        var seen = await AdvanceUntilAsync(host, time, a => a.CheckStatus("slack") == "Degraded", "the outage shows");
        Assert.That(seen.Description("slack"), Does.StartWith("Slack cannot be reached"));

        host.Slack.Faults.EndOutage();
        var back = await AdvanceUntilAsync(host, time, a => a.CheckStatus("slack") == "Healthy", "the recovery shows");
        Assert.That(back.StatusCode, Is.EqualTo(200));
    }

    // Moves the clock on a step at a time, never more than the budget in all, until readiness says what is expected;
    // after each step the bot gets real time to act on it (its calls to the emulator take real time).
    private static async Task<HealthAnswer> AdvanceUntilAsync(BotTestHost host, FakeTimeProvider time, Func<HealthAnswer, bool> expected, string what)
    {
        var advanced = TimeSpan.Zero;
        HealthAnswer answer;
        while (true)
        {
            time.Advance(Step);
            advanced += Step;
            answer = await WaitOrGiveUpAsync(host, expected, TimeSpan.FromSeconds(30));
            if (expected(answer))
            {
                return answer;
            }

            if (advanced >= Budget)
            {
                Assert.Fail($"Not {what} within {Budget.TotalSeconds:0} s of the bot's clock: {answer}");
            }
        }
    }

    private static async Task<HealthAnswer> WaitOrGiveUpAsync(BotTestHost host, Func<HealthAnswer, bool> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await HealthProbe.GetAsync(host, "/healthz/ready");
            if (expected(answer) || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(50);
        }
    }
}
