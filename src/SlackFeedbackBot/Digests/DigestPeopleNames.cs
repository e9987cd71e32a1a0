using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Digests;

/// <summary>Names people in the rotation section with their Slack display name (users.info, remembered); anyone
/// Slack cannot name stays a &lt;@U…&gt; mention, which Slack renders as the name anyway.</summary>
public sealed class DigestPeopleNames(ISlackApiClient slack, ILogger<DigestPeopleNames> log)
{
    private readonly ConcurrentDictionary<string, string?> _names = new(StringComparer.Ordinal);

    public async Task<DigestInput> AddNamesAsync(DigestInput input, CancellationToken ct)
    {
        var shifts = new List<ShiftSummary>(input.Shifts.Count);
        foreach (var shift in input.Shifts)
        {
            shifts.Add(shift with { DisplayName = shift.DisplayName ?? await NameOfAsync(shift.UserId, ct) });
        }

        return input with { Shifts = shifts };
    }

    public async Task<string?> NameOfAsync(string userId, CancellationToken ct)
    {
        if (_names.TryGetValue(userId, out var known))
        {
            return known;
        }

        try
        {
            var user = await slack.GetUserInfoAsync(userId, ct);
            var name = new[] { user.DisplayName, user.RealName, user.Name }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
            _names[userId] = name;
            return name;
        }
        catch (SlackApiException ex)
        {
            // Not remembered: the next digest asks again.
            log.LogInformation("No Slack name for {User} in the digest: {Error}", userId, ex.ErrorCode);
            return null;
        }
    }
}
