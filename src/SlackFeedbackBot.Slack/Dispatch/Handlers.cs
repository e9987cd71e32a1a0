using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>Handles one slash command. The reply it returns goes into the ack when it is ready in time,
/// otherwise to the command's response_url.</summary>
public interface ISlashCommandHandler
{
    Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct);
}

/// <summary>Handles one Events API event type.</summary>
public interface IEventHandler
{
    Task HandleAsync(EventCallback callback, CancellationToken ct);
}

public interface IMessageShortcutHandler
{
    Task HandleAsync(ShortcutPayload shortcut, CancellationToken ct);
}

public interface IGlobalShortcutHandler
{
    Task HandleAsync(ShortcutPayload shortcut, CancellationToken ct);
}

/// <summary>Handles a click on one action_id.</summary>
public interface IBlockActionHandler
{
    Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct);
}

/// <summary>Handles a modal's submission. Returning null closes the modal; see <see cref="ViewSubmissionResponse"/> for the rest.</summary>
public interface IViewSubmissionHandler
{
    Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct);
}

/// <summary>What a view submission answers in its ack: inline errors, an updated view, or clearing the stack.</summary>
public sealed record ViewSubmissionResponse
{
    public string ResponseAction { get; init; } = "errors";
    public IReadOnlyDictionary<string, string>? Errors { get; init; }
    public ModalView? View { get; init; }

    public static ViewSubmissionResponse WithErrors(IReadOnlyDictionary<string, string> errors) =>
        new() { ResponseAction = "errors", Errors = errors };

    public static ViewSubmissionResponse Update(ModalView view) => new() { ResponseAction = "update", View = view };

    public static ViewSubmissionResponse Clear() => new() { ResponseAction = "clear" };
}
