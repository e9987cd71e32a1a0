using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>Checks what the bot posted the way Slack would render it: no mass ping, and no link labelled as somewhere else.</summary>
public static class SlackTextAssert
{
    /// <summary>Every text of a recorded call: its text argument and every string in its blocks.</summary>
    public static IReadOnlyList<string> Texts(ApiCall call)
    {
        var texts = new List<string>();
        if (call.Arg("text") is { } text)
        {
            texts.Add(text);
        }

        if (call.Args["blocks"] is { } blocks)
        {
            Collect(blocks is JsonValue v && v.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : blocks, texts);
        }

        return texts;
    }

    public static void NoPingOrDisguisedLink(ApiCall call) => NoPingOrDisguisedLink(Texts(call));

    public static void NoPingOrDisguisedLink(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            foreach (var token in SlackMarkup.Tokens(text))
            {
                Assert.That(token.Kind, Is.Not.EqualTo(SlackMarkupKind.Broadcast).And.Not.EqualTo(SlackMarkupKind.UserGroup), $"a ping in: {text}");
                if (token.Kind == SlackMarkupKind.Link && token.HasLabel)
                {
                    // The bot's own links (permalinks labelled "Original message") are fine; a link someone typed is not.
                    Assert.That(token.Target(text).ToString(), Does.Not.Contain("evil.example"), $"a disguised link in: {text}");
                }
            }
        }
    }

    /// <summary>Every string in a JSON payload, unescaped.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node)
    {
        var texts = new List<string>();
        Collect(node, texts);
        return texts;
    }

    private static void Collect(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, texts);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, texts);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                texts.Add(s);
                break;
        }
    }
}
