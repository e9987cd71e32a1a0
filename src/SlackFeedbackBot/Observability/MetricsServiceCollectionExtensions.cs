using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack.Observability;

namespace SlackFeedbackBot.Observability;

/// <summary>
/// OpenTelemetry metrics: every meter of the bot (names starting with <see cref="MetricConventions.MeterPrefix"/>),
/// ASP.NET Core's, the HTTP client's and the runtime's, served to Prometheus at <see cref="MetricsOptions.Path"/> on the
/// bot's HTTP listener. The instruments are documented in docs/operations.md.
/// </summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>Series per metric before further tag combinations are counted together as one overflow series.</summary>
    public const int CardinalityLimit = 500;

    public static IServiceCollection AddBotMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section));

        // Whether to collect at all is decided here, before the host is built; a value that does not read is reported by
        // the configuration check, and until then the default stands.
        if (!SettingValues.ReadOrDefaults<MetricsOptions>(configuration, MetricsOptions.Section).Enabled)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("slackfeedbackbot"))
            .WithMetrics(metrics => metrics
                .AddMeter(MetricConventions.MeterPrefix + ".*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Each stream sets aside room for its cardinality limit up front (2,000 series by default, about 9 MB over
                // the bot's 60-odd streams); the busiest, Slack API calls by method and outcome, has about a hundred.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit })
                .AddPrometheusExporter());
        return services;
    }

    public static void MapBotMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsOptions.Path);
        }
    }
}
