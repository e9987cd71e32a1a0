using System.Collections.Concurrent;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>Scripted failures for the next calls of a method, taken in the order they were queued, and whole outages.</summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ApiFault>> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _heldAnswers = new(StringComparer.Ordinal);
    private volatile ApiFault? _outage;

    /// <summary>Until <see cref="EndOutage"/>, every Web API call answers a bare HTTP <paramref name="status"/> (Slack is down).</summary>
    public void StartOutage(int status = 503) => _outage = new ApiFault.ServerError(status);

    public void EndOutage() => _outage = null;

    /// <summary>The next <paramref name="times"/> calls answer HTTP 200 {"ok":false,"error":error}.</summary>
    public void FailNext(string method, string error, int times = 1) => Enqueue(method, new ApiFault.Error(error), times);

    /// <summary>The next calls answer HTTP 429 with Retry-After and {"ok":false,"error":"ratelimited"}.</summary>
    public void RateLimitNext(string method, int retryAfterSeconds = 1, int times = 1) => Enqueue(method, new ApiFault.RateLimited(retryAfterSeconds), times);

    /// <summary>The next calls answer a bare HTTP error status (e.g. 500, 503).</summary>
    public void ServerErrorNext(string method, int status = 500, int times = 1) => Enqueue(method, new ApiFault.ServerError(status), times);

    /// <summary>Until <see cref="ReleaseAnswers"/>, calls of <paramref name="method"/> run (a post is stored) but their
    /// answers are held back: the caller cannot know whether Slack did it, as when a process dies before reading the answer.</summary>
    public void HoldAnswers(string method) =>
        _heldAnswers.TryAdd(method, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void ReleaseAnswers(string method)
    {
        if (_heldAnswers.TryRemove(method, out var held)) held.TrySetResult();
    }

    /// <summary>Forgets the queued failures, ends an outage and releases held answers.</summary>
    public void Clear()
    {
        _queued.Clear();
        _outage = null;
        foreach (var method in _heldAnswers.Keys) ReleaseAnswers(method);
    }

    internal Task AnswerReleased(string method) =>
        _heldAnswers.TryGetValue(method, out var held) ? held.Task : Task.CompletedTask;

    internal ApiFault? TakeNext(string method) =>
        _outage ?? (_queued.TryGetValue(method, out var queue) && queue.TryDequeue(out var fault) ? fault : null);

    private void Enqueue(string method, ApiFault fault, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var queue = _queued.GetOrAdd(method, _ => new ConcurrentQueue<ApiFault>());
        for (var i = 0; i < times; i++) queue.Enqueue(fault);
    }
}

internal abstract record ApiFault
{
    public sealed record Error(string Code) : ApiFault;
    public sealed record RateLimited(int RetryAfterSeconds) : ApiFault;
    public sealed record ServerError(int Status) : ApiFault;
}
