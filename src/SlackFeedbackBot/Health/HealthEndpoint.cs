using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SlackFeedbackBot.Health;

public static class HealthEndpoint
{
    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SlackApiHealthCheck>("slack")
            .AddCheck<InboxHealthCheck>("inbox")
            .AddCheck<OutboxHealthCheck>("outbox")
            .AddCheck<SocketModeHealthCheck>("socket_mode");
        services.AddSingleton<SlackApiHealthCheck>();
        return services;
    }

    /// <summary><c>GET /healthz</c>: 200 when healthy or degraded, 503 when unhealthy; a JSON body says why.</summary>
    public static IEndpointRouteBuilder MapBotHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

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
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = true }));
    }
}
