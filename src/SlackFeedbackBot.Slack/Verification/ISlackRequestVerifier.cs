namespace SlackFeedbackBot.Slack.Verification;

/// <summary>Checks that an HTTP request really comes from Slack (the v0 HMAC signature over the raw body, within the replay window).</summary>
public interface ISlackRequestVerifier
{
    /// <param name="rawBody">The exact request bytes, before any parsing.</param>
    /// <param name="timestampHeader">The X-Slack-Request-Timestamp header, if any.</param>
    /// <param name="signatureHeader">The X-Slack-Signature header, if any.</param>
    bool IsValid(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader);
}
