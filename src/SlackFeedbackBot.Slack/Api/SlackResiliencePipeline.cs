using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// The retry rules of every Slack HTTP call, outermost first: HTTP 429 waits Slack's Retry-After and tries again;
/// network errors, attempt timeouts and 5xx get a few exponential, jittered retries; each attempt has a timeout.
/// Inside <see cref="SlackCallRetries.Defer"/> (the outbox) there is one attempt: the caller reschedules instead.
/// </summary>
public static class SlackResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, SlackApiRetryOptions options, ILogger logger)
    {
        // Polly wants at least one retry in a retry strategy; zero retries means no strategy at all.
        if (options.RateLimitMaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "slack-rate-limit",
                MaxRetryAttempts = options.RateLimitMaxRetries,
                ShouldHandle = args => ValueTask.FromResult(!SlackCallRetries.AreDeferred && args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryAfter(args.Outcome.Result, options)),
                OnRetry = args =>
                {
                    logger.LogWarning("Slack rate limited the call; retrying in {Delay} (retry {Retry})", args.RetryDelay, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.TransientMaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "slack-transient",
                MaxRetryAttempts = options.TransientMaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.TransientBaseDelay,
                MaxDelay = options.TransientMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(!SlackCallRetries.AreDeferred && IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    logger.LogWarning("Slack call failed with {Failure}; retrying in {Delay} (retry {Retry})",
                        Describe(args.Outcome), args.RetryDelay, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    internal static TimeSpan RetryAfter(HttpResponseMessage? response, SlackApiRetryOptions options)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta;
        if (wait is null && header?.Date is { } date && response?.Headers.Date is { } sent)
        {
            wait = date - sent;
        }

        if (wait is not { } value || value < TimeSpan.Zero)
        {
            return options.DefaultRetryAfter;
        }

        return value > options.MaxRetryAfter ? options.MaxRetryAfter : value;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError };

    // Only the status or the exception type: messages and URLs may carry response_url secrets.
    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? exception.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";
}
