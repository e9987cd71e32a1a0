using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// Where a CLI command gets people's names from: the demo workspace in local mode (no token: the emulator only runs
/// inside the bot), else Slack's directory (one attempt, see <see cref="CliServices"/>); ids when neither can name them.
/// </summary>
public static class CliPeopleNames
{
    public static IPersonNames For(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (LocalSlack.IsWanted(configuration))
        {
            return new KnownPersonNames(LocalSlack.DemoPeople());
        }

        return services.GetRequiredService<IPersonNames>();
    }
}
