using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>
/// Keeps <see cref="SlackOptions.SocketConnections"/> Socket Mode connections open (staggered so they do not
/// refresh together). A connection Slack wants to refresh is replaced before it is closed; a dropped one is
/// reopened with backoff; Socket Mode turned off or a refused app token stops the client for good, visibly.
/// Does nothing unless <see cref="SlackOptions.Mode"/> is Socket. On shutdown the connections close first, before any
/// other part of the app stops: each lets the acks of what it received go out, then says goodbye, so Slack sends what
/// comes next to the other instances' connections while this one still handles what it took.
/// </summary>
public sealed partial class SocketModeClient : BackgroundService, ISocketModeStatus, IHostedLifecycleService
{
    private const string LinkDisabledMessage =
        "Socket Mode was turned off for this app in Slack (link_disabled); enable it at api.slack.com/apps or set Slack:Mode=Http";

    private static readonly HashSet<string> UnrecoverableTokenErrors = new(StringComparer.Ordinal)
    {
        "not_authed", "invalid_auth", "account_inactive", "user_removed_from_team", "team_disabled", "not_allowed_token_type",
    };

    /// <summary>Reasons that mean Socket Mode is off for the app; "socket_mode_disabled" is an older name seen in clients.</summary>
    private static readonly HashSet<string> LinkDisabledReasons = new(StringComparer.Ordinal) { "link_disabled", "socket_mode_disabled" };

    private readonly SlackOptions _slack;
    private readonly SocketModeOptions _options;
    private readonly ISlackApiClient _api;
    private readonly ISlackInboundSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<SocketModeClient> _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly ConcurrentDictionary<int, SocketModeConnection> _live = new();
    private int _nextConnectionId;
    private long _lastConnectedTicks = -1;
    private string? _stoppedReason;
    private CancellationTokenSource? _run;
    private int _appConnections = -1;
    private readonly SocketModeMetrics? _metrics;

    public SocketModeClient(
        IOptions<SlackOptions> slack,
        IOptions<SocketModeOptions> options,
        ISlackApiClient api,
        ISlackInboundSink sink,
        TimeProvider time,
        ILogger<SocketModeClient> logger,
        SocketModeMetrics? metrics = null)
    {
        _slack = slack.Value;
        _options = options.Value;
        _api = api;
        _sink = sink;
        _time = time;
        _logger = logger;
        _backoff = new ReconnectBackoff(_options.ReconnectBaseDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble);
        _metrics = metrics;
        metrics?.Observe(() => OpenConnections);
    }

    public bool IsEnabled => _slack.Mode == SlackMode.Socket;

    public int OpenConnections => _live.Values.Count(connection => connection.IsReady);

    public int? AppConnections => Volatile.Read(ref _appConnections) is var total and >= 0 ? total : null;

