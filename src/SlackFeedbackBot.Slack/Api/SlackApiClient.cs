using System.Collections.Frozen;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using SlackFeedbackBot.Slack.BlockKit;
using static SlackFeedbackBot.Slack.Api.SlackResponseReader;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// Slack's Web API over a named HttpClient whose pipeline retries rate limits and transient failures
/// (<see cref="SlackResiliencePipeline"/>). Methods Slack reads JSON for (<see cref="JsonBodyMethods"/>) send JSON; every
/// other method sends form fields. The token travels only in the Authorization header and is never logged.
/// </summary>
public sealed class SlackApiClient(
    IHttpClientFactory httpClientFactory,
    IOptions<SlackOptions> options,
    ILogger<SlackApiClient> logger,
    SlackApiObserver? observer = null,
    SlackApiMetrics? metrics = null) : ISlackApiClient
{
    public const string HttpClientName = "Slack";

    private const int UsersPageSize = 200;
    private const int MembersPageSize = 200;
    private const int TopicLength = 250;

    // The methods this client calls that Slack documents as taking a JSON body: json_input_supported in Slack's method
    // reference, and application/json among the Web API spec's content types where the spec has the method. Every
    // other method is sent as form fields, which Slack accepts everywhere; a JSON body sent to a method that does not
    // read one is ignored, so its arguments would silently go missing (conversations.history answers
    // channel_not_found). conversations.history is marked JSON-capable in the newer reference but form-only in the
    // spec, so it stays a form call.
    internal static readonly FrozenSet<string> JsonBodyMethods = new[]
    {
        "auth.test",
        "chat.postMessage", "chat.postEphemeral", "chat.update", "chat.delete",
        "conversations.open", "conversations.setTopic", "conversations.join",
        "usergroups.users.update",
        "views.open", "views.update", "views.push", "views.publish",
        "reactions.add",
        "files.completeUploadExternal",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Fields that mean something only to a response_url, not to the chat.* methods.
    private static readonly string[] ResponseUrlOnlyFields = ["response_type", "replace_original", "delete_original"];

    private readonly Uri _baseUri = BaseUri(options.Value.ApiBaseUrl);

    public async Task<AuthTestResponse> AuthTestAsync(CancellationToken ct = default) =>
        AuthTest(await PostAsync("auth.test", [], ct));

    public async Task<PostMessageResponse> PostMessageAsync(string channel, SlackMessage message, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var args = MessageArgs(message);
        args["channel"] = channel;
        var response = await PostAsync("chat.postMessage", args, ct);
        return new PostMessageResponse(RequiredString(response, "channel", "chat.postMessage"), RequiredString(response, "ts", "chat.postMessage"));
    }

    public async Task<string?> PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(user);
        var args = MessageArgs(message);
        args["channel"] = channel;
        args["user"] = user;
        return String(await PostAsync("chat.postEphemeral", args, ct), "message_ts");
    }

    public async Task<PostMessageResponse> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(ts);
        var args = MessageArgs(message);
        args.Remove("thread_ts");
        args["channel"] = channel;
        args["ts"] = ts;
        var response = await PostAsync("chat.update", args, ct);
        return new PostMessageResponse(String(response, "channel") ?? channel, String(response, "ts") ?? ts);
    }

    public async Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken ct = default)
    {
        var response = await PostAsync("chat.getPermalink", new JsonObject { ["channel"] = channel, ["message_ts"] = messageTs }, ct);
        return RequiredString(response, "permalink", "chat.getPermalink");
    }

    public async Task<string> OpenConversationAsync(IReadOnlyList<string> users, CancellationToken ct = default)
    {
        if (users.Count == 0)
        {
            throw new ArgumentException("conversations.open needs at least one user.", nameof(users));
        }

        var response = await PostAsync("conversations.open", new JsonObject { ["users"] = string.Join(',', users) }, ct);
        return RequiredString(Object(response, "channel", "conversations.open"), "id", "conversations.open");
    }

    public async Task<ConversationInfo> GetConversationInfoAsync(string channel, CancellationToken ct = default)
    {
        var response = await PostAsync("conversations.info", new JsonObject { ["channel"] = channel }, ct);
        return Conversation(Object(response, "channel", "conversations.info"));
    }

    public async Task SetConversationTopicAsync(string channel, string topic, CancellationToken ct = default)
    {
        // Slack refuses topics over 250 characters (too_long); a cut topic is better than none.
        var text = string.IsNullOrEmpty(topic) ? "" : SlackLimits.Truncate(topic, TopicLength);
        await PostAsync("conversations.setTopic", new JsonObject { ["channel"] = channel, ["topic"] = text }, ct);
    }

    public async Task<SlackUser> GetUserInfoAsync(string user, CancellationToken ct = default)
    {
        var response = await PostAsync("users.info", new JsonObject { ["user"] = user }, ct);
        return User(Object(response, "user", "users.info"));
    }

    public async Task<IReadOnlyList<SlackUser>> ListUsersAsync(CancellationToken ct = default)
    {
        var users = new List<SlackUser>();
        string? cursor = null;
        do
        {
            var args = new JsonObject { ["limit"] = UsersPageSize };
            if (cursor is not null)
            {
                args["cursor"] = cursor;
            }

            var page = await PostAsync("users.list", args, ct);
            users.AddRange(Objects(page, "members").Select(User));
            cursor = NextCursor(page);
        }
        while (cursor is not null);

        return users;
    }

    public async Task<IReadOnlyList<UserGroup>> ListUserGroupsAsync(bool includeUsers = false, CancellationToken ct = default)
    {
        var response = await PostAsync("usergroups.list", new JsonObject { ["include_users"] = includeUsers }, ct);
        return [.. Objects(response, "usergroups").Select(Group)];
    }

    public async Task UpdateUserGroupUsersAsync(string userGroupId, IReadOnlyList<string> users, CancellationToken ct = default)
    {
        if (users.Count == 0)
        {
            // Slack cannot empty a group through this method (that is usergroups.disable).
            throw new ArgumentException("usergroups.users.update needs at least one user.", nameof(users));
        }

        await PostAsync("usergroups.users.update", new JsonObject { ["usergroup"] = userGroupId, ["users"] = string.Join(',', users) }, ct);
    }

    public async Task<IReadOnlyList<string>> ListUserGroupMembersAsync(string userGroupId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userGroupId);
        var response = await PostAsync("usergroups.users.list", new JsonObject { ["usergroup"] = userGroupId }, ct);
        return Strings(response, "users");
    }

    public async Task<IReadOnlyList<string>> ListConversationMembersAsync(string channel, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var members = new List<string>();
        string? cursor = null;
        do
        {
            var args = new JsonObject { ["channel"] = channel, ["limit"] = MembersPageSize };
            if (cursor is not null)
            {
                args["cursor"] = cursor;
            }

            var page = await PostAsync("conversations.members", args, ct);
            members.AddRange(Strings(page, "members"));
            cursor = NextCursor(page);
        }
        while (cursor is not null);

        return members;
    }

    public async Task<string> OpenViewAsync(string triggerId, ModalView view, CancellationToken ct = default)
    {
        var response = await PostAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = SlackViewJson.Modal(view) }, ct);
        return RequiredString(Object(response, "view", "views.open"), "id", "views.open");
    }

    public async Task<string> UpdateViewAsync(string viewId, ModalView view, string? hash = null, CancellationToken ct = default)
    {
        var args = new JsonObject { ["view_id"] = viewId, ["view"] = SlackViewJson.Modal(view) };
        if (hash is not null)
        {
            args["hash"] = hash;
        }

        var response = await PostAsync("views.update", args, ct);
        return RequiredString(Object(response, "view", "views.update"), "id", "views.update");
    }

    public Task PublishHomeViewAsync(string userId, IReadOnlyList<Block> blocks, CancellationToken ct = default) =>
        PostAsync("views.publish", new JsonObject { ["user_id"] = userId, ["view"] = SlackViewJson.Home(blocks) }, ct);

    public async Task AddReactionAsync(string channel, string timestamp, string name, CancellationToken ct = default)
    {
        try
        {
            await PostAsync("reactions.add", new JsonObject { ["channel"] = channel, ["timestamp"] = timestamp, ["name"] = name.Trim(':') }, ct);
        }
        catch (SlackApiException e) when (e.ErrorCode == "already_reacted")
        {
            // The reaction is there, which is what was asked; a handler run twice must not fail on it.
        }
    }

    public async Task<string> UploadFileAsync(FileUpload upload, CancellationToken ct = default)
    {
        if (upload.Content.Length == 0)
        {
            throw new ArgumentException("Slack does not accept an empty file.", nameof(upload));
        }

        var args = new JsonObject { ["filename"] = upload.FileName, ["length"] = upload.Content.Length };
        if (upload.AltText is not null)
        {
            args["alt_txt"] = upload.AltText;
        }

        var reserved = await PostAsync("files.getUploadURLExternal", args, ct);
        var uploadUrl = RequiredString(reserved, "upload_url", "files.getUploadURLExternal");
        var fileId = RequiredString(reserved, "file_id", "files.getUploadURLExternal");

        await UploadBytesAsync(uploadUrl, upload.Content, ct);

        var file = new JsonObject { ["id"] = fileId };
        if (upload.Title is not null)
        {
            file["title"] = upload.Title;
        }

        var complete = new JsonObject { ["files"] = new JsonArray(file) };
        if (upload.ChannelId is not null) complete["channel_id"] = upload.ChannelId;
        if (upload.ThreadTs is not null) complete["thread_ts"] = upload.ThreadTs;
        if (upload.InitialComment is not null) complete["initial_comment"] = upload.InitialComment;
        await PostAsync("files.completeUploadExternal", complete, ct);
        return fileId;
    }

    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default)
    {
        const string method = "apps.connections.open";
        var token = options.Value.AppToken;
        if (string.IsNullOrEmpty(token))
        {
            throw new SlackApiException(method, "not_authed", "Slack:AppToken (xapp-...) is not configured");
        }

        var response = await PostAsync(method, [], token, ct);
        var url = RequiredString(response, "url", method);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri
            : throw new SlackApiException(method, "invalid_response", "the url is not absolute");
    }

    public async Task RespondAsync(string responseUrl, SlackMessage message, CancellationToken ct = default)
    {
        const string method = "response_url";
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A response_url must be an absolute http(s) URL.", nameof(responseUrl));
        }

        var body = JsonSerializer.SerializeToNode(MessageBuilder.Normalize(message), SlackJson.Options)!.AsObject();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent(body) };
        using var response = await SendAsync(method, request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw StatusFailure(method, response);
        }

        // A response_url answers {"ok":false,...} when, for example, it has expired.
        var text = await response.Content.ReadAsStringAsync(ct);
        if (TryParseObject(text) is { } json && json["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && !isOk)
        {
            throw Failure(method, json);
        }
    }

    public Task<JsonObject> CallAsync(string method, JsonObject args, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return PostAsync(method, args, ct);
    }

    private Task<JsonObject> PostAsync(string method, JsonObject args, CancellationToken ct) =>
        PostAsync(method, args, BotToken(method), ct);

    private Task<JsonObject> PostAsync(string method, JsonObject args, string token, CancellationToken ct) =>
        CallMethodAsync(method, Body(method, args), token, ct);

    /// <summary>The request body for a method: JSON where Slack reads JSON, otherwise form fields.</summary>
    internal static HttpContent Body(string method, JsonObject args) =>
        JsonBodyMethods.Contains(method)
            ? JsonContent(args)
            : new FormUrlEncodedContent(args.Where(a => a.Value is not null).Select(a => new KeyValuePair<string, string>(a.Key, FormValue(a.Value!))).ToList());

    private async Task<JsonObject> CallMethodAsync(string method, HttpContent content, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await SendAsync(method, request, ct);

        var text = await response.Content.ReadAsStringAsync(ct);
        var json = TryParseObject(text);
        if (!response.IsSuccessStatusCode && json?["ok"] is null)
        {
            throw StatusFailure(method, response);
        }

        if (json is null)
        {
            throw new SlackApiException(method, "invalid_response", "the response is not a JSON object");
        }

        if (json["ok"] is not JsonValue ok || !ok.TryGetValue<bool>(out var isOk) || !isOk)
        {
            throw Failure(method, json);
        }

        if (String(json, "warning") is { } warning)
        {
            logger.LogDebug("Slack {Method} warned: {Warning}", method, warning);
        }

        return json;
    }

    private async Task UploadBytesAsync(string uploadUrl, byte[] content, CancellationToken ct)
    {
        const string method = "files.upload";
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri))
        {
            throw new SlackApiException(method, "invalid_response", "the upload_url is not absolute");
        }

        // The upload URL authorises itself; the bot token stays with slack.com.
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await SendAsync(method, request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw StatusFailure(method, response);
        }
    }

    /// <summary>Sends through the resilience pipeline and turns what is left after its retries into <see cref="SlackApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(string method, HttpRequestMessage request, CancellationToken ct)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        request.Options.Set(SlackApiMetrics.MethodOption, method);
        metrics?.Called(method);
        try
        {
            var response = await client.SendAsync(request, ct);
            if ((int)response.StatusCode >= 500)
            {
                observer?.Failed(method, "http_5xx");
            }
            else
            {
                // A rate limit is an answer too: Slack is there, only busy with us.
                observer?.Answered(method);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                using (response)
                {
                    throw StatusFailure(method, response);
                }
            }

            return response;
        }
        catch (HttpRequestException e)
        {
            observer?.Failed(method, "network_error");
            metrics?.Failed(method, "network_error");
            logger.LogWarning("Slack {Method} could not be reached ({Failure})", method, e.HttpRequestError);
            throw new SlackApiException(method, "network_error", e.HttpRequestError.ToString(), e);
        }
        catch (TimeoutRejectedException e)
        {
            observer?.Failed(method, "timed_out");
            metrics?.Failed(method, "timed_out");
            logger.LogWarning("Slack {Method} timed out", method);
            throw new SlackApiException(method, "network_error", "timed out", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation nobody asked for.
            observer?.Failed(method, "timed_out");
            metrics?.Failed(method, "timed_out");
            logger.LogWarning("Slack {Method} timed out", method);
            throw new SlackApiException(method, "network_error", "timed out", e);
        }
    }

    private SlackApiException StatusFailure(string method, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var (code, detail) = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => ("ratelimited", $"HTTP 429, Retry-After {response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}"),
            _ when status >= 500 && method != "response_url" => ("http_5xx", $"HTTP {status}"),
            _ => ($"http_{status}", (string?)null),
        };
        metrics?.Failed(method, code);
        logger.LogWarning("Slack {Method} failed: {Error}", method, code);
        return new SlackApiException(method, code, detail) { RetryAfter = RetryAfter(response) };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date && response.Headers.Date is { } sent ? date - sent : null);
        return wait is { } value && value >= TimeSpan.Zero ? value : null;
    }

    private SlackApiException Failure(string method, JsonObject response)
    {
        var error = String(response, "error") ?? "unknown_error";
        if (SlackApiObserver.IsTokenRefusal(error))
        {
            observer?.Failed(method, error);
        }

        metrics?.Failed(method, error);
        logger.LogWarning("Slack {Method} failed: {Error}", method, error);
        return new SlackApiException(method, error, ErrorDetail(response));
    }

    private string BotToken(string method) =>
        options.Value.BotToken is { Length: > 0 } token
            ? token
            : throw new SlackApiException(method, "not_authed", "Slack:BotToken (xoxb-...) is not configured");

    private static JsonObject MessageArgs(SlackMessage message)
    {
        var args = JsonSerializer.SerializeToNode(MessageBuilder.Normalize(message), SlackJson.Options)!.AsObject();
        foreach (var field in ResponseUrlOnlyFields)
        {
            args.Remove(field);
        }

        return args;
    }

    private static StringContent JsonContent(JsonObject body) =>
        new(body.ToJsonString(SlackJson.Options), Encoding.UTF8, "application/json");

    /// <summary>A form field's text: strings as they are, booleans as true/false; numbers, objects and arrays as their (invariant) JSON.</summary>
    private static string FormValue(JsonNode value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v when v.GetValueKind() is JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() is JsonValueKind.False => "false",
        _ => value.ToJsonString(SlackJson.Options),
    };

    private static JsonObject? TryParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Uri BaseUri(string baseUrl) =>
        new(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
}
