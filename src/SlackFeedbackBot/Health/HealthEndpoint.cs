using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SlackFeedbackBot.Health;

public static class HealthEndpoint
{
    /// <summary>
    /// The checks, each tagged with the endpoint it belongs on (<see cref="HealthTags"/>). A new readiness check is one
    /// more <c>AddCheck&lt;T&gt;(name, tags: [HealthTags.Ready])</c>.
    /// </summary>
    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready])
            .AddCheck<InboxHealthCheck>("inbox", tags: [HealthTags.Ready])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [HealthTags.Ready])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthTags.Ready])
            .AddCheck<SlackApiHealthCheck>("slack", tags: [HealthTags.Ready])
            .AddCheck<SocketModeHealthCheck>("socket_mode", tags: [HealthTags.Ready]);

        // The database check keeps its last result for a few seconds, so it lives as long as the app.
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddHostedService<SlackProbe>();
        return services;
    }

    /// <summary>
    /// <c>GET /healthz/live</c>: the process answers (checks tagged <see cref="HealthTags.Live"/>, none today), for a
    /// container's restart policy. <c>GET /healthz/ready</c>: it can serve (checks tagged <see cref="HealthTags.Ready"/>),
    /// for a load balancer. <c>GET /healthz</c>: every check. Each answers 200 when healthy or degraded and 503 when
    /// unhealthy, with a JSON body saying why.
    /// </summary>
    public static IEndpointRouteBuilder MapBotHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync });
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Live), ResponseWriter = WriteAsync });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteAsync });
        return app;
    }

    // One instance: each new JsonSerializerOptions builds its own type metadata again, on every answer.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Indented));
    }
}
