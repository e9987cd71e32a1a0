using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenTelemetry.Metrics;
using Quartz;

// One layer of the bot's stack on top of the other, chosen by --Layer: empty (ASP.NET Core and one endpoint), data
// (+ SQLite through Dapper, and an HTTP client with the standard resilience pipeline), metrics (+ OpenTelemetry with
// the Prometheus endpoint), scheduler (+ Quartz on its SQLite store, one job): the stack with nothing of the bot.
// Each layer is set up in a method of its own, so a lower layer never loads the assemblies of a higher one.
var builder = WebApplication.CreateBuilder(args);
var layer = Array.IndexOf(["empty", "data", "metrics", "scheduler"], builder.Configuration["Layer"] ?? "scheduler");
if (layer < 0)
{
    Console.Error.WriteLine("--Layer must be empty, data, metrics or scheduler.");
    return 2;
}

var databasePath = builder.Configuration["DatabasePath"] ?? Path.Combine(Path.GetTempPath(), $"idle-floor-{Environment.ProcessId}.db");
if (layer >= 1)
{
    Layers.AddData(builder.Services, databasePath);
}

if (layer >= 2)
{
    Layers.AddMetrics(builder.Services);
}

if (layer >= 3)
{
    Layers.AddScheduler(builder.Services, databasePath);
}

var app = builder.Build();
app.MapGet("/healthz/ready", () => "ok");
if (layer >= 2)
{
    Layers.MapMetrics(app);
}

app.Run();
return 0;

internal static class Layers
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddData(IServiceCollection services, string databasePath)
    {
        using (var connection = new SqliteConnection($"Data Source={databasePath}"))
        {
            connection.Open();
            connection.Execute("PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
            connection.Execute("INSERT INTO items (text) VALUES (@text)", new { text = "idle" });
            _ = connection.Query<long>("SELECT id FROM items").AsList();
        }

        services.AddHttpClient("slack").AddStandardResilienceHandler();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddMetrics(IServiceCollection services) =>
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MapMetrics(WebApplication app) => app.MapPrometheusScrapingEndpoint();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddScheduler(IServiceCollection services, string databasePath)
    {
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSqlite($"Data Source={databasePath}");
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
            });
            q.AddJob<NothingJob>(job => job.WithIdentity("nothing").StoreDurably());
            q.AddTrigger(trigger => trigger.ForJob("nothing").WithIdentity("hourly")
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
        services.AddQuartzHostedService();
    }
}

internal sealed class NothingJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
