namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>What a body from Slack turned out to be.</summary>
public enum SlackParseOutcome
{
    /// <summary>A request to hand to the sink.</summary>
    Request,

    /// <summary>Slack checking the Request URL: answer with the challenge.</summary>
    UrlVerification,

    /// <summary>Slack checking the TLS certificate of a slash command URL: answer 200 with an empty body.</summary>
    SslCheck,

    /// <summary>Not something this app understands.</summary>
    Invalid,
}

/// <summary>The outcome of <see cref="SlackRequestParser"/>: a request, one of the setup checks, or why the body was refused.</summary>
public sealed class SlackParseResult
{
    private SlackParseResult(SlackParseOutcome outcome, SlackInboundRequest? request, string? challenge, string? error)
    {
        Outcome = outcome;
        Request = request;
        Challenge = challenge;
        Error = error;
    }

    public static SlackParseResult SslCheck { get; } = new(SlackParseOutcome.SslCheck, null, null, null);

    public SlackParseOutcome Outcome { get; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="SlackParseOutcome.Request"/>.</summary>
    public SlackInboundRequest? Request { get; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="SlackParseOutcome.UrlVerification"/>.</summary>
    public string? Challenge { get; }

    /// <summary>Why the body was refused, for the log; set when <see cref="Outcome"/> is <see cref="SlackParseOutcome.Invalid"/>.</summary>
    public string? Error { get; }

    public static SlackParseResult Accepted(SlackInboundRequest request) => new(SlackParseOutcome.Request, request, null, null);

    public static SlackParseResult UrlVerification(string challenge) => new(SlackParseOutcome.UrlVerification, null, challenge, null);

    public static SlackParseResult Invalid(string error) => new(SlackParseOutcome.Invalid, null, null, error);
}
