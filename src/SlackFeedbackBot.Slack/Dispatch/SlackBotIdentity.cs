using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>Who the bot is in Slack (from auth.test, asked once): used to ignore its own messages and foreign workspaces.</summary>
public sealed class SlackBotIdentity(ISlackApiClient api)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuthTestResponse? _identity;

    public AuthTestResponse? Known => _identity;

    public async Task<AuthTestResponse> GetAsync(CancellationToken ct)
    {
        if (_identity is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _identity ??= await api.AuthTestAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
