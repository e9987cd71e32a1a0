using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support edit &lt;name&gt; key=value...</c> (admins).</summary>
public sealed class EditSubcommand(RotationAdmin admin) : ISupportSubcommand
{
    public string Name => "edit";

    public string Usage => "`/support edit <name> key=value...`: change a rotation (admins)";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct) =>
        SlackMessage.Ephemeral((await admin.EditAsync(request.UserId, request.Arguments, ct)).Text);
}
