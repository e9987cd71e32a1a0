namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>
/// The fluent block methods shared by <see cref="MessageBuilder"/> and <see cref="ModalBuilder"/>.
/// Long field lists and action rows are split over several blocks so nothing is lost to a per-block cap.
/// </summary>
public abstract class BlockListBuilder<TSelf>
    where TSelf : BlockListBuilder<TSelf>
{
    private readonly List<Block> _blocks = [];

    protected IReadOnlyList<Block> Blocks => _blocks;

    private TSelf Self => (TSelf)this;

    public TSelf Add(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _blocks.Add(block);
        return Self;
    }

    public TSelf Header(string text, string? blockId = null) => Add(new HeaderBlock(text) { BlockId = blockId });

    public TSelf Section(string text, IAccessoryElement? accessory = null, string? blockId = null) =>
        Add(new SectionBlock(text, accessory: accessory) { BlockId = blockId });

    /// <summary>Sections of two-column fields, ten per section; <paramref name="text"/> heads the first one.</summary>
    public TSelf Fields(IEnumerable<string> fields, string? text = null)
    {
        var chunks = fields.Chunk(SlackLimits.SectionFields).ToList();
        if (chunks.Count == 0)
        {
            return text is null ? Self : Section(text);
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            Add(new SectionBlock(i == 0 ? text : null, chunks[i]));
        }

        return Self;
    }

    public TSelf Fields(params string[] fields) => Fields((IEnumerable<string>)fields);

    public TSelf Context(params string[] markdown) => Add(new ContextBlock(markdown));

    public TSelf Context(IEnumerable<IContextElement> elements) => Add(new ContextBlock(elements));

    public TSelf Divider() => Add(new DividerBlock());

    /// <summary>Rows of up to 25 elements; an empty list adds nothing.</summary>
    public TSelf Actions(IEnumerable<IActionElement> elements)
    {
        foreach (var row in elements.Chunk(SlackLimits.ActionsElements))
        {
            Add(new ActionsBlock(row));
        }

        return Self;
    }

    public TSelf Actions(params IActionElement[] elements) => Actions((IEnumerable<IActionElement>)elements);

    public TSelf Image(string imageUrl, string altText, string? title = null) => Add(new ImageBlock(imageUrl, altText, title));

    /// <summary>The blocks, cut to <paramref name="max"/> with the last one saying how many were left out.</summary>
    protected IReadOnlyList<Block> TrimmedBlocks(int max) => BlockTrimmer.Trim(_blocks, max);
}

public static class BlockTrimmer
{
    /// <summary>
    /// Keeps <paramref name="blocks"/> as they are when they fit, else the first <c>max - 1</c> followed by a
    /// context note "…and N more not shown".
    /// </summary>
    public static IReadOnlyList<Block> Trim(IReadOnlyList<Block> blocks, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (blocks.Count <= max)
        {
            return [.. blocks];
        }

        var hidden = blocks.Count - (max - 1);
        return [.. blocks.Take(max - 1), new ContextBlock($"{SlackLimits.Ellipsis}and {hidden} more not shown")];
    }
}
