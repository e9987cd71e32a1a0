using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Feedback.Issues;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Retention;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Feedback capture: options (section <c>Feedback</c>, validated at start), the repository and services, and
    /// every Slack handler of the feature, one line each.
    /// </summary>
    public static SlackHandlerBuilder AddFeedback(this SlackHandlerBuilder slack, IConfiguration configuration)
    {
        var services = slack.Services;
        services.AddOptions<FeedbackOptions>()
            .Bind(configuration.GetSection(FeedbackOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedbackOptions>, FeedbackOptionsValidator>());
        if (!services.Any(d => d.ServiceType == typeof(SpotlightRuleSet)))
        {
            services.AddSpotlight(configuration);
        }

        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(CustomerQueries)))
        {
            // Thresholds weigh customers as the Customers feature knows them.
            services.AddCustomers(configuration);
        }
        services.TryAddSingleton<ICurrentShiftLookup, NoShiftLookup>();
        services.TryAddSingleton<IProductAreaOwners, NoProductAreaOwners>();
        services.TryAddSingleton<IProductAreaTagger, NoProductAreaTagger>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFeedbackCaptureHook, ProductAreaCaptureHook>());
        services.TryAddSingleton<FeedbackAdmins>();
        services.TryAddSingleton<FeedbackPermissions>();
        services.TryAddSingleton<FeedbackRepository>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataEraser, FeedbackErasure>());
        services.AddRetentionPurge<CaptureKeyRetention>();
        services.TryAddSingleton<FeedbackBuckets>();
        services.TryAddSingleton<FeedbackAlerts>();
        services.AddMetrics();
        services.TryAddSingleton<FeedbackMetrics>();
        services.TryAddSingleton<FeedbackService>();
        services.TryAddSingleton<FeedbackResolver>();
        services.AddFeedbackStatuses();
        services.TryAddSingleton<ReporterLinks>();
        services.TryAddSingleton<SlackFeedbackBot.Slack.Directory.WorkspaceDirectory>();
        services.TryAddSingleton<FeedbackImporter>();
        services.TryAddSingleton<FeedbackExporter>();
        services.TryAddSingleton<FeedbackIssueItems>();
        services.TryAddSingleton<IssueReportsExporter>();
        services.TryAddSingleton<FeedbackWhyQueries>();
        services.TryAddSingleton<SlackMessageReader>();
        services.TryAddSingleton<FeedbackDigestQueries>();
        services.TryAddSingleton<FeedbackPeopleQueries>();
        services.TryAddSingleton<FeedbackReplies>();
        services.TryAddSingleton<FeedbackModals>();
        services.TryAddSingleton<MessageCaptureConfirmation>();
        services.TryAddSingleton<MessagePermalinks>();
        services.AddOutboxTaskHandler<StorePermalink>();
        services.AddFeedbackRuleProposals();
        services.TryAddScoped<CaptureFromCommand>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, ListSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, ShowSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, SearchSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, ReclassifySubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, SameSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, ResolveSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, PlanSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, NotYetSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, ReopenSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, RulesSubcommand>());
        services.AddFeedbackIssues();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, FeedbackHelpSubcommand>());

        return slack
            .AddSlashCommand<FeedbackCommand>(FeedbackCommand.Name)
            .AddGlobalShortcut<NewFeedbackShortcut>(NewFeedbackShortcut.CallbackId)
            .AddMessageShortcut<CaptureMessageShortcut>(CaptureMessageShortcut.CallbackId)
            .AddViewSubmission<NewFeedbackSubmission>(FeedbackModals.NewCallback)
            .AddViewSubmission<CaptureMessageSubmission>(FeedbackModals.CaptureCallback)
            .AddViewSubmission<DetailsSubmission>(FeedbackModals.DetailsCallback)
            .AddBlockAction<SetBucketAction>(FeedbackReplies.SetBucketAction)
            .AddBlockAction<AddDetailsAction>(FeedbackReplies.AddDetailsAction)
            .AddBlockAction<OpenFeedbackModalAction>(OpenFeedbackModalAction.ActionId)
            .AddBlockAction<AcceptRuleAction>(RuleProposalMessages.AcceptAction)
            .AddBlockAction<DismissRuleAction>(RuleProposalMessages.DismissAction)
            .AddBlockAction<RemoveRuleAction>(RuleRemovalMessages.RemoveAction)
            .AddBlockAction<KeepRuleAction>(RuleRemovalMessages.KeepAction)
            .AddBlockAction<SameIssueAction>(IssueOfferBlocks.SameAction)
            .AddBlockAction<DifferentIssueAction>(IssueOfferBlocks.DifferentAction)
            .AddEventHandler<ReactionCaptureHandler>(ReactionCaptureHandler.EventType)
            .AddEventHandler<PassiveCaptureHandler>(PassiveCaptureHandler.EventType)
            .AddEventHandler<MentionCaptureHandler>(MentionCaptureHandler.EventType)
            .AddEventHandler<CapturedMessageChangeHandler>(CapturedMessageChangeHandler.EventType)
            .AddEventHandler<FollowUpAnswerHandler>(FollowUpAnswerHandler.EventType)
            .AddFeedbackHome();
    }
}
