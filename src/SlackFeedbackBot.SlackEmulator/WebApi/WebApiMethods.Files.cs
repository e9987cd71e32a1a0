using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.Workspace;
using static SlackFeedbackBot.Emulator.WebApi.SlackShapes;

namespace SlackFeedbackBot.Emulator.WebApi;

internal sealed partial class WebApiMethods
{
    private JsonObject GetUploadUrl(ApiArgs args)
    {
        var filename = args.Str("filename");
        var length = args.Int("length");
        if (string.IsNullOrEmpty(filename) || length is null or <= 0) throw new SlackApiError("missing_argument");
        var file = new StoredFile(Workspace.Ids.Next('F'), filename, length.Value);
        Workspace.SaveFile(file);
        return Ok(new JsonObject { ["upload_url"] = new Uri(_emu.BaseUrl, $"upload/{file.Id}").ToString(), ["file_id"] = file.Id });
    }

    private JsonObject CompleteUpload(ApiArgs args)
    {
        if (args.Json("files") is not JsonArray requested || requested.Count == 0) throw new SlackApiError("invalid_arguments");
        var files = requested.Select(f =>
        {
            var file = Workspace.GetFile(f?["id"]?.ToString() ?? "");
            // Slack discards a file whose bytes never arrived, and a file can be completed only once.
            if (file is null || file.Content is null || file.Completed) throw new SlackApiError("file_not_found");
            return file with { Title = f?["title"]?.ToString() ?? file.Filename, Completed = true };
        }).ToList();

        var channelIds = args.Str("channel_id") is { Length: > 0 } single ? [single] : args.List("channels");
        var channels = channelIds.Select(ResolveChannelForWriting).ToList();
        var threadTs = args.Str("thread_ts");
        foreach (var file in files) Workspace.SaveFile(file);

        var fileJson = new JsonArray(files.Select(f => (JsonNode)FileJson(f, channels.Select(c => c.Id))).ToArray());
        foreach (var channel in channels)
        {
            Workspace.AddMessage(new StoredMessage(channel.Id, Workspace.Clock.NextTs(), _emu.BotUserId, _emu.BotId, args.Str("initial_comment") ?? "")
            {
                Subtype = "file_share",
                Files = (JsonArray)fileJson.DeepClone(),
                ThreadTs = string.IsNullOrEmpty(threadTs) ? null : threadTs,
                Blocks = args.Json("blocks") as JsonArray,
            });
        }
        return Ok(new JsonObject { ["files"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["title"] = f.Title }).ToArray()) });
    }

    private JsonObject FileJson(StoredFile file, IEnumerable<string> channels) => new()
    {
        ["id"] = file.Id,
        ["name"] = file.Filename,
        ["title"] = file.Title,
        ["size"] = file.Content?.Length ?? file.Length,
        ["user"] = _emu.BotUserId,
        ["url_private"] = new Uri(_emu.BaseUrl, $"files/{file.Id}").ToString(),
        ["permalink"] = new Uri(_emu.BaseUrl, $"files/{file.Id}").ToString(),
        ["channels"] = Strings(channels),
    };
}
