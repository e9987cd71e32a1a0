using System.Text.Json.Serialization;

namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>An interactive or image element inside a block.</summary>
[JsonDerivedType(typeof(ButtonElement))]
[JsonDerivedType(typeof(ImageElement))]
[JsonDerivedType(typeof(PlainTextInputElement))]
[JsonDerivedType(typeof(StaticSelectElement))]
[JsonDerivedType(typeof(UsersSelectElement))]
[JsonDerivedType(typeof(DatePickerElement))]
[JsonDerivedType(typeof(CheckboxesElement))]
public abstract record BlockElement([property: JsonPropertyOrder(-2)] string Type);

/// <summary>Elements a section may carry as its accessory.</summary>
public interface IAccessoryElement;

/// <summary>Elements an actions block may hold.</summary>
public interface IActionElement;

/// <summary>Elements an input block may hold.</summary>
public interface IInputElement;

public enum ButtonStyle
{
    Primary,
    Danger,
}

public sealed record ButtonElement : BlockElement, IActionElement, IAccessoryElement
{
    public ButtonElement(string text, string actionId, string? value = null, string? url = null, ButtonStyle? style = null)
        : base("button")
    {
        Text = TextObject.Plain(text, SlackLimits.ButtonText);
        ActionId = SlackLimits.RequireNonEmpty(actionId, SlackLimits.Id, "action_id");
        Value = SlackLimits.Require(value, SlackLimits.ButtonValue, "button value");
        Url = SlackLimits.Require(url, SlackLimits.Url, "button url");
        Style = style;
    }

    public TextObject Text { get; }
    public string ActionId { get; }
    public string? Value { get; }
    public string? Url { get; }
    public ButtonStyle? Style { get; }
}

public sealed record ImageElement : BlockElement, IAccessoryElement, IContextElement
{
    public ImageElement(string imageUrl, string altText)
        : base("image")
    {
        ImageUrl = SlackLimits.RequireNonEmpty(imageUrl, SlackLimits.Url, "image_url");
        AltText = SlackLimits.Truncate(altText, SlackLimits.ImageAltText);
    }

    public string ImageUrl { get; }
    public string AltText { get; }
}

public sealed record PlainTextInputElement : BlockElement, IInputElement
{
    public PlainTextInputElement(string actionId, bool multiline = false, string? initialValue = null, string? placeholder = null, int? maxLength = null)
        : base("plain_text_input")
    {
        if (maxLength is < 1 or > SlackLimits.PlainTextInputLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"Slack accepts a max_length of 1 to {SlackLimits.PlainTextInputLength}.");
        }

        ActionId = SlackLimits.RequireNonEmpty(actionId, SlackLimits.Id, "action_id");
        Multiline = multiline ? true : null;
        InitialValue = string.IsNullOrEmpty(initialValue)
            ? null
            : SlackLimits.Truncate(initialValue, maxLength ?? SlackLimits.PlainTextInputLength);
        Placeholder = placeholder is null ? null : TextObject.Plain(placeholder, SlackLimits.Placeholder);
        MaxLength = maxLength;
    }

    public string ActionId { get; }
    public bool? Multiline { get; }
    public string? InitialValue { get; }
    public TextObject? Placeholder { get; }
    public int? MaxLength { get; }
}

/// <summary>One choice of a static select.</summary>
public sealed record SelectOption
{
    public SelectOption(string text, string value)
    {
        Text = TextObject.Plain(text, SlackLimits.OptionText);
        Value = SlackLimits.RequireNonEmpty(value, SlackLimits.OptionValue, "option value");
    }

    public TextObject Text { get; }
    public string Value { get; }
}

public sealed record StaticSelectElement : BlockElement, IActionElement, IAccessoryElement, IInputElement
{
    public StaticSelectElement(string actionId, IEnumerable<SelectOption> options, SelectOption? initialOption = null, string? placeholder = null)
        : base("static_select")
    {
        ActionId = SlackLimits.RequireNonEmpty(actionId, SlackLimits.Id, "action_id");
        Options = [.. options];
        if (Options.Count is 0 or > SlackLimits.SelectOptions)
        {
            throw new ArgumentException($"A static select needs 1 to {SlackLimits.SelectOptions} options; got {Options.Count}.", nameof(options));
        }

        if (initialOption is not null && !Options.Contains(initialOption))
        {
            throw new ArgumentException("The initial option must be one of the options.", nameof(initialOption));
        }

        InitialOption = initialOption;
        Placeholder = placeholder is null ? null : TextObject.Plain(placeholder, SlackLimits.Placeholder);
    }

    public string ActionId { get; }
    public IReadOnlyList<SelectOption> Options { get; }
    public SelectOption? InitialOption { get; }
    public TextObject? Placeholder { get; }
}

public sealed record UsersSelectElement : BlockElement, IActionElement, IAccessoryElement, IInputElement
{
    public UsersSelectElement(string actionId, string? initialUser = null, string? placeholder = null)
        : base("users_select")
    {
        ActionId = SlackLimits.RequireNonEmpty(actionId, SlackLimits.Id, "action_id");
        InitialUser = string.IsNullOrEmpty(initialUser) ? null : initialUser;
        Placeholder = placeholder is null ? null : TextObject.Plain(placeholder, SlackLimits.Placeholder);
    }

    public string ActionId { get; }
    public string? InitialUser { get; }
    public TextObject? Placeholder { get; }
}

public sealed record DatePickerElement : BlockElement, IActionElement, IAccessoryElement, IInputElement
{
    public DatePickerElement(string actionId, DateOnly? initialDate = null, string? placeholder = null)
        : base("datepicker")
    {
        ActionId = SlackLimits.RequireNonEmpty(actionId, SlackLimits.Id, "action_id");
        InitialDate = initialDate;
        Placeholder = placeholder is null ? null : TextObject.Plain(placeholder, SlackLimits.Placeholder);
    }

    public string ActionId { get; }

    /// <summary>Serialized as <c>YYYY-MM-DD</c>, the format Slack expects.</summary>
    public DateOnly? InitialDate { get; }

    public TextObject? Placeholder { get; }
}

/// <summary>Checkboxes: each option ticked or not; <c>initial_options</c> are the ones ticked when it opens.</summary>
public sealed record CheckboxesElement : BlockElement, IActionElement, IInputElement
{
    public CheckboxesElement(string actionId, IEnumerable<SelectOption> options, IEnumerable<SelectOption>? initialOptions = null)
        : base("checkboxes")
    {
        ActionId = SlackLimits.RequireNonEmpty(actionId, SlackLimits.Id, "action_id");
        Options = [.. options];
        if (Options.Count is 0 or > SlackLimits.ChoiceOptions)
        {
            throw new ArgumentException($"Checkboxes need 1 to {SlackLimits.ChoiceOptions} options; got {Options.Count}.", nameof(options));
        }

        List<SelectOption> initial = [.. initialOptions ?? []];
        if (initial.Any(o => !Options.Contains(o)))
        {
            throw new ArgumentException("The initial options must be among the options.", nameof(initialOptions));
        }

        InitialOptions = initial.Count == 0 ? null : initial;
    }

    public string ActionId { get; }
    public IReadOnlyList<SelectOption> Options { get; }
    public IReadOnlyList<SelectOption>? InitialOptions { get; }
}
