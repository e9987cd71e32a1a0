using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>One Web API call as the emulator saw and answered it.</summary>
public sealed record ApiCall(string Method, JsonObject Args, string? Token, JsonObject Response, int HttpStatus, DateTimeOffset Time)
{
    public bool Ok => Response["ok"]?.GetValue<bool>() == true;
    public string? Error => Response["error"]?.GetValue<string>();

    /// <summary>Argument as text (JSON values other than strings are given as JSON).</summary>
    public string? Arg(string name) => Args[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var node => node.ToJsonString(),
    };

    public override string ToString()
    {
        var args = Args.ToJsonString();
        if (args.Length > 300) args = args[..300] + "…";
        return $"{Time:HH:mm:ss.fff} {Method} {args} -> {(Ok ? "ok" : Error ?? $"HTTP {HttpStatus}")}";
    }
}