    public DateTimeOffset? LastConnectedAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastConnectedTicks);
            return ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public string? StoppedReason => Volatile.Read(ref _stoppedReason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled)
        {
            return;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _run = run;
        var slots = Enumerable.Range(0, _slack.SocketConnections).Select(slot => RunSlotAsync(slot, run.Token)).ToArray();
        await Task.WhenAll(slots);
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Closes every connection as the host begins to stop (before any hosted service's StopAsync), so the inbox and the
    /// handlers are still running while the last acks go out; returns once they are closed or the host gives up.
    /// </summary>
    async Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken)
    {
        if (ExecuteTask is not { IsCompleted: false } running || _run is not { } run)
        {
            return;
        }

        var open = _live.Count;
        try
        {
            await run.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The client stopped by itself meanwhile.
        }

        await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        LogClosedForShutdown(_logger, open);
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One of the parallel connections, for the life of the client: open, watch, replace or reopen.</summary>
    private async Task RunSlotAsync(int slot, CancellationToken stop)
    {
        SocketModeConnection? current = null;
        var failures = 0;
        try
        {
            await Task.Delay(_slack.SocketConnectionStagger * slot, _time, stop);
            while (!stop.IsCancellationRequested)
            {
                if (current is null)
                {
                    current = await ConnectWithRetryAsync(slot, failures, stop);
                    failures = 0;
                }

                await Task.WhenAny(current.DisconnectRequested, current.Ended).WaitAsync(stop);
                if (!current.DisconnectRequested.IsCompletedSuccessfully)
                {
                    // Dropped without notice: reopen after a short backoff so a flapping link cannot hammer Slack.
                    _metrics?.Reconnecting("dropped");
                    await DisposeAsync(current);
                    current = null;
                    failures = 1;
                    continue;
                }

                var reason = current.DisconnectRequested.Result;
                if (LinkDisabledReasons.Contains(reason))
                {
                    Stop(LinkDisabledMessage);
                    return;
                }

                // warning, refresh_requested and the like: the replacement is ready before the old one goes, so no gap.
                _metrics?.Reconnecting(reason);
                var replacement = await ConnectWithRetryAsync(slot, 0, stop);
                await CloseAsync(current);
                current = replacement;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (SocketModeStoppedException ex)
        {
            Stop(ex.Message);
        }
        finally
        {
            if (current is not null)
            {
                await CloseAsync(current);
            }
        }
    }

    /// <summary>apps.connections.open, connect, and wait for hello; retried with backoff until it works or cannot.</summary>
    private async Task<SocketModeConnection> ConnectWithRetryAsync(int slot, int failures, CancellationToken stop)
    {
        while (true)
        {
            if (failures > 0)
            {
                var delay = _backoff.DelayFor(failures);
                LogReconnecting(_logger, slot, delay.TotalSeconds);
                await Task.Delay(delay, _time, stop);
            }

            try
            {
                var connection = await OpenAsync(stop);
                if (connection is not null)
                {
                    return connection;
                }
            }
            catch (SlackApiException ex) when (UnrecoverableTokenErrors.Contains(ex.ErrorCode))
            {
                throw new SocketModeStoppedException(
                    $"Slack refused the app-level token ({ex.ErrorCode}) when opening a Socket Mode connection; " +
                    "set SLACK_APP_TOKEN (Slack:AppToken) to an xapp- token with the connections:write scope");
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && ex is not OperationCanceledException)
            {
                LogConnectFailed(_logger, slot, ex.GetType().Name, ex.Message);
            }

            failures++;
        }
    }

    /// <summary>Null when the socket opened but closed again before hello.</summary>
    private async Task<SocketModeConnection?> OpenAsync(CancellationToken stop)
    {
        var url = await _api.OpenSocketConnectionAsync(stop);
        var id = Interlocked.Increment(ref _nextConnectionId);
        var connection = await SocketModeConnection.ConnectAsync(id, url, _sink, _time, _options, _logger, stop);
        _live[id] = connection;
        try
        {
            using (var helloWait = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                await Task.WhenAny(connection.Ready, connection.Ended, Task.Delay(_options.HelloTimeout, _time, helloWait.Token));
                await helloWait.CancelAsync();
            }

            stop.ThrowIfCancellationRequested();
            if (connection.Ready.IsCompletedSuccessfully && !connection.Ended.IsCompleted)
            {
                Interlocked.Exchange(ref _lastConnectedTicks, _time.GetUtcNow().UtcTicks);
                LogConnected(_logger, id);
                _metrics?.Connected();
                CheckForOtherCopies(connection);
                return connection;
            }
        }
        catch
        {
            await DisposeAsync(connection);
            throw;
        }

        LogNoHello(_logger, id);
        await DisposeAsync(connection);
        return null;
    }

    /// <summary>Slack counts every connection of the app; more than this process opened means another copy is connected.</summary>
    private void CheckForOtherCopies(SocketModeConnection connection)
    {
        if (connection.AppConnections is not { } total)
        {
            return;
        }

        var own = _live.Count;
        if (total > own)
        {
            LogOtherCopies(_logger, total, own);
        }

        Volatile.Write(ref _appConnections, total);
    }

    private async Task CloseAsync(SocketModeConnection connection)
    {
        await connection.CloseAsync();
        _live.TryRemove(connection.Id, out _);
    }

    private async Task DisposeAsync(SocketModeConnection connection)
    {
        await connection.DisposeAsync();
        _live.TryRemove(connection.Id, out _);
    }

    /// <summary>Stops every connection for good; the first reason is the one reported and logged.</summary>
    private void Stop(string reason)
    {
        if (Interlocked.CompareExchange(ref _stoppedReason, reason, null) is null)
        {
            LogStopped(_logger, reason);
        }

        _run?.Cancel();
    }

    private sealed class SocketModeStoppedException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Id} is open")]
    private static partial void LogConnected(ILogger logger, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack counts {Total} Socket Mode connections for this app but this process opened {Own}: another copy runs with the same app token and takes a share of the events (docs/operations.md, One bot per database)")]
    private static partial void LogOtherCopies(ILogger logger, int total, int own);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Id} closed before Slack said hello")]
    private static partial void LogNoHello(ILogger logger, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode slot {Slot} could not connect ({ErrorType}: {Error})")]
    private static partial void LogConnectFailed(ILogger logger, int slot, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode slot {Slot} reconnects in {DelaySeconds:0.0} s")]
    private static partial void LogReconnecting(ILogger logger, int slot, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode: closed {Count} connections for shutdown; Slack sends new requests to the other instances")]
    private static partial void LogClosedForShutdown(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode stopped: {Reason}")]
    private static partial void LogStopped(ILogger logger, string reason);
}
