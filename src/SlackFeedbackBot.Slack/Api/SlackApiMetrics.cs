using System.Diagnostics.Metrics;
using System.Net;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// Web API calls by method on the meter <see cref="MeterName"/>: every call the bot makes, the ones that ended in an
/// error (Slack's error code, or network_error, timed_out, http_5xx, ratelimited), and every HTTP 429 Slack answered,
/// including those the retry pipeline waited out (counted by <see cref="RateLimitCounter"/>, below the retries).
/// </summary>
public sealed class SlackApiMetrics
{
    public const string MeterName = "SlackFeedbackBot.Slack.Api";

    /// <summary>The request option that carries the method name to the HTTP handler below the retries.</summary>
    internal static readonly HttpRequestOptionsKey<string> MethodOption = new("slackfeedbackbot.slack.method");

    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rateLimited;

    public SlackApiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("slackfeedbackbot.slack.api.calls", "{call}", "Web API calls (and response_url posts) by method, whatever their outcome.");
        _errors = meter.CreateCounter<long>("slackfeedbackbot.slack.api.errors", "{call}", "Calls that ended in an error, by method and error (Slack's code, network_error, timed_out, http_5xx, ratelimited).");
        _rateLimited = meter.CreateCounter<long>("slackfeedbackbot.slack.api.rate_limited", "{response}", "HTTP 429 answers by method, including those retried after Retry-After.");
    }

    internal void Called(string method) => _calls.Add(1, new KeyValuePair<string, object?>("method", method));

    internal void Failed(string method, string error) =>
        _errors.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("error", error));

    internal void RateLimited(string method) => _rateLimited.Add(1, new KeyValuePair<string, object?>("method", method));

    /// <summary>The innermost handler of the Slack HTTP client: it sees every attempt, so a 429 the retries wait out is counted too.</summary>
    internal sealed class RateLimitCounter(SlackApiMetrics metrics) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                metrics.RateLimited(request.Options.TryGetValue(MethodOption, out var method) ? method : "unknown");
            }

            return response;
        }
    }
}
