namespace SlackFeedbackBot.Feedback;

/// <summary>Told about each new item right after it is stored, so another feature can add what it knows
/// (the digests tag the product area). Registered hooks run in order on the capturing request.</summary>
public interface IFeedbackCaptureHook
{
    void Captured(FeedbackItem item);
}
