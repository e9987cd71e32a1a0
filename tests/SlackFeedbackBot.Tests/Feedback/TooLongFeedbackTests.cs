using System.Text;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>Feedback too long to save comes back to its writer as a file, in the words they typed, not in Slack's escaped form.</summary>
public sealed class TooLongFeedbackTests
{
    [Test]
    public async Task TooLongText_ComesBackAsAFile_AsTyped()
    {
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Feedback:MaxTextLength"] = "60" },
        });
        var typed = "Import & export of <csv> files takes ages for Acme, and the preview shows nothing at all for them.";

        await host.Slack.SendSlashCommandAsync("U0ANA00001", EmulatorIds.CustomerFeedbackChannelId, "/feedback", typed);
        await host.Slack.WaitForCallAsync("files.completeUploadExternal", c => c.Ok, TimeSpan.FromSeconds(20));

        var file = host.Slack.Workspace.Files.Single(f => f.Content is not null);
        Assert.That(Encoding.UTF8.GetString(file.Content!), Is.EqualTo(typed));
    }
}
