using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static SlackFeedbackBot.Emulator.WebApi.SlackShapes;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>Serves /api/{method}: reads arguments, applies scripted faults, checks the token, runs the method, records the call.</summary>
internal sealed class WebApiEndpoint(SlackEmulator emu, WebApiMethods methods, ILogger logger)
{
    public async Task HandleAsync(HttpContext http, string method)
    {
        var (args, token, parseError) = await ReadRequestAsync(http.Request, method);
        var (status, response, retryAfter) = Answer(method, args, token, parseError);
        try
        {
            await emu.Faults.AnswerReleased(method).WaitAsync(http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away before it could read the answer; what the method did stays done.
            emu.Calls.Add(new ApiCall(method, args, token, response, status, emu.Time.GetUtcNow()));
            return;
        }

        emu.Calls.Add(new ApiCall(method, args, token, response, status, emu.Time.GetUtcNow()));
        http.Response.StatusCode = status;
        if (retryAfter is not null) http.Response.Headers.RetryAfter = retryAfter.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Slack reports a token's scopes on every call with it; tools use this to check an installation.
        if (token == emu.BotToken) http.Response.Headers["x-oauth-scopes"] = string.Join(',', emu.Options.BotScopes);
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(response.ToJsonString(), http.RequestAborted);
    }

    private (int Status, JsonObject Response, int? RetryAfter) Answer(string method, JsonObject args, string? token, string? parseError)
    {
        switch (emu.Faults.TakeNext(method))
        {
            case ApiFault.Error e: return (200, Error(e.Code), null);
            case ApiFault.RateLimited r: return (429, Error("ratelimited"), r.RetryAfterSeconds);
            case ApiFault.ServerError s: return (s.Status, Error(s.Status >= 503 ? "service_unavailable" : "internal_error"), null);
        }
        if (parseError is not null) return (200, Error(parseError), null);
        var known = methods.TryGet(method, out var tokenKind, out var handle);
        if (!known) return (200, Error("unknown_method"), null);
        var authError = CheckToken(token, tokenKind);
        if (authError is not null) return (200, Error(authError), null);
        try
        {
            return (200, handle(new ApiArgs(args)), null);
        }
        catch (SlackApiError e)
        {
            return (200, Error(e.Code), null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Emulated method {Method} failed", method);
            return (500, Error("internal_error"), null);
        }
    }

    private string? CheckToken(string? token, TokenKind required)
    {
        if (string.IsNullOrEmpty(token)) return "not_authed";
        var kind = token == emu.BotToken ? TokenKind.Bot : token == emu.AppToken ? TokenKind.App : (TokenKind?)null;
        if (kind is null) return "invalid_auth";
        return kind == required ? null : "not_allowed_token_type";
    }

    /// <summary>
    /// Args from the query plus the form body, or the JSON body for a method that reads one (<see cref="JsonBodyMethods"/>);
    /// the token from the Authorization header or a form field (never the query, as in Slack).
    /// </summary>
    private static async Task<(JsonObject Args, string? Token, string? Error)> ReadRequestAsync(HttpRequest request, string method)
    {
        var args = new JsonObject();
        foreach (var (key, value) in request.Query) args[key] = value.ToString();
        args.Remove("token");
        string? token = null;
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = auth["Bearer ".Length..].Trim();

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form) args[key] = value.ToString();
            if (args["token"]?.ToString() is { } formToken) token ??= formToken;
            args.Remove("token");
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && JsonBodyMethods.ReadsJson(method))
        {
            try
            {
                var body = await JsonNode.ParseAsync(request.Body);
                if (body is not JsonObject json) return (args, token, "json_not_object");
                foreach (var (key, value) in json.ToList())
                {
                    json.Remove(key);
                    if (value is not null) args[key] = value; // explicit null means "use the default"
                }
            }
            catch (JsonException)
            {
                return (args, token, "invalid_json");
            }
        }
        return (args, token, null);
    }
}
