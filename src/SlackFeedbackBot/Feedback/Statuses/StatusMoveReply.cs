namespace SlackFeedbackBot.Feedback;

/// <summary>What the person who moved an item reads: the new status, and who was told (or how to tell them).</summary>
public static class StatusMoveReply
{
    public static string Text(long id, string status, StatusMoveOutcome outcome)
    {
        var parts = new List<string>
        {
            (status, outcome.Unchanged) switch
            {
                (FeedbackStatus.Resolved, _) => $":tada: Feedback #{id} is resolved.",
                (FeedbackStatus.Open, true) => $"Feedback #{id} is open already (not resolved, planned or not yet), so there is nothing to reopen.",
                (_, true) => $"Feedback #{id} is {StatusNames.Display(status)} already.",
                (FeedbackStatus.Planned, _) => $":spiral_calendar_pad: Feedback #{id} is planned.",
                (FeedbackStatus.NotYet, _) => $":hourglass_flowing_sand: Feedback #{id} is marked *not yet*; new reports still count, and the digest shows it when customers ask again.",
                _ => $":arrows_counterclockwise: Feedback #{id} is open again. When it is resolved, its reporters are told again.",
            },
        };

        if (outcome.Change is { Tell: false } && !outcome.Unchanged)
        {
            parts.Add($"Its reporters were not told{(TellField.DefaultFor(status) ? "" : " (add `tell:yes` to tell them)")}.");
        }
        else if (outcome.Change is { Tell: true } || status == FeedbackStatus.Resolved)
        {
            parts.Add(outcome.Told switch
            {
                0 when outcome.AlreadyTold == 0 && !outcome.Unchanged => "Nobody to tell: it has no reporters in Slack.",
                0 when outcome.Unchanged && outcome.AlreadyTold == 0 && status != FeedbackStatus.Resolved => "",
                0 => "Nobody new to tell.",
                1 => "I told its reporter in a DM.",
                _ => $"I told its {outcome.Told} reporters in DMs.",
            });
            if (outcome.AlreadyTold > 0)
            {
                parts.Add($"{outcome.AlreadyTold} had been told before.");
            }
        }

        return string.Join(' ', parts.Where(p => p.Length > 0));
    }
}
