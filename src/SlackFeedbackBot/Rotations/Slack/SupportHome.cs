using SlackFeedbackBot.AppHome;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>
/// The App Home tab: what other features add (<see cref="IHomeTabSection"/>: the feedback triage for the people who act
/// on feedback), then your next shifts with Swap and Away buttons, and the feedback you captured lately.
/// </summary>
public sealed class SupportHome(
    ShiftRepository shifts,
    RotationRepository rotations,
    ShiftFeedbackSummary feedback,
    PeopleZones zones,
    ISlackApiClient slack,
    TimeProvider time,
    IEnumerable<IHomeTabSection> sections)
{
    public const string SwapActionId = "home_support_swap";
    public const string AwayActionId = "home_support_away";
    public const int ShiftLimit = 10;

    public async Task<IReadOnlyList<Block>> BuildAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = await zones.ZoneOfAsync(userId, ct);
        var names = (await rotations.ListAsync()).ToDictionary(r => r.Id, r => r.Name);
        var upcoming = await shifts.UpcomingForAsync(userId, now, ShiftLimit);
        var blocks = new List<Block>();
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            blocks.AddRange(await section.BuildAsync(userId, ct));
        }

        blocks.Add(SupportBlocks.Header("Your support shifts"));
        if (upcoming.Count == 0)
        {
            blocks.Add(SupportBlocks.Section("No upcoming shifts. Join a rotation with `/support join <rotation>`."));
        }
        else
        {
            blocks.AddRange(upcoming.Select(s => SupportBlocks.Section($"*{names.GetValueOrDefault(s.RotationId, "support")}*: {ShiftText.When(s, zone)}")));
        }

        blocks.Add(SupportBlocks.Actions(
            SupportBlocks.Button("Swap a shift", SwapActionId, null),
            SupportBlocks.Button("I'll be away", AwayActionId, null)));
        blocks.Add(SupportBlocks.Header("Feedback you captured lately"));
        var recent = await feedback.RecentByAsync(userId);
        blocks.Add(SupportBlocks.Section(recent.Count == 0 ? "Nothing yet: capture what customers say with `/feedback`." : string.Join("\n", recent.Select(r => "• " + r))));
        return blocks;
    }

    public async Task PublishAsync(string userId, CancellationToken ct) => await slack.PublishHomeViewAsync(userId, await BuildAsync(userId, ct), ct);
}

/// <summary>app_home_opened on the Home tab: publish it fresh.</summary>
public sealed class SupportHomeOpened(SupportHome home) : IEventHandler
{
    public async Task HandleAsync(EventCallback callback, CancellationToken ct)
    {
        if (callback.Event.User is { } user && callback.Event.Tab is null or "home")
        {
            await home.PublishAsync(user, ct);
        }
    }
}

/// <summary>Home tab "Swap a shift": the swap form.</summary>
public sealed class HomeSwapAction(ShiftSwaps swaps, ClickReplies replies) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        if (await swaps.OpenAsync(payload.User.Id, payload.TriggerId, ct) is { } refusal)
        {
            await replies.ReplyAsync(payload, refusal, replaceOriginal: false, ct);
        }
    }
}

/// <summary>Home tab "I'll be away": a form with two dates.</summary>
public sealed class HomeAwayAction(ISlackApiClient slack) : IBlockActionHandler
{
    public const string ModalCallbackId = "support_away";
    public const string FromBlock = "from";
    public const string ToBlock = "to";

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        if (payload.TriggerId is null)
        {
            return;
        }

        var view = new ModalBuilder("Time away")
            .Submit("Save")
            .Close("Cancel")
            .CallbackId(ModalCallbackId)
            .Input("First day away", new DatePickerElement(FromBlock), FromBlock)
            .Input("Last day away", new DatePickerElement(ToBlock), ToBlock)
            .Build();
        await slack.OpenViewAsync(payload.TriggerId, view, ct);
    }
}

/// <summary>The time-away form was submitted: refusals show inline, otherwise the result comes by DM.</summary>
public sealed class AwaySubmission(TimeAway away, DirectMessenger messenger) : IViewSubmissionHandler
{
    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var values = submission.View.State?.Values;
        var fromText = values?.GetValueOrDefault(HomeAwayAction.FromBlock)?.GetValueOrDefault(HomeAwayAction.FromBlock)?.SelectedDate;
        var toText = values?.GetValueOrDefault(HomeAwayAction.ToBlock)?.GetValueOrDefault(HomeAwayAction.ToBlock)?.SelectedDate;
        if (!DateOnly.TryParse(fromText, System.Globalization.CultureInfo.InvariantCulture, out var from))
        {
            return ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [HomeAwayAction.FromBlock] = "Pick the first day." });
        }

        if (!DateOnly.TryParse(toText, System.Globalization.CultureInfo.InvariantCulture, out var to))
        {
            return ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [HomeAwayAction.ToBlock] = "Pick the last day." });
        }

        var outcome = await away.RequestAsync(submission.User.Id, from, to, ct);
        if (!outcome.Changed)
        {
            return ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [HomeAwayAction.FromBlock] = outcome.Text });
        }

        await messenger.SendAsync($"away:{submission.View.Id ?? $"{submission.User.Id}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}"}", submission.User.Id, new SlackMessage { Text = outcome.Text }, ct);
        return null;
    }
}
