using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>
/// Slack's documented Block Kit and message limits, and the two ways of staying inside them:
/// display text is cut with an ellipsis, identifiers and data are refused (a cut id or value would silently be wrong).
/// </summary>
public static class SlackLimits
{
    public const int MessageText = 4000;
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;
    public const int Text = 3000;
    public const int SectionText = 3000;
    public const int SectionField = 2000;
    public const int SectionFields = 10;
    public const int HeaderText = 150;
    public const int ContextElements = 10;
    public const int ActionsElements = 25;
    public const int Id = 255;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int Url = 3000;
    public const int InputLabel = 2000;
    public const int InputHint = 2000;
    public const int Placeholder = 150;
    public const int PlainTextInputLength = 3000;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int SelectOptions = 100;

    /// <summary>Checkboxes and radio buttons hold at most 10 options.</summary>
    public const int ChoiceOptions = 10;
    public const int ImageAltText = 2000;
    public const int ImageTitle = 2000;
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int PrivateMetadata = 3000;
    public const int CallbackId = 255;

    public const string Ellipsis = SlackText.Ellipsis;

    /// <summary>Shown where Slack would reject an empty text.</summary>
    public const string EmptyTextPlaceholder = "—";

    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, ending in an ellipsis when cut,
    /// and never inside a surrogate pair, an entity or a markup token (<see cref="SlackText.Truncate"/>). Empty or blank text becomes <see cref="EmptyTextPlaceholder"/>.
    /// </summary>
    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return EmptyTextPlaceholder;
        }

        return SlackText.Truncate(text, max);
    }

    /// <summary>Refuses identifiers and data longer than Slack accepts; <c>null</c> passes (the field is left out).</summary>
    public static string? Require(string? value, int max, string name)
    {
        if (value is not null && value.Length > max)
        {
            throw new ArgumentException($"Slack accepts at most {max} characters in {name}; got {value.Length}.", name);
        }

        return value;
    }

    /// <summary>Like <see cref="Require"/>, and also refuses an empty value.</summary>
    public static string RequireNonEmpty(string? value, int max, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"Slack needs a non-empty {name}.", name);
        }

        return Require(value, max, name)!;
    }
}
