using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.WebApi;

namespace SlackFeedbackBot.Emulator.BlockKit;

/// <summary>
/// A Web API call refused for its Block Kit, answered as Slack answers it: the error code plus the reasons in
/// response_metadata.messages, each prefixed "[ERROR] " (chat methods also list them, unprefixed, in "errors").
/// </summary>
public sealed class BlockKitRefusal(string code, IReadOnlyList<string> reasons, bool listErrors) : Exception($"{code}: {string.Join("; ", reasons)}")
{
    public string Code { get; } = code;
    public IReadOnlyList<string> Reasons { get; } = reasons;

    /// <summary>chat.* methods: invalid_blocks, with the reasons also in "errors".</summary>
    public static BlockKitRefusal InvalidBlocks(IReadOnlyList<string> reasons) => new("invalid_blocks", reasons, listErrors: true);

    /// <summary>views.*: invalid_arguments, led (as Slack does) by the schema mismatch of the whole view.</summary>
    public static BlockKitRefusal InvalidView(IReadOnlyList<string> reasons) =>
        new("invalid_arguments", ["failed to match all allowed schemas [json-pointer:/view]", .. reasons], listErrors: false);

    public JsonObject ToResponse()
    {
        var response = SlackShapes.Error(Code);
        if (listErrors) response["errors"] = SlackShapes.Strings(Reasons);
        response["response_metadata"] = new JsonObject { ["messages"] = SlackShapes.Strings(Reasons.Select(r => $"[ERROR] {r}")) };
        return response;
    }
}
