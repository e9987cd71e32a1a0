using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>
/// Builds a <see cref="ModalView"/> that Slack accepts: title, submit and close cut to 24 characters, at most
/// 100 blocks, private_metadata refused over 3000 characters, and a Submit button whenever there is an input.
/// </summary>
public sealed class ModalBuilder(string title) : BlockListBuilder<ModalBuilder>
{
    public const string DefaultSubmit = "Submit";

    private string? _submit;
    private string? _close;
    private string? _callbackId;
    private string? _privateMetadata;
    private string? _externalId;
    private bool _notifyOnClose;

    public ModalBuilder Submit(string text)
    {
        _submit = text;
        return this;
    }

    public ModalBuilder Close(string text)
    {
        _close = text;
        return this;
    }

    public ModalBuilder CallbackId(string callbackId)
    {
        _callbackId = SlackLimits.Require(callbackId, SlackLimits.CallbackId, "callback_id");
        return this;
    }

    /// <summary>State carried to the submission; it is data, so over 3000 characters is refused rather than cut.</summary>
    public ModalBuilder PrivateMetadata(string metadata)
    {
        _privateMetadata = SlackLimits.Require(metadata, SlackLimits.PrivateMetadata, "private_metadata");
        return this;
    }

    public ModalBuilder ExternalId(string externalId)
    {
        _externalId = externalId;
        return this;
    }

    public ModalBuilder NotifyOnClose(bool notify = true)
    {
        _notifyOnClose = notify;
        return this;
    }

    public ModalBuilder Input(string label, IInputElement element, string blockId, string? hint = null, bool optional = false) =>
        Add(new InputBlock(label, element, hint, optional) { BlockId = blockId });

    public ModalView Build() => Normalize(new ModalView
    {
        Title = title,
        Submit = _submit,
        Close = _close,
        CallbackId = _callbackId,
        PrivateMetadata = _privateMetadata,
        ExternalId = _externalId,
        NotifyOnClose = _notifyOnClose,
        Blocks = Blocks,
    });

    /// <summary>Puts a view built elsewhere inside Slack's limits; refuses ids and metadata that do not fit.</summary>
    public static ModalView Normalize(ModalView view)
    {
        var blocks = BlockTrimmer.Trim(view.Blocks, SlackLimits.ViewBlocks);
        var needsSubmit = blocks.Any(b => b is InputBlock);
        return view with
        {
            Title = SlackLimits.Truncate(view.Title, SlackLimits.ModalTitle),
            Submit = view.Submit is null
                ? needsSubmit ? DefaultSubmit : null
                : SlackLimits.Truncate(view.Submit, SlackLimits.ModalButton),
            Close = view.Close is null ? null : SlackLimits.Truncate(view.Close, SlackLimits.ModalButton),
            CallbackId = SlackLimits.Require(view.CallbackId, SlackLimits.CallbackId, "callback_id"),
            PrivateMetadata = SlackLimits.Require(view.PrivateMetadata, SlackLimits.PrivateMetadata, "private_metadata"),
            Blocks = blocks,
        };
    }
}
