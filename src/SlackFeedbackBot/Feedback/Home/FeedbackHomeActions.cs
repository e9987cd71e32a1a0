using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Globalization;
using SlackFeedbackBot.AppHome;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// What the feedback Home buttons share: reading the item from a click, showing a refusal (a Home tab has no place
/// for an ephemeral answer, so it opens in a small modal), and publishing the Home tab again after a change.
/// </summary>
public sealed class FeedbackHomeClicks(ISlackApiClient slack, IHomeTabRefresh refresh)
{
    public static long? ItemOf(BlockAction action)
    {
        var value = action.SelectedOption?.Value ?? action.Value ?? "";
        var colon = value.IndexOf(':');
        var number = colon < 0 ? value : value[..colon];
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    public async Task ShowAsync(BlockActionsPayload payload, string text, CancellationToken ct)
    {
        if (payload.TriggerId is { } trigger)
        {
            await slack.OpenViewAsync(trigger, new ModalBuilder("Feedback").Close("OK").Section(text).Build(), ct);
        }
    }

    /// <summary>Publishes the person's Home tab again through the outbox, once per change.</summary>
    public Task RefreshAsync(string userId, string change, CancellationToken ct) => refresh.RefreshAsync([userId], $"feedback:{change}", ct);
}

/// <summary>The bucket menu of a Home tab item (value <c>itemId:bucket</c>): moves it, if the person may reclassify it.</summary>
public sealed class HomeBucketAction(FeedbackService service, FeedbackPermissions permissions, FeedbackHomeClicks clicks) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var value = action.SelectedOption?.Value ?? "";
        if (FeedbackHomeClicks.ItemOf(action) is not { } id || value.IndexOf(':') is var colon && colon < 1)
        {
            await clicks.ShowAsync(payload, "That menu no longer knows its item; use `/feedback reclassify N bucket`.", ct);
            return;
        }

        if (await permissions.RefusalAsync(id, payload.User.Id, "reclassify", ct) is { } refusal)
        {
            await clicks.ShowAsync(payload, refusal, ct);
            return;
        }

        var outcome = service.Reclassify(id, value[(colon + 1)..], payload.User.Id);
        if (outcome.Problem is { } problem)
        {
            await clicks.ShowAsync(payload, problem, ct);
            return;
        }

        await clicks.RefreshAsync(payload.User.Id, $"bucket:{id}:{outcome.Item!.Bucket}:{action.ActionTs}", ct);
    }
}

/// <summary>"Plan" on a Home tab item: planned at once, reporters not told (planning is not a promise yet).</summary>
public sealed class HomePlanAction(FeedbackStatusMoves moves, FeedbackHomeClicks clicks) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        if (FeedbackHomeClicks.ItemOf(action) is not { } id)
        {
            await clicks.ShowAsync(payload, "That button no longer knows its item; use `/feedback plan N`.", ct);
            return;
        }

        var outcome = await moves.MoveAsync(id, FeedbackStatus.Planned, payload.User.Id, null, null, ct);
        if (outcome.Problem is { } problem)
        {
            await clicks.ShowAsync(payload, problem, ct);
            return;
        }

        await clicks.RefreshAsync(payload.User.Id, $"status:{id}:{outcome.Change?.Id}", ct);
    }
}

/// <summary>"Not yet" or "Resolve" on a Home tab item: a small form for the reason and whether to tell the reporters.</summary>
public sealed class HomeStatusFormAction(FeedbackHomeForms forms, FeedbackHomeClicks clicks, ISlackApiClient slack) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var status = action.ActionId == FeedbackHomeBlocks.ResolveAction ? FeedbackStatus.Resolved : FeedbackStatus.NotYet;
        if (FeedbackHomeClicks.ItemOf(action) is not { } id)
        {
            await clicks.ShowAsync(payload, $"That button no longer knows its item; use `/feedback {(status == FeedbackStatus.Resolved ? "resolve" : "notyet")} N ...`.", ct);
            return;
        }

        if (payload.TriggerId is { } trigger)
        {
            await slack.OpenViewAsync(trigger, forms.For(id, status), ct);
        }
    }
}

