using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Observability;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Observability;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Observability;

/// <summary>
/// <c>/metrics</c> scraped over HTTP from the running bot after real requests went through the emulator: each metric is
/// there with its labels and a value that moved.
/// </summary>
// OpenTelemetry listens to every meter of a name in the process, whichever host's meter factory made it: a bot host
// in another fixture would show up in this one's scrape.
[NonParallelizable]
public sealed class MetricsEndpointTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Support = EmulatorIds.SupportChannelId;
    private const string UnusableEvent = "metrics_test_unusable";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Refuses every event it gets, as a handler does for a payload it can never use: the request is parked at once.</summary>
    public sealed class RefusingHandler : IEventHandler
    {
        public Task HandleAsync(EventCallback callback, CancellationToken ct) => throw new UnhandleableRequestException("the test refuses it");
    }

    [Test]
    public async Task Scrape_AfterCommandsEventsApiCallsAndOutboxSends_ShowsEachMetricWithItsLabels()
    {
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Handlers = handlers => handlers.AddEventHandler<RefusingHandler>(UnusableEvent),
        });
        var slack = host.Slack;
        var api = host.Services.GetRequiredService<ISlackApiClient>();
        var repository = host.Services.GetRequiredService<FeedbackRepository>();

        // A capture by command, one by reaction (its confirmation goes through the outbox).
        await slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I connect Trello?");
        await Eventually.ThatAsync(() => repository.Get(1) is not null, "the command's item is stored", Wait);
        var message = await slack.PostUserMessageAsync(Ben, Support, "How do I reset 2FA for my whole team?");
        await slack.AddReactionAsync(Ana, Support, message.Ts, "bulb");
        await slack.WaitForCallAsync("chat.postMessage", c => (string?)c.Args["thread_ts"] == message.Ts, Wait);

        // An event type nothing handles, the same event delivered twice, and one a handler refuses.
        await slack.SendEventAsync(new JsonObject { ["type"] = "emoji_changed", ["subtype"] = "add", ["name"] = "party" }, "EvMETRICSNONE1");
        var chatter = new JsonObject { ["type"] = "message", ["user"] = Ben, ["channel"] = EmulatorIds.GeneralChannelId, ["text"] = "lunch?", ["ts"] = "1700000000.000100" };
        await slack.SendEventAsync(chatter, "EvMETRICSTWICE");
        await slack.SendEventAsync((JsonObject)chatter.DeepClone(), "EvMETRICSTWICE");
        await slack.SendEventAsync(new JsonObject { ["type"] = UnusableEvent }, "EvMETRICSPARK1");

        // A Web API error, a 429 waited out, a DM sent by the outbox under a reminder's key, a Socket Mode refresh.
        Assert.ThrowsAsync<SlackApiException>(() => api.GetPermalinkAsync("C0NOSUCH01", "1700000000.000001"));
        slack.Faults.RateLimitNext("users.info");
        await api.GetUserInfoAsync(Ana);
        var outbox = host.Services.GetRequiredService<ISlackOutbox>();
        await outbox.EnqueueAsync($"reminder:metrics:60m:{Ana}", SlackEffects.DirectMessage(Ana, new SlackMessage { Text = "Your support shift starts in an hour." }));
        await slack.WaitForCallAsync("chat.postMessage", c => ((string?)c.Args["text"])?.Contains("shift starts", StringComparison.Ordinal) == true, Wait);
        await slack.SendDisconnectAsync("refresh_requested");

        var expected = new (string Name, string[] Labels)[]
        {
            ("slackfeedbackbot_inbox_requests_total", ["kind=slash_command", "outcome=handled"]),
            ("slackfeedbackbot_inbox_requests_total", ["kind=event", "outcome=handled"]),
            ("slackfeedbackbot_inbox_requests_total", ["kind=event", "outcome=no_handler"]),
            ("slackfeedbackbot_inbox_requests_total", ["kind=event", "outcome=duplicate"]),
            ("slackfeedbackbot_inbox_requests_total", ["kind=event", "outcome=parked"]),
            ("slackfeedbackbot_inbox_ack_duration_seconds_count", ["kind=slash_command"]),
            ("slackfeedbackbot_inbox_ack_duration_seconds_count", ["kind=event"]),
            ("slackfeedbackbot_handler_duration_seconds_count", ["kind=slash_command", "handler=FeedbackCommand", "outcome=handled"]),
            ("slackfeedbackbot_handler_duration_seconds_count", ["kind=event", "handler=RefusingHandler", "outcome=failed"]),
            ("slackfeedbackbot_slack_api_calls_total", ["method=chat.getPermalink"]),
            ("slackfeedbackbot_slack_api_errors_total", ["method=chat.getPermalink", "error=channel_not_found"]),
            ("slackfeedbackbot_slack_api_rate_limited_total", ["method=users.info"]),
            ("slackfeedbackbot_socket_mode_connections", []),
            ("slackfeedbackbot_socket_mode_connects_total", []),
            ("slackfeedbackbot_socket_mode_reconnects_total", ["reason=refresh_requested"]),
            ("slackfeedbackbot_outbox_sent_total", ["kind=slack.dm", "purpose=reminder"]),
            ("slackfeedbackbot_outbox_sent_total", ["kind=slack.post", "purpose=followup"]),
            ("slackfeedbackbot_feedback_captured_total", ["path=command", "bucket=user_experience"]),
            ("slackfeedbackbot_feedback_captured_total", ["path=reaction"]),
            ("slackfeedbackbot_scheduler_fires_total", ["job=rotations.rotation-planning"]),
        };

        PrometheusScrape scrape = null!;
        await Eventually.ThatAsync(
            async () =>
            {
                scrape = await PrometheusScrape.GetAsync(host.BaseAddress);
                return expected.All(e => scrape.Sum(e.Name, e.Labels) > 0);
            },
            "every metric moved",
            Wait,
            () => "missing: " + string.Join(", ", expected.Where(e => !(scrape?.Sum(e.Name, e.Labels) > 0)).Select(e => $"{e.Name}{{{string.Join(",", e.Labels)}}}"))
                + Environment.NewLine + scrape?.Describe("slackfeedbackbot_"));

        Assert.That(scrape.Has("slackfeedbackbot_inbox_depth"), scrape.Describe("slackfeedbackbot_inbox"));
        Assert.That(scrape.Has("slackfeedbackbot_inbox_oldest_age_seconds"));
        Assert.That(scrape.Has("slackfeedbackbot_outbox_backlog"));
        Assert.That(scrape.Has("slackfeedbackbot_outbox_oldest_age_seconds"));
        Assert.That(scrape.Sum("slackfeedbackbot_inbox_requests_total", "kind=event", "outcome=duplicate"), Is.EqualTo(1));
        Assert.That(scrape.Text, Does.Contain("http_server_request_duration_seconds").And.Contain("http_client_request_duration_seconds").And.Contain("dotnet_gc_collections_total"),
            "ASP.NET Core, HttpClient and runtime instrumentation are exported too");
    }

    [Test]
    public async Task TagCombinationsPastTheCardinalityLimit_AreCountedInOneOverflowSeries()
    {
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions { Mode = SlackMode.Http });
        using var meter = new Meter(MetricConventions.MeterPrefix + ".Tests.Cardinality");
        var counter = meter.CreateCounter<long>("cardinality_probe");
        var combinations = MetricsServiceCollectionExtensions.CardinalityLimit + 25;
        for (var i = 0; i < combinations; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("probe", i));
        }

        var scrape = await PrometheusScrape.GetAsync(host.BaseAddress);
        var series = scrape.Matching("cardinality_probe_total").ToList();

        Assert.That(series.Count(s => s.Labels.ContainsKey("probe")), Is.EqualTo(MetricsServiceCollectionExtensions.CardinalityLimit), scrape.Describe("cardinality_probe"));
        var overflow = series.Single(s => s.Labels.GetValueOrDefault("otel_metric_overflow") == "true");
        Assert.That(overflow.Value, Is.EqualTo(combinations - MetricsServiceCollectionExtensions.CardinalityLimit));
        Assert.That(series.Sum(s => s.Value), Is.EqualTo(combinations), "no measurement is dropped");
    }

    [Test]
    public async Task MetricsSettingOff_NoEndpoint()
    {
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Mode = SlackMode.Http,
            Settings = new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" },
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var metrics = await http.GetAsync("metrics");
        using var health = await http.GetAsync("healthz/live");

        Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the rest of the endpoint still answers");
    }
}
