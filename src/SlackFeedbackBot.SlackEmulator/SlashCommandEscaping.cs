using YamlDotNet.RepresentationModel;

namespace SlackFeedbackBot.Emulator;

/// <summary>
/// Which slash commands Slack escapes: should_escape of each entry under features.slash_commands in the app
/// manifest, then <see cref="EmulatorOptions.SlashCommandEscaping"/> on top. A command the manifest does not name is
/// not escaped, as Slack's default is off.
/// </summary>
public sealed class SlashCommandEscaping
{
    /// <summary>Where the app's manifest lives in this repository, relative to its root.</summary>
    public const string RepositoryManifestPath = "deploy/slack/manifest.yml";

    private readonly Dictionary<string, bool> _escape;

    private SlashCommandEscaping(Dictionary<string, bool> escape, string? manifestPath)
    {
        _escape = escape;
        ManifestPath = manifestPath;
    }

    /// <summary>The manifest that was read, if one was found.</summary>
    public string? ManifestPath { get; }

    public bool ShouldEscape(string command) => _escape.GetValueOrDefault(command);

    public static SlashCommandEscaping From(EmulatorOptions options)
    {
        var path = options.AppManifestPath ?? FindRepositoryManifest();
        var escape = path is null ? new Dictionary<string, bool>(StringComparer.Ordinal) : Read(path);
        foreach (var (command, value) in options.SlashCommandEscaping) escape[command] = value;
        return new SlashCommandEscaping(escape, path);
    }

    /// <summary>should_escape per command in a manifest file; a missing or unreadable file is an error worth stopping for.</summary>
    public static Dictionary<string, bool> Read(string manifestPath)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(manifestPath)) yaml.Load(reader);
        var escape = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (yaml.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root
            || Child(root, "features") is not YamlMappingNode features
            || Child(features, "slash_commands") is not YamlSequenceNode commands)
        {
            return escape;
        }

        foreach (var entry in commands.OfType<YamlMappingNode>())
        {
            if (Child(entry, "command") is YamlScalarNode { Value: { Length: > 0 } command })
                escape[command] = Child(entry, "should_escape") is YamlScalarNode { Value: var flag } && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
        }
        return escape;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>The repository's manifest above the working directory or the emulator's own directory (a run from a checkout, the tests).</summary>
    private static string? FindRepositoryManifest()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RepositoryManifestPath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
