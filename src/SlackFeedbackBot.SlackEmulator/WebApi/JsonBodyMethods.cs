using System.Collections.Frozen;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>
/// The emulated methods Slack reads an application/json body for. Slack takes form fields (and the query) for every
/// method, but JSON only where a method supports it; for any other method it ignores a JSON body, so the call arrives
/// without its arguments and fails the way a call missing them does (conversations.history: channel_not_found).
/// </summary>
/// <remarks>
/// Kept apart from the bot's own list on purpose: the emulator checks the bot's encoding instead of sharing its
/// assumptions. A method is here when Slack's Web API spec lists application/json among its content types and Slack's
/// method reference marks it json_input_supported (files.completeUploadExternal and apps.connections.open are newer
/// than the spec, so the reference alone decides). conversations.history is json_input_supported in the newer
/// reference but form-only in the spec; it stays out, so a client that depends on it reading JSON fails here.
/// </remarks>
internal static class JsonBodyMethods
{
    private static readonly FrozenSet<string> Methods = new[]
    {
        "auth.test", "apps.connections.open",
        "chat.postMessage", "chat.postEphemeral", "chat.update", "chat.delete",
        "conversations.open", "conversations.setTopic", "conversations.join",
        "usergroups.users.update",
        "views.open", "views.push", "views.update", "views.publish",
        "reactions.add",
        "files.completeUploadExternal",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool ReadsJson(string method) => Methods.Contains(method);
}
