using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Directory;

/// <summary>Turns a Slack user id into the name people read, for text that is no Slack message (a terminal, a calendar, a spreadsheet).</summary>
public interface IPersonNames
{
    /// <summary>The person's name, or the id itself when nobody of that id can be named.</summary>
    Task<string> NameOrIdAsync(string userId, CancellationToken ct);
}

/// <summary>
/// Names from the workspace directory (users.list, cached there). When Slack cannot be asked (no token, no network)
/// every id stays an id, and Slack is not asked again by this instance: one failure, not one per shift.
/// </summary>
public sealed class WorkspacePersonNames(WorkspaceDirectory directory, ILogger<WorkspacePersonNames>? log = null) : IPersonNames
{
    private readonly ILogger _log = log ?? (ILogger)NullLogger.Instance;
    private volatile bool _unavailable;

    public async Task<string> NameOrIdAsync(string userId, CancellationToken ct)
    {
        if (_unavailable || string.IsNullOrWhiteSpace(userId))
        {
            return userId;
        }

        try
        {
            return await directory.NameOfAsync(userId, ct) ?? userId;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TimeoutException || ex is OperationCanceledException && !ct.IsCancellationRequested)
        {
            _unavailable = true;
            _log.LogWarning("Slack could not name people ({Error}); showing their user ids instead.", ex is SlackApiException api ? api.ErrorCode : ex.GetType().Name);
            return userId;
        }
    }
}

/// <summary>Names known up front (a demo workspace, a test); any other id stays an id.</summary>
public sealed class KnownPersonNames(IReadOnlyDictionary<string, string> names) : IPersonNames
{
    public static readonly KnownPersonNames None = new(new Dictionary<string, string>());

    public Task<string> NameOrIdAsync(string userId, CancellationToken ct) =>
        Task.FromResult(names.TryGetValue(userId, out var name) ? name : userId);
}
