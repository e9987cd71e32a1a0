using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Hosting;

/// <summary>What <see cref="ConfigurationCheck"/> found: one line per problem, and which sections are fit to use.</summary>
public sealed class ConfigurationReport(IReadOnlyList<string> problems, IReadOnlySet<Type> broken)
{
    public IReadOnlyList<string> Problems { get; } = problems;

    public bool IsValid => Problems.Count == 0;

    /// <summary>Whether the section bound to <typeparamref name="TOptions"/> bound and validated cleanly.</summary>
    public bool Sound<TOptions>() => !broken.Contains(typeof(TOptions));
}

/// <summary>
/// The one check of the bot's settings, shared by <c>run</c> and <c>doctor</c>: every section in
/// <see cref="BotSettings.Sections"/> is read, bound and validated as the running bot would, and every problem comes
/// back as one line naming the setting (with its environment variable), what is wrong and what to write instead.
/// Nothing is started and Slack is not asked.
/// </summary>
public static class ConfigurationCheck
{
    public static ConfigurationReport Run(IServiceProvider services)
    {
        DurationConverter.Register();
        var configuration = services.GetRequiredService<IConfiguration>();
        var problems = new List<string>();
        var broken = new HashSet<Type>();
        foreach (var section in BotSettings.Sections)
        {
            // Unreadable values first: the binder would stop at the first one with a message naming no fix.
            var found = SettingValues.Problems(configuration, section);
            if (found.Count == 0)
            {
                found = section.Problems(services);
            }

            if (found.Count > 0)
            {
                broken.Add(section.OptionsType);
                problems.AddRange(found);
            }
        }

        if (ListenAddresses.Problem(configuration["urls"]) is { } listen)
        {
            problems.Add(listen);
        }

        // A validator may find one problem along two paths; the person fixing it needs to read it once.
        return new ConfigurationReport([.. problems.Distinct(StringComparer.Ordinal)], broken);
    }

    /// <summary>Throws <see cref="ConfigurationProblemsException"/> when the settings have problems.</summary>
    public static void Ensure(IServiceProvider services)
    {
        var report = Run(services);
        if (!report.IsValid)
        {
            throw new ConfigurationProblemsException(report.Problems);
        }
    }
}

/// <summary>The bot's settings cannot work; each line names a setting and its fix.</summary>
public sealed class ConfigurationProblemsException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
