using System.Text.Json;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// Tells the person behind a parked request that it was not done, rather than leaving them with silence: an
/// ephemeral reply through the request's response_url when it has one, else a direct message to its user. Events
/// have nobody waiting on them, and a payload that names neither gets nothing (the operator still sees the error).
/// </summary>
internal sealed class FailureNotice(ISlackApiClient api, ILogger log)
{
    private const string Ending = "failed on our side and was not completed. Nothing you typed is lost; the bot's operator can see the error.";

    public async Task TellAsync(SlackInboundRequest request, CancellationToken ct)
    {
        if (!InboxLane.IsInteractive(request.Kind) || request.Kind is SlackRequestKind.ViewClosed or SlackRequestKind.BlockSuggestion)
        {
            return;
        }

        try
        {
            var (responseUrl, userId, what) = Read(request);
            var message = SlackMessage.Ephemeral($"Sorry, {what} {Ending}");
            if (!string.IsNullOrEmpty(responseUrl))
            {
                await api.RespondAsync(responseUrl, message with { ReplaceOriginal = request.Kind == SlackRequestKind.BlockActions ? false : null }, ct);
            }
            else if (!string.IsNullOrEmpty(userId))
            {
                var dm = await api.OpenConversationAsync([userId], ct);
                await api.PostMessageAsync(dm, new SlackMessage { Text = message.Text }, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not tell the user that their {Kind} failed", request.Kind);
        }
    }

    // Read by hand, not as the payload records: the request may be parked because those could not be read.
    private static (string? ResponseUrl, string? UserId, string What) Read(SlackInboundRequest request)
    {
        using var doc = JsonDocument.Parse(request.PayloadJson);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null, "");
        }

        if (request.Kind == SlackRequestKind.SlashCommand)
        {
            var command = String(root, "command");
            return (String(root, "response_url"), String(root, "user_id"), command is null ? "your command" : $"your `{Shown(command)}` command");
        }

        var userId = root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object ? String(user, "id") : null;
        var responseUrl = String(root, "response_url");
        if (responseUrl is null && root.TryGetProperty("response_urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0)
        {
            responseUrl = String(urls[0], "response_url");
        }

        var what = request.Kind switch
        {
            SlackRequestKind.BlockActions => "what you clicked",
            SlackRequestKind.ViewSubmission => "the form you sent",
            _ => "that shortcut",
        };
        return (responseUrl, userId, what);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // A command name is Slack's own (/feedback), but it is repeated inside code marks, so nothing in it may close them.
    private static string Shown(string command) =>
        new(command.Where(c => char.IsLetterOrDigit(c) || c is '/' or '-' or '_').Take(40).ToArray());
}
