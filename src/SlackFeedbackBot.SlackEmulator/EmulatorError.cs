namespace SlackFeedbackBot.Emulator;

/// <summary>
/// Something the app sent that Slack would refuse: a Web API call with bad Block Kit, a bad response_url body, an
/// invalid view submission ack. Kept in <see cref="SlackEmulator.Errors"/> so tests can assert there were none.
/// </summary>
/// <param name="Source">Where it came in, e.g. "chat.postMessage", "response_url" or "view_submission ack".</param>
/// <param name="Error">The error code Slack answers with (invalid_blocks, invalid_arguments...).</param>
/// <param name="Reasons">Slack's reasons, each with the JSON pointer of the offending value.</param>
public sealed record EmulatorError(string Source, string Error, IReadOnlyList<string> Reasons, DateTimeOffset Time)
{
    public override string ToString() => $"{Time:HH:mm:ss.fff} {Source} -> {Error}: {string.Join("; ", Reasons)}";
}
