using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Links reporters known only by a name (imported from a spreadsheet) to the workspace user of that name, display
/// name, real name or email (users.list, users.lookupByEmail), so closing the loop tells them too. A name nobody has
/// stays a name.
/// </summary>
public sealed class ReporterLinks(FeedbackRepository repository, WorkspaceDirectory directory, ISlackApiClient slack, ILogger<ReporterLinks> log)
{
    /// <summary>Links the item's unlinked reporters it can; returns how many were linked.</summary>
    public async Task<int> LinkAsync(long itemId, CancellationToken ct)
    {
        var linked = 0;
        foreach (var report in repository.Reports(itemId).Where(r => r.ReporterId is null && !string.IsNullOrWhiteSpace(r.ReporterName)))
        {
            if (await FindAsync(report.ReporterName!.Trim(), ct) is { } userId && repository.LinkReporter(report.Id, userId))
            {
                linked++;
            }
        }

        return linked;
    }

    private async Task<string?> FindAsync(string name, CancellationToken ct)
    {
        try
        {
            if (name.Contains('@', StringComparison.Ordinal) && !name.StartsWith('@'))
            {
                var found = await slack.CallAsync("users.lookupByEmail", new JsonObject { ["email"] = name }, ct);
                return (string?)found["user"]?["id"];
            }

            return (await directory.FindPersonAsync(name, ct))?.Id;
        }
        catch (SlackApiException ex)
        {
            // users_not_found is the usual answer for an address nobody in the workspace has.
            log.LogDebug("No workspace user for imported reporter {Name}: {Error}", name, ex.ErrorCode);
            return null;
        }
    }
}
