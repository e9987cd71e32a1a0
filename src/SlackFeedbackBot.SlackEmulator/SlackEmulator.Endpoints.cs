using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using SlackFeedbackBot.Emulator.BlockKit;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Ui;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator;

public sealed partial class SlackEmulator
{
    private void MapEndpoints(WebApplication app)
    {
        var api = new WebApiEndpoint(this, new WebApiMethods(this), Logger);
        app.UseWebSockets();
        app.MapMethods("/api/{method}", ["GET", "POST"], (HttpContext http, string method) => api.HandleAsync(http, method));
        app.Map("/socket-mode", Sockets.AcceptAsync);
        app.MapPost("/response/{id}", ReceiveResponseUrlPostAsync);
        app.MapPost("/upload/{fileId}", ReceiveUploadAsync);
        app.MapGet("/files/{fileId}", (string fileId) => Workspace.GetFile(fileId) is { Content: { } bytes } file
            ? Results.File(bytes, FileContentType(file.Filename), file.Filename)
            : Results.NotFound());
        app.MapGet("/archives/{channel}/{permalinkTs}", (string channel, string permalinkTs) => ArchivedMessage(channel, permalinkTs));
        UiEndpoints.Map(app, this);
        MapWebPage(app);
    }

    /// <summary>
    /// The web page: files embedded from wwwroot/ (index.html at GET /). Until a page is added, GET / describes the endpoints.
    /// </summary>
    private static void MapWebPage(WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(SlackEmulator).Assembly, "SlackFeedbackBot.Emulator.wwwroot");
        app.MapGet("/", () => files.GetFileInfo("index.html") is { Exists: true } index
            ? Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8")
            : Results.Text(UiEndpoints.FallbackPage, "text/html; charset=utf-8"));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>The type the file's name suggests, so the web page can show uploaded charts inline.</summary>
    private static string FileContentType(string filename) =>
        new FileExtensionContentTypeProvider().TryGetContentType(filename, out var type) ? type : "application/octet-stream";

    private async Task<IResult> ReceiveResponseUrlPostAsync(HttpContext http, string id)
    {
        JsonObject? payload;
        try
        {
            payload = http.Request.HasFormContentType
                ? JsonNode.Parse((await http.Request.ReadFormAsync())["payload"].ToString()) as JsonObject
                : await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            payload = null;
        }
        if (payload is null) return Results.BadRequest(new JsonObject { ["ok"] = false, ["error"] = "invalid_payload" }.ToJsonString());
        var refusal = RefusalOf(payload);
        var target = ResponseUrlPosts.Accept(id, http.Request.GetDisplayUrl(), payload, Time.GetUtcNow(), refusal?.Code);
        if (target is null) return Results.NotFound(new JsonObject { ["ok"] = false, ["error"] = "expired_url" }.ToJsonString());
        if (refusal is not null)
        {
            Errors.Add(new EmulatorError("response_url", refusal.Code, refusal.Reasons, Time.GetUtcNow()));
            return Results.Text(refusal.ToResponse().ToJsonString(), "application/json", statusCode: StatusCodes.Status400BadRequest);
        }
        ApplyResponseMessage(payload, target);
        return Results.Text(new JsonObject { ["ok"] = true }.ToJsonString(), "application/json");
    }

    private async Task<IResult> ReceiveUploadAsync(HttpContext http, string fileId)
    {
        var file = Workspace.GetFile(fileId);
        if (file is null) return Results.NotFound("Unknown upload URL; call files.getUploadURLExternal first.");
        byte[] bytes;
        if (http.Request.HasFormContentType && (await http.Request.ReadFormAsync()).Files.FirstOrDefault() is { } part)
        {
            using var buffer = new MemoryStream();
            await part.CopyToAsync(buffer);
            bytes = buffer.ToArray();
        }
        else
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            bytes = buffer.ToArray();
        }
        Workspace.SaveFile(file with { Content = bytes });
        return Results.Text($"OK - {bytes.Length}");
    }

    private IResult ArchivedMessage(string channel, string permalinkTs)
    {
        var digits = permalinkTs.TrimStart('p');
        var ts = digits.Length > 6 ? $"{digits[..^6]}.{digits[^6..]}" : digits;
        var message = Workspace.FindMessage(channel, ts);
        return message is null
            ? Results.NotFound("No such message.")
            : Results.Text(message.ToJson(TeamId).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), "application/json");
    }

    /// <summary>
    /// Shows a message the app sent back (slash command ack, response_url post) the way Slack would: replacing or deleting the
    /// original message, posting in the channel (response_type in_channel) or showing it only to the user (ephemeral, the default).
    /// </summary>
    /// <returns>Why Slack refuses the message (it is then not shown, and kept in <see cref="Errors"/>), or null.</returns>
    internal BlockKitRefusal? ApplyResponseMessage(JsonObject message, ResponseUrlTarget target, string source = "slash command ack")
    {
        if (RefusalOf(message) is { } refusal)
        {
            Errors.Add(new EmulatorError(source, refusal.Code, refusal.Reasons, Time.GetUtcNow()));
            return refusal;
        }
        Show(message, target);
        return null;
    }

    /// <summary>Why Slack would refuse a message sent back to it (a response_url body or slash command ack), or null.</summary>
    private static BlockKitRefusal? RefusalOf(JsonObject message)
    {
        if (!message.TryGetPropertyValue("blocks", out var node)) return null;
        if (node is not JsonArray blocks) return new BlockKitRefusal("invalid_blocks_format", ["must provide an array [json-pointer:/blocks]"], listErrors: true);
        var reasons = BlockKitValidator.MessageBlocks(blocks);
        return reasons.Count == 0 ? null : BlockKitRefusal.InvalidBlocks(reasons);
    }

    private void Show(JsonObject message, ResponseUrlTarget target)
    {
        if (IsTrue(message["delete_original"]) && target.MessageTs is not null)
        {
            Workspace.DeleteMessage(target.ChannelId, target.MessageTs);
            return;
        }
        var text = message["text"]?.ToString() ?? "";
        var blocks = message["blocks"] as JsonArray;
        if (IsTrue(message["replace_original"]) && target.MessageTs is not null)
        {
            Workspace.UpdateMessage(target.ChannelId, target.MessageTs, m => m with { Text = text, Blocks = (JsonArray?)blocks?.DeepClone() });
            return;
        }
        if (text.Length == 0 && blocks is null) return;
        var inChannel = message["response_type"]?.ToString() == "in_channel";
        Workspace.AddMessage(new StoredMessage(target.ChannelId, Workspace.Clock.NextTs(), BotUserId, BotId, text)
        {
            Blocks = (JsonArray?)blocks?.DeepClone(),
            EphemeralFor = inChannel ? null : target.UserId,
            ThreadTs = message["thread_ts"]?.ToString(),
        });
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v &&
        (v.GetValueKind() == JsonValueKind.True || (v.TryGetValue<string>(out var s) && s == "true"));
}
