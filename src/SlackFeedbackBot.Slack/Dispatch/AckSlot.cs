namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>
/// The one chance a handler has to put its reply into the ack. Whoever comes first wins: the handler
/// delivering a reply, or the transport giving up waiting and sending an empty ack. A handler that
/// loses learns so and sends its reply another way (response_url).
/// </summary>
public sealed class AckSlot
{
    private const int Open = 0;
    private const int Delivered = 1;
    private const int Closed = 2;

    private readonly TaskCompletionSource<string?> _payload = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>Offers the ack payload (JSON); false when the ack already went out without it.</summary>
    public bool TryDeliver(string? payloadJson)
    {
        if (Interlocked.CompareExchange(ref _state, Delivered, Open) != Open)
        {
            return false;
        }

        _payload.SetResult(payloadJson);
        return true;
    }

    /// <summary>Closes the slot without a payload (e.g. the handler failed).</summary>
    public void Close()
    {
        if (Interlocked.CompareExchange(ref _state, Closed, Open) == Open)
        {
            _payload.TrySetResult(null);
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for the handler's payload; after that the slot is closed.</summary>
    public async Task<string?> WaitAsync(TimeSpan wait, TimeProvider time, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, time, timeout.Token);
        await Task.WhenAny(_payload.Task, delay).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        Close();
        return await _payload.Task.ConfigureAwait(false);
    }
}
