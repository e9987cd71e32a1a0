using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Dispatch.Middleware;

/// <summary>
/// Lets a request on only when the workspace it names is the one this bot serves (<c>Slack:TeamId</c>, else the team
/// from auth.test), for every kind of request. A request naming no workspace is refused like a foreign one. A refused
/// slash command still gets a short answer; anything else is dropped with a warning, at most one per workspace in
/// <see cref="WarningInterval"/>, so a flood from one workspace does not flood the log.
/// </summary>
public sealed partial class AuthorizeWorkspaceMiddleware(
    SlackBotIdentity identity,
    IOptions<SlackOptions> options,
    SlashCommandReplies replies,
    TimeProvider time,
    ILogger<AuthorizeWorkspaceMiddleware> log) : ISlackMiddleware
{
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(5);

    internal const string RefusedCommandText = "Sorry, this bot is installed for another workspace, so it can't take commands from this one.";

    // Bounds the memory a stream of ever-new team ids could take; past it, old windows are forgotten.
    private const int MaxTrackedTeams = 1000;
    private const string NoTeam = "(none)";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, WarningWindow> _windows = new(StringComparer.Ordinal);

    public async Task InvokeAsync(SlackRequestContext context, Func<Task> next)
    {
        var theirs = context.TeamId;
        if (theirs is not null && string.Equals(theirs, await OurTeamIdAsync(context.Cancellation), StringComparison.Ordinal))
        {
            await next();
            return;
        }

        context.Ignore(theirs is null ? "no team id" : $"workspace {theirs} is not served");
        WarnAtMostNowAndThen(context, theirs ?? NoTeam);
        if (context.Kind == SlackRequestKind.SlashCommand)
        {
            var command = SlackJson.Deserialize<SlashCommand>(context.Request.PayloadJson);
            await replies.SendAsync(command, SlackMessage.Ephemeral(RefusedCommandText), context.AckSlot, context.Cancellation);
        }
    }

    private async Task<string> OurTeamIdAsync(CancellationToken ct) =>
        string.IsNullOrEmpty(options.Value.TeamId) ? (await identity.GetAsync(ct)).TeamId : options.Value.TeamId;

    private void WarnAtMostNowAndThen(SlackRequestContext context, string team)
    {
        int suppressed;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_windows.TryGetValue(team, out var window) && now < window.Until)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window?.Suppressed ?? 0;
            Forget(now);
            _windows[team] = new WarningWindow(now + WarningInterval);
        }

        LogRefused(log, context.Kind.ToString(), context.HandlerKey, team, suppressed, WarningInterval.TotalMinutes);
    }

    private void Forget(DateTimeOffset now)
    {
        if (_windows.Count < MaxTrackedTeams)
        {
            return;
        }

        foreach (var expired in _windows.Where(w => now >= w.Value.Until).Select(w => w.Key).ToList())
        {
            _windows.Remove(expired);
        }

        if (_windows.Count >= MaxTrackedTeams)
        {
            _windows.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Kind} request ('{Key}') from workspace {TeamId}, which this bot does not serve ({Suppressed} more refused without a warning since the last one; one warning per workspace every {Minutes} minutes at most)")]
    private static partial void LogRefused(ILogger logger, string kind, string key, string teamId, int suppressed, double minutes);

    private sealed class WarningWindow(DateTimeOffset until)
    {
        public DateTimeOffset Until { get; } = until;

        public int Suppressed { get; set; }
    }
}
