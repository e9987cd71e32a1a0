using System.Reflection;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Tests.Transports;

/// <summary>
/// The Web API as the Socket Mode client sees it: only apps.connections.open answers; any other call fails the
/// test, since the transport has no business making it.
/// </summary>
public class FakeSlackApi : DispatchProxy
{
    private Func<int, Task<Uri>> _openConnection = _ => throw new InvalidOperationException("no connection source");
    private int _openCalls;

    public int OpenCalls => Volatile.Read(ref _openCalls);

    /// <param name="openConnection">Answers the n-th call (1-based) of apps.connections.open.</param>
    public static (ISlackApiClient Api, FakeSlackApi Fake) Create(Func<int, Task<Uri>> openConnection)
    {
        var api = Create<ISlackApiClient, FakeSlackApi>();
        var fake = (FakeSlackApi)(object)api;
        fake._openConnection = openConnection;
        return (api, fake);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(ISlackApiClient.OpenSocketConnectionAsync))
        {
            return _openConnection(Interlocked.Increment(ref _openCalls));
        }

        throw new AssertionException($"The Socket Mode client called {targetMethod?.Name}, which it should not need");
    }
}
