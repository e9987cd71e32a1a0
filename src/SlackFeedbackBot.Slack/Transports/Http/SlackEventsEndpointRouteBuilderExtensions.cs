using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SlackFeedbackBot.Slack.Transports.Http;

public static class SlackEventsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the one POST endpoint Slack sends every request to (set it as the Events, Interactivity and slash command
    /// Request URL). Needs <see cref="SlackTransportsServiceCollectionExtensions.AddSlackHttpEndpoint"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapSlackEvents(this IEndpointRouteBuilder endpoints, string path = "/slack/events")
    {
        var endpoint = endpoints.ServiceProvider.GetRequiredService<SlackEventsEndpoint>();
        return endpoints.MapPost(path, (RequestDelegate)endpoint.HandleAsync);
    }
}
