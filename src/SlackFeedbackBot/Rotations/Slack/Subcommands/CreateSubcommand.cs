using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support create &lt;name&gt; #channel key=value...</c> (admins).</summary>
public sealed class CreateSubcommand(RotationAdmin admin) : ISupportSubcommand
{
    public string Name => "create";

    public string Usage => "`/support create <name> #channel [key=value...] [members=@a,@b]`: new rotation (admins)";

    public async Task<SlackMessage?> RunAsync(SupportRequest request, CancellationToken ct) =>
        SlackMessage.Ephemeral((await admin.CreateAsync(request.UserId, request.Arguments, ct)).Text);
}
