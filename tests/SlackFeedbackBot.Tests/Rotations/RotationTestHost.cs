using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Scheduling;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>The rotation feature on a real host: SQLite file, Quartz's persistent store, a fake clock and a fake Slack.</summary>
public sealed class RotationTestHost : IDisposable
{
    public const string Admin = "UADMIN";
    public const string Lead = "ULEAD";
    public const string Channel = "CSUPPORT";

    private RotationTestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static Dictionary<string, string?> Config(string rotation = "support", string timeZone = "UTC", params string[] members)
    {
        var config = new Dictionary<string, string?>
        {
            ["Rotations:Admins:0"] = Admin,
            ["Rotations:Rotations:0:Name"] = rotation,
            ["Rotations:Rotations:0:SupportChannel"] = Channel,
            ["Rotations:Rotations:0:Owners:0"] = Lead,
            ["Rotations:Rotations:0:TimeZone"] = timeZone,
            ["Rotations:Rotations:0:SetTopic"] = "true",
            ["Rotations:Rotations:0:UserGroupId"] = "SNOW",
        };
        for (var i = 0; i < members.Length; i++)
        {
            config[$"Rotations:Rotations:0:Members:{i}:UserId"] = members[i];
        }

        return config;
    }

    public static Task<RotationTestHost> StartAsync(string dbPath, FakeTimeProvider time, RotationSlackFake slack, Dictionary<string, string?> config, ILoggerProvider? logs = null) =>
        StartAsync(new Database(dbPath), time, slack, config, logs);

    /// <summary>On <paramref name="database"/>: a SQLite file, or a PostgreSQL database with Quartz clustered on it.</summary>
    public static async Task<RotationTestHost> StartAsync(Database database, FakeTimeProvider time, RotationSlackFake slack, Dictionary<string, string?> config, ILoggerProvider? logs = null)
    {
        if (database.Provider == StorageProvider.Postgres)
        {
            config["Storage:Provider"] = "Postgres";
            config["Storage:ConnectionString"] = database.ConnectionString;
        }
        else
        {
            config["Storage:DatabasePath"] = database.Path;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ISlackApiClient>(slack);
        builder.Services.AddStorage(builder.Configuration);

        // The outbox sends the DMs; its waits stay on the real clock, like the Slack client's in the bot.
        builder.Services.AddSingleton(new OutboxClock(TimeProvider.System));
        builder.Services.AddSingleton(sp => new ChannelPostPacer(TimeProvider.System, sp.GetRequiredService<IOptions<SlackPostPacingOptions>>()));
        builder.Services.AddSlackOutbox(SlackStorageOf.Database(database));
        builder.Services.AddScheduling(builder.Configuration);
        new SlackHandlerBuilder(builder.Services, new SlackHandlerRegistry()).AddRotations(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new RotationTestHost(host);
    }

    /// <summary>Waits until every Slack effect queued so far (DMs, posts) has been sent.</summary>
    public Task EffectsSentAsync() =>
        Eventually.ThatAsync(() => OutboxTable.Rows(Get<Database>()).All(r => r.Status != "pending"), "every queued Slack effect is sent");

    public async Task<RotationSettings> RotationAsync(string name = "support") =>
        await Get<RotationRepository>().FindAsync(name) ?? throw new AssertionException($"no rotation {name}");

    /// <summary>Stores a shift and schedules its moments, as planning does.</summary>
    public async Task<Shift> AddShiftAsync(DateTimeOffset start, TimeSpan length, params string[] assignees)
    {
        var rotation = await RotationAsync();
        var planned = new PlannedShift(PlannedShift.KeyFor(rotation.Name, start), start, start + length, assignees, null);
        await Get<ShiftRepository>().UpsertAsync(rotation.Id, planned, Get<TimeProvider>().GetUtcNow());
        var shift = (await Get<ShiftRepository>().FindAsync(planned.Key))!;
        await Get<ShiftScheduler>().ScheduleAsync(shift, rotation, CancellationToken.None);
        return shift;
    }

    public async Task<SlackMessage?> SupportAsync(string user, string text)
    {
        using var scope = Host.Services.CreateScope();
        var command = new SlackFeedbackBot.Rotations.Slack.SupportCommand(scope.ServiceProvider.GetServices<SlackFeedbackBot.Rotations.Slack.ISupportSubcommand>(), Get<ILogger<SlackFeedbackBot.Rotations.Slack.SupportCommand>>());
        return await command.HandleAsync(new SlashCommand { Command = "/support", Text = text, UserId = user, TriggerId = "T-" + user }, CancellationToken.None);
    }

    public async Task<long> CountAsync(string table)
    {
        using var connection = Get<Database>().Open();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Waits until the planning run at start has stored the rotation's window (its shifts and their triggers).</summary>
    public async Task WaitForPlanAsync(string name = "support")
    {
        var rotation = await RotationAsync(name);
        await Support.Eventually.ThatAsync(async () => await Get<RotationRepository>().PlannedUntilAsync(rotation.Id) is not null, "planning at start finishes");
    }

    public async Task StopAsync() => await Host.StopAsync();

    // The PostgreSQL outbox closes its data source asynchronously only.
    public void Dispose() => ((IAsyncDisposable)Host).DisposeAsync().AsTask().GetAwaiter().GetResult();
}
