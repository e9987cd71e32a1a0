using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Rotations.Slack;

public sealed record TextObject(string Type, string Text);

public sealed record ButtonElement(TextObject Text, string ActionId, string? Value, string? Style)
{
    public string Type => "button";
}

public sealed record OptionObject(TextObject Text, string Value);

public sealed record StaticSelectElement(string ActionId, TextObject Placeholder, IReadOnlyList<OptionObject> Options)
{
    public string Type => "static_select";
}

public sealed record UsersSelectElement(string ActionId, TextObject Placeholder)
{
    public string Type => "users_select";
}

public sealed record DatePickerElement(string ActionId, string? InitialDate)
{
    public string Type => "datepicker";
}

public sealed record SectionBlock(TextObject Text) : Block("section");

public sealed record ActionsBlock(IReadOnlyList<object> Elements) : Block("actions");

public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block("context");

public sealed record HeaderBlock(TextObject Text) : Block("header");

public sealed record InputBlock(TextObject Label, object Element) : Block("input");

/// <summary>The few Block Kit pieces support messages use, cut to Slack's limits (text 3000, button 75, option 75).</summary>
public static class SupportBlocks
{
    public static SectionBlock Section(string markdown) => new(new TextObject("mrkdwn", Cut(markdown, 3000)));

    public static ContextBlock Context(string markdown) => new([new TextObject("mrkdwn", Cut(markdown, 3000))]);

    public static HeaderBlock Header(string text) => new(Plain(text, 150));

    public static ActionsBlock Actions(params object[] elements) => new(elements.Take(25).ToList());

    public static ButtonElement Button(string text, string actionId, string? value, string? style = null) =>
        new(Plain(text, 75), actionId, value is null ? null : Cut(value, 2000), style);

    public static InputBlock Input(string blockId, string label, object element) => new(Plain(label, 2000), element) { BlockId = blockId };

    public static OptionObject Option(string text, string value) => new(Plain(text, 75), value);

    public static TextObject Plain(string text, int limit = 3000) => new("plain_text", Cut(text, limit));

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
