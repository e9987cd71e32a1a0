using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// A trigger the bot declares in code for a durable job, put on the calendar at every start by
/// <see cref="DeclaredTriggers"/> (not by Quartz's own start-up declarations, which replace every declared trigger on
/// every start: that resets a cron trigger's next fire time, loses a fire missed while the bot was down, and two
/// instances starting together race on it).
/// </summary>
public abstract record DeclaredTrigger(TriggerKey Key, JobKey Job)
{
    public abstract ITrigger Build(TimeProvider time);

    /// <summary>Whether the stored trigger is this one, so it stays as it is.</summary>
    public abstract bool IsSame(ITrigger stored);

    /// <summary>Fires on a cron schedule; a fire missed while no instance ran fires once at start (FireAndProceed).</summary>
    public sealed record Cron(TriggerKey Key, JobKey Job, string Expression, TimeZoneInfo Zone) : DeclaredTrigger(Key, Job)
    {
        public override ITrigger Build(TimeProvider time) => TriggerBuilder.Create(time)
            .WithIdentity(Key)
            .ForJob(Job)
            .WithCronSchedule(Expression, c => c.InTimeZone(Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

        public override bool IsSame(ITrigger stored) =>
            stored is ICronTrigger cron && cron.JobKey.Equals(Job) && cron.CronExpressionString == Expression && cron.TimeZone.Id == Zone.Id;
    }

    /// <summary>
    /// Fires once when an instance starts. One still waiting to fire is left alone: instances that start together run
    /// the job once between them.
    /// </summary>
    public sealed record AtStart(TriggerKey Key, JobKey Job) : DeclaredTrigger(Key, Job)
    {
        public override ITrigger Build(TimeProvider time) => TriggerBuilder.Create(time)
            .WithIdentity(Key)
            .ForJob(Job)
            .StartAt(time.GetUtcNow())
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

        public override bool IsSame(ITrigger stored) => stored.JobKey.Equals(Job) && stored.NextFireTimeUtc is not null;
    }
}

public static class DeclaredTriggerServiceCollectionExtensions
{
    /// <summary>Declares <paramref name="trigger"/>; its job must be a durable one declared with <c>AddQuartz</c>.</summary>
    public static IServiceCollection AddDeclaredTrigger(this IServiceCollection services, DeclaredTrigger trigger)
    {
        services.AddSingleton(trigger);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DeclaredTriggers>());
        return services;
    }
}

/// <summary>At start, puts every <see cref="DeclaredTrigger"/> on the calendar unless it is there unchanged, all under one hold of the declaration lock.</summary>
public sealed class DeclaredTriggers(IEnumerable<DeclaredTrigger> declared, SchedulerDeclarations declarations, TimeProvider time, ILogger<DeclaredTriggers> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = await declarations.HoldAsync(cancellationToken);
        foreach (var trigger in declared)
        {
            if (await scope.EnsureAsync(trigger.Build(time), trigger.IsSame, cancellationToken))
            {
                log.LogDebug("Scheduled the declared trigger {Trigger}", trigger.Key);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
