using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Slack.Transports.Http;

/// <summary>
/// Logs requests refused for their signature without letting a flood of forgeries flood the log: the first refusal
/// is a line of its own, the ones after it are counted and summed up in one line per interval (how many, from which
/// addresses) for as long as they keep coming. After a quiet interval the next refusal is a line of its own again.
/// </summary>
public sealed partial class RejectedSignatureLog : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    // Addresses named in a summary; the rest are only counted, and past MaxTrackedAddresses not even that, so a flood
    // from many addresses cannot grow memory.
    private const int AddressesShown = 5;
    private const int MaxTrackedAddresses = 1000;

    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly List<string> _addresses = [];
    private readonly HashSet<string> _distinct = [];
    private bool _counting;
    private long _count;

    public RejectedSignatureLog(TimeProvider time, ILogger logger, TimeSpan? interval = null)
    {
        _logger = logger;
        _interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_interval, TimeSpan.Zero);
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Record(string remoteAddress)
    {
        lock (_gate)
        {
            if (_counting)
            {
                _count++;
                if (_distinct.Count < MaxTrackedAddresses && _distinct.Add(remoteAddress) && _addresses.Count < AddressesShown)
                {
                    _addresses.Add(remoteAddress);
                }

                return;
            }

            _counting = true;
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }

        LogFirst(_logger, remoteAddress, _interval.TotalMinutes);
    }

    public void Dispose() => _timer.Dispose();

    private void Flush()
    {
        long count;
        string addresses;
        lock (_gate)
        {
            if (_count == 0)
            {
                _counting = false;
                return;
            }

            count = _count;
            var others = _distinct.Count - _addresses.Count;
            addresses = string.Join(", ", _addresses) + (others > 0 ? $" and {others}{(_distinct.Count == MaxTrackedAddresses ? "+" : "")} other(s)" : "");
            _count = 0;
            _addresses.Clear();
            _distinct.Clear();
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }

        LogSummary(_logger, count, _interval.TotalMinutes, addresses);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to the Slack endpoint from {RemoteIp}: missing or invalid Slack signature (more refusals are summed up every {IntervalMinutes} min)")]
    private static partial void LogFirst(ILogger logger, string remoteIp, double intervalMinutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} more request(s) to the Slack endpoint in the last {IntervalMinutes} min for a missing or invalid Slack signature, from {RemoteIps}")]
    private static partial void LogSummary(ILogger logger, long count, double intervalMinutes, string remoteIps);
}
