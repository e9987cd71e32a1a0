using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Rotations.Jobs;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Scheduling;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Rotations;

public static class RotationsServiceCollectionExtensions
{
    /// <summary>
    /// Support rotations (section <c>Rotations</c>): storage, the planning job (daily and at start), the shift jobs,
    /// <c>/support</c> with its subcommands, the buttons and forms, and the Home tab.
    /// </summary>
    public static SlackHandlerBuilder AddRotations(this SlackHandlerBuilder slack, IConfiguration configuration)
    {
        var services = slack.Services;
        services.AddOptions<RotationsOptions>().Bind(configuration.GetSection(RotationsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RotationsOptions>, RotationsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RotationRepository>();
        services.AddSingleton<ShiftRepository>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataEraser, HandoffNoteErasure>());
        services.AddSingleton<ShiftContext>();
        services.AddSingleton<PeopleZones>();
        services.AddSingleton<DirectMessenger>();
        services.AddSingleton<ShiftScheduler>();
        services.AddSingleton<RotationPlanning>();
        services.AddSingleton<UnplacedMembersNotice>();
        services.AddSingleton<LeaverHandover>();
        services.AddSingleton<ShiftReminders>();
        services.AddSingleton<ShiftStart>();
        services.AddSingleton<NoShowWatch>();
        services.AddSingleton<MakeUpRepository>();
        services.AddSingleton<MakeUpShifts>();
        services.TryAddSingleton<FeedbackPeopleQueries>();
        services.TryAddSingleton<FeedbackDigestQueries>();
        services.AddSingleton<CustomerContacts>();
        services.AddSingleton<FollowRepository>();
        services.AddSingleton<FollowTargets>();
        services.AddSingleton<FollowRequests>();
        services.AddSingleton<MemberSync>();
        services.AddSingleton<ShiftFeedbackSummary>();
        services.AddSingleton<ShiftWrapUp>();
        services.AddSingleton<TimeAway>();
        services.AddSingleton<ShiftAcknowledgements>();
        services.AddSingleton<ShiftSwaps>();
        services.AddSingleton<RotationAdmin>();
        services.AddSingleton<RotationChooser>();
        services.AddSingleton<SlackFeedbackBot.Commands.PlainNames>();
        services.TryAddSingleton<SlackFeedbackBot.Slack.Directory.WorkspaceDirectory>();
        services.AddSingleton<SupportHome>();
        services.AddSingleton<SupportHomeRefresh>();
        services.RemoveAll<SlackFeedbackBot.AppHome.IHomeTabRefresh>();
        services.AddSingleton<SlackFeedbackBot.AppHome.IHomeTabRefresh>(sp => sp.GetRequiredService<SupportHomeRefresh>());
        services.AddOutboxTaskHandler<PublishSupportHome>();
        services.AddSingleton<ClickReplies>();
        services.AddHostedService<DeclaredRotations>();

        // Replaces the feedback feature's "nobody is on shift" default, whichever of the two is registered first.
        services.RemoveAll<ICurrentShiftLookup>();
        services.AddSingleton<ICurrentShiftLookup, RotationShiftLookup>();
        services.RemoveAll<ICustomerContactLookup>();
        services.AddSingleton<ICustomerContactLookup>(sp => sp.GetRequiredService<CustomerContacts>());

        foreach (var subcommand in new[]
        {
            typeof(NowSubcommand), typeof(ScheduleSubcommand), typeof(JoinSubcommand), typeof(LeaveSubcommand), typeof(AwaySubcommand),
            typeof(SwapSubcommand), typeof(AckSubcommand), typeof(HandoffSubcommand), typeof(CreateSubcommand), typeof(EditSubcommand),
            typeof(StatsSubcommand), typeof(FollowSubcommand), typeof(UnfollowSubcommand), typeof(HelpSubcommand),
        })
        {
            services.AddScoped(typeof(ISupportSubcommand), subcommand);
        }

        // Quartz reads the cron now; one it cannot read is reported by the configuration check before anything starts.
        var planningCron = SettingValues.ReadOrDefaults<RotationsOptions>(configuration, RotationsOptions.Section).PlanningCron;
        if (!RotationsOptionsValidator.IsCron(planningCron))
        {
            planningCron = new RotationsOptions().PlanningCron;
        }

        services.AddQuartz(q =>
        {
            q.AddJob<ShiftReminderJob>(j => j.WithIdentity(ShiftScheduler.ReminderJob).StoreDurably());
            q.AddJob<ShiftStartJob>(j => j.WithIdentity(ShiftScheduler.StartJob).StoreDurably());
            q.AddJob<ShiftNoShowJob>(j => j.WithIdentity(ShiftScheduler.NoShowJob).StoreDurably());
            q.AddJob<ShiftEndJob>(j => j.WithIdentity(ShiftScheduler.EndJob).StoreDurably());
            q.AddJob<RotationPlanningJob>(j => j.WithIdentity(ShiftScheduler.PlanningJob).StoreDurably());
            q.AddJob<MemberSyncJob>(j => j.WithIdentity(MemberSyncJob.Key).StoreDurably());
        });
        services.AddDeclaredTrigger(new DeclaredTrigger.Cron(new TriggerKey("rotation-member-sync-daily", ShiftScheduler.JobGroup), MemberSyncJob.Key, MemberSync.DailyCron, TimeZoneInfo.Utc));
        services.AddDeclaredTrigger(new DeclaredTrigger.Cron(new TriggerKey("rotation-planning-daily", ShiftScheduler.JobGroup), ShiftScheduler.PlanningJob, planningCron, TimeZoneInfo.Utc));
        // Planning at every start; instances starting together plan once.
        services.AddDeclaredTrigger(new DeclaredTrigger.AtStart(new TriggerKey("rotation-planning-at-start", ShiftScheduler.JobGroup), ShiftScheduler.PlanningJob));

        foreach (var slotActionId in MakeUpShifts.SlotActionIds)
        {
            slack.AddBlockAction<MakeUpSlotAction>(slotActionId);
        }

        return slack
            .AddSlashCommand<SupportCommand>(SupportCommand.Command)
            .AddBlockAction<SupportAckAction>(ShiftReminders.AckActionId)
            .AddBlockAction<SwapAcceptAction>(ShiftSwaps.AcceptActionId)
            .AddBlockAction<SwapDeclineAction>(ShiftSwaps.DeclineActionId)
            .AddBlockAction<HomeSwapAction>(SupportHome.SwapActionId)
            .AddBlockAction<HomeAwayAction>(SupportHome.AwayActionId)
            .AddViewSubmission<SwapSubmission>(ShiftSwaps.ModalCallbackId)
            .AddViewSubmission<SwapConfirmSubmission>(ShiftSwaps.ConfirmCallbackId)
            .AddViewSubmission<AwaySubmission>(HomeAwayAction.ModalCallbackId)
            .AddEventHandler<SupportHomeOpened>("app_home_opened")
            .AddEventHandler<UserGroupMembersChanged>(UserGroupMembersChanged.EventType)
            .AddEventHandler<ChannelMembershipChanged>(ChannelMembershipChanged.JoinedEventType)
            .AddEventHandler<ChannelMembershipChanged>(ChannelMembershipChanged.LeftEventType)
            .AddEventHandler<UserChanged>(UserChanged.EventType);
    }
}
