using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>What a capture modal carries from the shortcut to its submission: the message it was opened on.</summary>
public sealed record CaptureContext(string? ChannelId, string? MessageTs, string? AuthorId);

/// <summary>What a new-feedback modal carries to its submission: the support shift it was opened from, if any.</summary>
public sealed record NewFeedbackContext(string? ShiftKey);

/// <summary>
/// What the details modal carries to its submission: the item, and the response_url of the capture reply it was
/// opened from, so that reply can show the new details.
/// </summary>
public sealed record DetailsContext(long ItemId, string? ResponseUrl);

/// <summary>The fields of a feedback modal as submitted, and the errors to show next to them.</summary>
public sealed record FeedbackForm(string? Text, string? Customer, string? Source, string? Importance, string? Link)
{
    /// <summary>Why it matters to the customer, in the reporter's words.</summary>
    public string? Why { get; init; }
}

/// <summary>The modals of the feature: new feedback, capture a message, add details, and the "saved" page.</summary>
public sealed class FeedbackModals(FeedbackReplies replies, IOptions<FeedbackOptions> options)
{
    public const string NewCallback = "feedback_new";
    public const string CaptureCallback = "feedback_capture";
    public const string DetailsCallback = "feedback_details";

    public const string TextBlock = "fb_text";
    public const string CustomerBlock = "fb_customer";
    public const string SourceBlock = "fb_source";
    public const string ImportanceBlock = "fb_importance";
    public const string LinkBlock = "fb_link";
    public const string WhyBlock = "fb_why";

    /// <summary>Slack's own cap on a plain text input.</summary>
    private const int InputMaxLength = 3000;

    /// <summary>
    /// The new-feedback form. Opened from the end of a support shift, it carries the shift's key, so what is submitted
    /// later is still tagged with that shift, and its source is preset to "support" (where it was heard).
    /// </summary>
    public ModalView New(string? initialText = null, string? shiftKey = null)
    {
        var builder = new ModalBuilder("New feedback").CallbackId(NewCallback).Submit("Save");
        if (shiftKey is not null)
        {
            builder.PrivateMetadata(JsonSerializer.Serialize(new NewFeedbackContext(shiftKey))).Context("What you heard on your support shift.");
        }

        return Form(builder, initialText, null, includeText: true, initialSource: shiftKey is null ? null : SupportSource).Build();
    }

    public ModalView Capture(SlackMessageItem message, string channelId)
    {
        var builder = new ModalBuilder("Capture as feedback").CallbackId(CaptureCallback).Submit("Save")
            .PrivateMetadata(JsonSerializer.Serialize(new CaptureContext(channelId, message.Ts, message.User)));
        builder.Context(message.User is null ? $"From a message in <#{channelId}>" : $"From <@{message.User}> in <#{channelId}>");
        return Form(builder, message.Text, null, includeText: true).Build();
    }

    /// <summary>
    /// The details form of an item; <paramref name="report"/> is the opener's own report (else the first), whose
    /// importance and why it shows to be changed.
    /// </summary>
    public ModalView Details(FeedbackItem item, string? replyUrl = null, FeedbackReport? report = null)
    {
        var builder = new ModalBuilder($"Feedback #{item.Id}").CallbackId(DetailsCallback).Submit("Save")
            .PrivateMetadata(JsonSerializer.Serialize(new DetailsContext(item.Id, replyUrl)));
        builder.Section(SlackText.QuoteDefused(item.Text, 1000));
        return Form(builder, null, item, includeText: false, initialWhy: report?.Why, initialImportance: report?.Importance ?? item.Importance).Build();
    }

    /// <summary>The form's last page: the words of every capture's confirmation, where its buttons are, and the issue it looks like.</summary>
    public ModalView Saved(FeedbackItem item, bool isNew, int reports, ThresholdStanding? standing = null, Issues.IssueOffer? offer = null)
    {
        var builder = new ModalBuilder("Feedback saved").Close("Done")
            .CallbackId("feedback_saved")
            .Section(replies.CapturedText(item, isNew, reports, standing))
            .Context(ConfirmationInDm);
        if (offer is not null)
        {
            Issues.IssueOfferBlocks.Add(builder, offer);
        }

        return builder.Build();
    }

    public const string ConfirmationInDm = "*Change bucket* and *Add details* are in your direct messages with me.";

