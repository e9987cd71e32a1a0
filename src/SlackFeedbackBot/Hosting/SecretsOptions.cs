using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// Settings read from files, one setting a file (section <c>Secrets</c>): the way Docker and compose hand over secrets
/// (<c>/run/secrets/Slack__BotToken</c> holds the bot token), so tokens stay out of the environment and `docker inspect`.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>A folder whose files are settings: the file name is the setting's path with <c>__</c> for <c>:</c>. None: no files are read.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Adds the files of <c>Secrets:Directory</c> (as set so far: environment or command line) as settings, above the
    /// environment; the command line still wins. A trailing line break in a file is not part of its value.
    /// </summary>
    public static void AddTo(IConfigurationManager configuration)
    {
        var directory = ((IConfiguration)configuration)[$"{Section}:{nameof(Directory)}"];
        if (string.IsNullOrWhiteSpace(directory) || !System.IO.Directory.Exists(directory))
        {
            // A folder that is not there is reported by the validator, with its fix.
            return;
        }

        configuration.Add(new KeyPerFileConfigurationSource
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(directory)),
            Optional = true,
            // Compose and Kubernetes put dot files and symlinked folders beside the secrets.
            IgnorePrefix = ".",
        });
    }
}

public sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options) =>
        string.IsNullOrWhiteSpace(options.Directory) || System.IO.Directory.Exists(options.Directory)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SettingName.Of("Secrets:Directory")} is {options.Directory}, which is not a folder; give the folder that holds the secret files (/run/secrets with compose secrets) or leave it out.");
}
