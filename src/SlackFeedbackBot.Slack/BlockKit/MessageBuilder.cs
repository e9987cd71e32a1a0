using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>
/// Builds a <see cref="SlackMessage"/> that Slack accepts: at most 50 blocks (the rest summarised in a closing
/// context note), every text within its limit, and a notification fallback of at most 4000 characters.
/// </summary>
public sealed class MessageBuilder : BlockListBuilder<MessageBuilder>
{
    private string? _text;
    private string? _responseType;
    private bool? _replaceOriginal;
    private string? _threadTs;

    /// <summary>The notification / screen-reader text. Without it the first header or section text is used.</summary>
    public MessageBuilder Text(string text)
    {
        _text = text;
        return this;
    }

    /// <summary>For response_url and slash command replies: visible to everyone in the channel.</summary>
    public MessageBuilder InChannel()
    {
        _responseType = "in_channel";
        return this;
    }

    /// <summary>For response_url and slash command replies: visible only to the user.</summary>
    public MessageBuilder Ephemeral()
    {
        _responseType = "ephemeral";
        return this;
    }

    /// <summary>For response_url replies: replace the message the interaction came from.</summary>
    public MessageBuilder ReplaceOriginal(bool replace = true)
    {
        _replaceOriginal = replace;
        return this;
    }

    public MessageBuilder InThread(string threadTs)
    {
        _threadTs = threadTs;
        return this;
    }

    public SlackMessage Build()
    {
        var blocks = TrimmedBlocks(SlackLimits.MessageBlocks);
        return new SlackMessage
        {
            Text = SlackLimits.Truncate(_text ?? FallbackFrom(blocks), SlackLimits.MessageText),
            Blocks = blocks.Count == 0 ? null : blocks,
            ResponseType = _responseType,
            ReplaceOriginal = _replaceOriginal,
            ThreadTs = _threadTs,
        };
    }

    /// <summary>
    /// Puts a message built elsewhere inside Slack's limits (trims blocks, cuts and fills the fallback text),
    /// leaving everything else as it was.
    /// </summary>
    public static SlackMessage Normalize(SlackMessage message)
    {
        var blocks = message.Blocks is { Count: > 0 } b ? BlockTrimmer.Trim(b, SlackLimits.MessageBlocks) : message.Blocks;
        var text = SlackLimits.Truncate(string.IsNullOrWhiteSpace(message.Text) ? FallbackFrom(blocks ?? []) : message.Text, SlackLimits.MessageText);
        return message with { Text = text, Blocks = blocks };
    }

    private static string? FallbackFrom(IReadOnlyList<Block> blocks) =>
        blocks.Select(block => block switch
            {
                HeaderBlock header => header.Text.Text,
                SectionBlock { Text: { } text } => text.Text,
                _ => null,
            })
            .FirstOrDefault(text => text is not null);
}
