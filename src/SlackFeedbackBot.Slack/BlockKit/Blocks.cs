namespace SlackFeedbackBot.Slack.BlockKit;

public sealed record HeaderBlock : Block
{
    public HeaderBlock(string text)
        : base("header") => Text = TextObject.Plain(text, SlackLimits.HeaderText);

    public TextObject Text { get; }
}

/// <summary>
/// A section: markdown text, up to ten fields and an optional accessory. Blank text with fields is left out;
/// blank text without fields shows <see cref="SlackLimits.EmptyTextPlaceholder"/>. More than ten fields keep nine
/// and end with an "…and N more" field.
/// </summary>
public sealed record SectionBlock : Block
{
    public SectionBlock(string? text, IEnumerable<string>? fields = null, IAccessoryElement? accessory = null)
        : base("section")
    {
        var fieldTexts = fields?.ToList() ?? [];
        if (fieldTexts.Count > SlackLimits.SectionFields)
        {
            var hidden = fieldTexts.Count - (SlackLimits.SectionFields - 1);
            fieldTexts = [.. fieldTexts.Take(SlackLimits.SectionFields - 1), $"{SlackLimits.Ellipsis}and {hidden} more"];
        }

        Fields = fieldTexts.Count == 0 ? null : [.. fieldTexts.Select(f => TextObject.Markdown(f, SlackLimits.SectionField))];
        Text = Fields is not null && string.IsNullOrWhiteSpace(text) ? null : TextObject.Markdown(text, SlackLimits.SectionText);
        Accessory = (BlockElement?)accessory;
    }

    public TextObject? Text { get; }
    public IReadOnlyList<TextObject>? Fields { get; }
    public BlockElement? Accessory { get; }
}

/// <summary>Small print: up to ten text or image elements; more keep nine and end with an "…and N more" note.</summary>
public sealed record ContextBlock : Block
{
    public ContextBlock(IEnumerable<IContextElement> elements)
        : base("context")
    {
        var list = elements.ToList();
        if (list.Count == 0)
        {
            list.Add(TextObject.Markdown(null));
        }
        else if (list.Count > SlackLimits.ContextElements)
        {
            var hidden = list.Count - (SlackLimits.ContextElements - 1);
            list = [.. list.Take(SlackLimits.ContextElements - 1), TextObject.Markdown($"{SlackLimits.Ellipsis}and {hidden} more")];
        }

        Elements = list;
    }

    public ContextBlock(params string[] markdown)
        : this(markdown.Select(m => (IContextElement)TextObject.Markdown(m)))
    {
    }

    public IReadOnlyList<IContextElement> Elements { get; }
}

public sealed record DividerBlock() : Block("divider");

/// <summary>A row of 1 to 25 interactive elements (the message and modal builders split longer rows).</summary>
public sealed record ActionsBlock : Block
{
    public ActionsBlock(IEnumerable<IActionElement> elements)
        : base("actions")
    {
        Elements = [.. elements.Cast<BlockElement>()];
        if (Elements.Count is 0 or > SlackLimits.ActionsElements)
        {
            throw new ArgumentException($"An actions block holds 1 to {SlackLimits.ActionsElements} elements; got {Elements.Count}.", nameof(elements));
        }
    }

    public ActionsBlock(params IActionElement[] elements)
        : this((IEnumerable<IActionElement>)elements)
    {
    }

    public IReadOnlyList<BlockElement> Elements { get; }
}

public sealed record ImageBlock : Block
{
    public ImageBlock(string imageUrl, string altText, string? title = null)
        : base("image")
    {
        ImageUrl = SlackLimits.RequireNonEmpty(imageUrl, SlackLimits.Url, "image_url");
        AltText = SlackLimits.Truncate(altText, SlackLimits.ImageAltText);
        Title = title is null ? null : TextObject.Plain(title, SlackLimits.ImageTitle);
    }

    public string ImageUrl { get; }
    public string AltText { get; }
    public TextObject? Title { get; }
}

/// <summary>A labelled input for modals; its <see cref="Block.BlockId"/> keys the submitted state.</summary>
public sealed record InputBlock : Block
{
    public InputBlock(string label, IInputElement element, string? hint = null, bool optional = false)
        : base("input")
    {
        Label = TextObject.Plain(label, SlackLimits.InputLabel);
        Element = (BlockElement)element;
        Hint = hint is null ? null : TextObject.Plain(hint, SlackLimits.InputHint);
        Optional = optional ? true : null;
    }

    public TextObject Label { get; }
    public BlockElement Element { get; }
    public TextObject? Hint { get; }
    public bool? Optional { get; }
}
