namespace SlackFeedbackBot.Feedback;

/// <summary>How feedback is captured, confirmed and escalated (section <c>Feedback</c>).</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    public static readonly IReadOnlyList<string> DefaultSources = ["support", "sales", "success", "research", "other"];

    public static readonly IReadOnlyList<string> Importances = ["low", "medium", "high"];

    /// <summary>The emoji (name without colons) that captures the message it is put on.</summary>
    public string CaptureReaction { get; set; } = "bulb";

    /// <summary>How a reaction capture is confirmed: a reply in the message's thread, or a reaction only.</summary>
    public ReactionConfirmation ReactionConfirmation { get; set; } = ReactionConfirmation.ThreadReply;

    /// <summary>The emoji the bot adds when <see cref="ReactionConfirmation"/> is <c>Reaction</c>.</summary>
    public string ConfirmationReaction { get; set; } = "white_check_mark";

    /// <summary>Channel ids where every new top-level message from a person becomes a feedback item.</summary>
    public List<string> PassiveChannels { get; set; } = [];

    /// <summary>Whether the bot asks the reporter one question in the thread of a captured message.</summary>
    public bool FollowUpQuestion { get; set; } = true;

    public string FollowUpText { get; set; } = "How important is this to the customer? What matters most to them, and why?";

    /// <summary>The longest feedback text accepted, in characters.</summary>
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>Where feedback can come from; empty means <see cref="DefaultSources"/>.</summary>
    public List<string> Sources { get; set; } = [];

    public FeedbackThresholdOptions Thresholds { get; set; } = new();

    /// <summary>The similar-item matcher behind "Looks like #12" (section <c>Feedback:Issues</c>).</summary>
    public Issues.FeedbackIssueOptions Issues { get; set; } = new();

    /// <summary>User ids who may resolve, reopen and reclassify any item (besides its reporters and area owners).</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>A Slack user group (handle or id) whose members are feedback admins too.</summary>
    public string? AdminGroup { get; set; }

    /// <summary>How long an item keeps the key of the request it was captured from (a slash command's trigger id), so that
    /// the request handled again finds the item instead of saving it twice; longer than Slack:HandledRetention.</summary>
    public TimeSpan CaptureKeyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The sources in force (configuration binding appends to lists, so the defaults live here).</summary>
    public IReadOnlyList<string> EffectiveSources => Sources.Count == 0 ? DefaultSources : Sources;

    /// <summary>The capture emoji as Slack names it, without colons or a skin tone.</summary>
    public string CaptureReactionName => ReactionName(CaptureReaction);

    public static string ReactionName(string reaction)
    {
        var name = reaction.Trim().Trim(':');
        var skinTone = name.IndexOf("::", StringComparison.Ordinal);
        return skinTone < 0 ? name : name[..skinTone];
    }
}

public enum ReactionConfirmation
{
    ThreadReply,
    Reaction,
}

/// <summary>When the bot raises its hand: one item heard often, or a customer who matters a lot.</summary>
public sealed class FeedbackThresholdOptions
{
    /// <summary>
    /// Distinct customers of one item within <see cref="WithinDays"/>, weighted by their value and importance
    /// (section <c>Customers</c>), that trigger an alert. The name is kept from when it counted reports.
    /// </summary>
    public int ReportCount { get; set; } = 10;

    public int WithinDays { get; set; } = 30;

    /// <summary>The channel id alerts go to; without one no alerts are posted.</summary>
    public string? AlertChannel { get; set; }

    /// <summary>Customers whose feedback is passed on at once (matched case-insensitively).</summary>
    public List<string> HighValueCustomers { get; set; } = [];

    /// <summary>
    /// Why the threshold exists, shown in every capture reply after "3 of 10 customers: ";
    /// <c>{threshold}</c> and <c>{days}</c> stand for the numbers.
    /// </summary>
    public string Explanation { get; set; } = DefaultExplanation;

    public const string DefaultExplanation = "the product team reviews an issue when {threshold} customers in {days} days report it";
}
