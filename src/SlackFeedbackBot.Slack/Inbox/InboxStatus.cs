namespace SlackFeedbackBot.Slack.Inbox;

public enum InboxStatus
{
    Pending = 0,
    Handled = 1,
    Parked = 2,
}