    public static FeedbackForm Read(ViewPayload view)
    {
        var values = view.State?.Values ?? [];
        string? Value(string block) =>
            values.TryGetValue(block, out var actions) && actions.Values.FirstOrDefault() is { } v
                ? Blank(v.SelectedOption?.Value ?? v.Value)
                : null;
        return new FeedbackForm(Value(TextBlock), Value(CustomerBlock), Value(SourceBlock), Value(ImportanceBlock), Value(LinkBlock)) { Why = Value(WhyBlock) };
    }

    /// <summary>Errors keyed by block_id, for response_action errors; empty when the form is fine.</summary>
    public Dictionary<string, string> Validate(FeedbackForm form, bool requireText)
    {
        var errors = new Dictionary<string, string>();
        if (requireText && form.Text is null)
        {
            errors[TextBlock] = "Please write what the customer said.";
        }
        else if (form.Text is { } text && text.Length > options.Value.MaxTextLength)
        {
            errors[TextBlock] = $"This is {text.Length:N0} characters; the limit is {options.Value.MaxTextLength:N0}.";
        }

        if (form.Link is { } link && !SlackText.IsWebUrl(link))
        {
            errors[LinkBlock] = "Only a web address starting with http:// or https:// is accepted here, like https://tickets.example.com/123.";
        }

        if (form.Why is { } why && why.Length > options.Value.MaxTextLength)
        {
            errors[WhyBlock] = $"This is {why.Length:N0} characters; the limit is {options.Value.MaxTextLength:N0}.";
        }

        if (form.Customer is { Length: > 200 })
        {
            errors[CustomerBlock] = "Please keep the customer name under 200 characters.";
        }

        return errors;
    }

    public static CaptureContext? ReadContext(ViewPayload view) => ReadMetadata<CaptureContext>(view);

    public static NewFeedbackContext? ReadNewContext(ViewPayload view) => ReadMetadata<NewFeedbackContext>(view);

    /// <summary>The details form's context; a bare item number is what forms opened before it carried more.</summary>
    public static DetailsContext? ReadDetailsContext(ViewPayload view) =>
        long.TryParse(view.PrivateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new DetailsContext(id, null) : ReadMetadata<DetailsContext>(view);

    private static T? ReadMetadata<T>(ViewPayload view)
        where T : class
    {
        try
        {
            return string.IsNullOrEmpty(view.PrivateMetadata) ? null : JsonSerializer.Deserialize<T>(view.PrivateMetadata);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private const string SupportSource = "support";

    private ModalBuilder Form(ModalBuilder builder, string? initialText, FeedbackItem? item, bool includeText, string? initialSource = null, string? initialWhy = null, string? initialImportance = null)
    {
        if (includeText)
        {
            var initial = initialText is null ? null : SlackText.Truncate(initialText, InputMaxLength);
            builder.Input("What did the customer say?", new PlainTextInputElement("text", multiline: true, initialValue: initial, maxLength: Math.Min(InputMaxLength, options.Value.MaxTextLength)), TextBlock,
                hint: "Their words, as close as you can. \"How do I…\", \"Can you…\" and \"I'm probably not your target customer, but…\" each tell us something different.");
        }

        builder.Input("Customer or account", new PlainTextInputElement("customer", initialValue: item?.Customer, placeholder: "Acme Inc."), CustomerBlock, optional: true);
        var sources = options.Value.EffectiveSources.Select(s => new SelectOption(s, s)).ToList();
        builder.Input("Source", new StaticSelectElement("source", sources, sources.FirstOrDefault(o => o.Value == (item?.Source ?? initialSource)), "Where was it heard?"), SourceBlock, optional: true);
        var importances = FeedbackOptions.Importances.Select(s => new SelectOption(s, s)).ToList();
        builder.Input("Importance to the customer", new StaticSelectElement("importance", importances, importances.FirstOrDefault(o => o.Value == (initialImportance ?? item?.Importance)), "How much does it matter?"), ImportanceBlock, optional: true);
        // A why with a follow-up answer added below it can be longer than the field takes: Slack refuses such a view.
        var whyLength = Math.Min(InputMaxLength, options.Value.MaxTextLength);
        builder.Input("Why it matters to them", new PlainTextInputElement("why", multiline: true, initialValue: initialWhy is null ? null : SlackText.Truncate(initialWhy, whyLength), placeholder: "What it blocks, what it costs them, by when", maxLength: whyLength), WhyBlock,
            hint: "How important is this to them, and why? In their words, if you can.", optional: true);
        builder.Input("Link", new PlainTextInputElement("link", initialValue: item?.Link, placeholder: "https://… (ticket, call notes, CRM)"), LinkBlock, optional: true);
        return builder;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