/// <summary>The not-yet or resolve form of a Home tab item was submitted: the move is made, or the form says why not.</summary>
public sealed class HomeStatusSubmission(FeedbackStatusMoves moves, FeedbackHomeClicks clicks) : IViewSubmissionHandler
{
    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var status = submission.View.CallbackId == FeedbackHomeForms.ResolveCallback ? FeedbackStatus.Resolved : FeedbackStatus.NotYet;
        if (!long.TryParse(submission.View.PrivateMetadata, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Error("This form no longer knows its item; close it and use `/feedback` instead.");
        }

        var values = submission.View.State?.Values;
        var reason = values?.GetValueOrDefault(FeedbackHomeForms.ReasonBlock)?.GetValueOrDefault(FeedbackHomeForms.ReasonBlock)?.Value;
        var ticked = values?.GetValueOrDefault(FeedbackHomeForms.TellBlock)?.GetValueOrDefault(FeedbackHomeForms.TellBlock)?.SelectedOptions;
        var tell = ticked?.Any(o => o.Value == FeedbackHomeForms.TellValue) == true;
        var outcome = await moves.MoveAsync(id, status, submission.User.Id, reason, tell, ct);
        if (outcome.Problem is { } problem)
        {
            return Error(problem);
        }

        await clicks.RefreshAsync(submission.User.Id, $"status:{id}:{outcome.Change?.Id}", ct);
        return null;
    }

    private static ViewSubmissionResponse Error(string text) =>
        ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { [FeedbackHomeForms.ReasonBlock] = text });
}

/// <summary>The two small forms behind the Home tab's "Not yet" and "Resolve": the reason, and a ticked "tell the reporters".</summary>
public sealed class FeedbackHomeForms
{
    public const string NotYetCallback = "feedback_home_not_yet_form";
    public const string ResolveCallback = "feedback_home_resolve_form";
    public const string ReasonBlock = "reason";
    public const string TellBlock = "tell";
    public const string TellValue = "yes";

    public ModalView For(long id, string status)
    {
        var resolving = status == FeedbackStatus.Resolved;
        var tell = new SelectOption("Tell its reporters in a DM", TellValue);
        return new ModalBuilder(resolving ? $"Resolve #{id}" : $"Not yet #{id}")
            .Submit(resolving ? "Resolve" : "Save")
            .Close("Cancel")
            .CallbackId(resolving ? ResolveCallback : NotYetCallback)
            .PrivateMetadata(id.ToString(CultureInfo.InvariantCulture))
            .Input(resolving ? "What changed?" : "Why not yet?", new PlainTextInputElement(ReasonBlock, multiline: true, maxLength: 1500), ReasonBlock,
                hint: "The reporters read this if you tell them.")
            .Input("Reporters", new CheckboxesElement(TellBlock, [tell], TellField.DefaultFor(status) ? [tell] : null), TellBlock, optional: true)
            .Build();
    }
}

/// <summary>Registers the feedback Home tab: its sections (one line each), its buttons and its forms.</summary>
public static class FeedbackHomeRegistration
{
    public static SlackHandlerBuilder AddFeedbackHome(this SlackHandlerBuilder slack)
    {
        var services = slack.Services;
        services.TryAddSingleton<IHomeTabRefresh, NoHomeTabRefresh>();
        services.TryAddSingleton<FeedbackHomeQueries>();
        services.TryAddSingleton<FeedbackHomeBlocks>();
        services.TryAddSingleton<FeedbackHomeForms>();
        services.TryAddSingleton<FeedbackHomeClicks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHomeTabSection, FeedbackHomeTab>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFeedbackHomeSection, UnclassifiedSection>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFeedbackHomeSection, SuggestedMergesSection>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFeedbackHomeSection, PastThresholdSection>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFeedbackHomeSection, TopIssuesSection>());
        return slack
            .AddBlockAction<HomeBucketAction>(FeedbackHomeBlocks.BucketAction)
            .AddBlockAction<HomePlanAction>(FeedbackHomeBlocks.PlanAction)
            .AddBlockAction<HomeStatusFormAction>(FeedbackHomeBlocks.NotYetAction)
            .AddBlockAction<HomeStatusFormAction>(FeedbackHomeBlocks.ResolveAction)
            .AddViewSubmission<HomeStatusSubmission>(FeedbackHomeForms.NotYetCallback)
            .AddViewSubmission<HomeStatusSubmission>(FeedbackHomeForms.ResolveCallback);
    }
}
