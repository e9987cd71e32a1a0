using System.Collections;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// The environment variables one run of the bot takes its settings from. The executable hands in its own process's;
/// a test hands in a set of its own, because a process has one environment and tests run side by side in one process.
/// </summary>
public sealed class BotEnvironment
{
    private readonly IReadOnlyDictionary<string, string?> _variables;

    public BotEnvironment(IReadOnlyDictionary<string, string?> variables) => _variables = variables;

    public static BotEnvironment OfThisProcess()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value;
        }

        return new BotEnvironment(variables);
    }

    public string? this[string name] => _variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>Which appsettings.{name}.json applies: ASPNETCORE_ENVIRONMENT, else DOTNET_ENVIRONMENT (as ASP.NET Core reads them).</summary>
    public string? EnvironmentName =>
        new[] { this["ASPNETCORE_ENVIRONMENT"], this["DOTNET_ENVIRONMENT"] }.FirstOrDefault(name => !string.IsNullOrWhiteSpace(name));

    /// <summary>The variables that start with <paramref name="prefix"/> as settings: prefix cut off, <c>__</c> for <c>:</c>.</summary>
    public Dictionary<string, string?> Settings(string prefix = "")
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _variables)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                settings[name[prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }
        }

        return settings;
    }

    /// <summary>
    /// Puts these variables where the host's defaults read the process's (the <c>ASPNETCORE_</c>, <c>DOTNET_</c> and
    /// unprefixed sources), in the same places, so every setting keeps its precedence.
    /// </summary>
    public void ReplaceProcessVariables(IConfigurationBuilder configuration)
    {
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource variables)
            {
                sources[i] = new MemoryConfigurationSource { InitialData = Settings(variables.Prefix ?? "") };
            }
        }
    }
}
