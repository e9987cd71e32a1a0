using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary><c>/support</c> or <c>/support now [rotation]</c>: who is on now and who is next, per rotation.</summary>
public sealed class NowSubcommand(RotationRepository rotations, ShiftRepository shifts, PeopleZones zones, TimeProvider time) : Subcommand<RawArguments>, ISupportSubcommand
{
    public const string SubcommandName = "now";

    public override string Name => SubcommandName;

    public override IReadOnlyList<string> Aliases => ["next"];

    public override string Usage => "`/support`, `/support now [rotation]` or `/support next`: who is on support now, and who is next";

    public override IReadOnlyList<string> Hints => ["who", "current", "today"];

    public override RawArguments? TryParse(string arguments) => SupportArguments.OptionalRotation(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        var all = await rotations.ListAsync();
        var chosen = string.IsNullOrWhiteSpace(arguments.Text)
            ? all
            : all.Where(r => r.Name.Equals(arguments.Text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            return SlackMessage.Ephemeral(all.Count == 0
                ? "There are no rotations yet. An admin creates one with `/support create <name> #channel`."
                : $"There is no rotation called *{arguments.Text.Trim()}*. Rotations: {string.Join(", ", all.Select(r => r.Name))}.");
        }

        var now = time.GetUtcNow();
        var zone = await zones.ZoneOfAsync(command.UserId, ct);
        var lines = new List<string>();
        foreach (var rotation in chosen)
        {
            var soon = await shifts.ListAsync(rotation.Id, now, now.AddDays(120));
            var current = soon.FirstOrDefault(s => s.Start <= now);
            var next = soon.FirstOrDefault(s => s.Start > now);
            var onNow = current is null
                ? "nobody is on shift right now"
                : $"{ShiftText.Mentions(current.Participants)} until {ShiftText.Time(current.End, zone)} ({zone.Id})";
            var nextText = next is null ? "nothing planned yet" : $"{ShiftText.Mentions(next.Participants)}, {ShiftText.When(next, zone)}";
            lines.Add($"*{rotation.Name}* ({ShiftText.Channel(rotation.SupportChannel)}): {onNow}. Next: {nextText}.");
        }

        return SlackMessage.Ephemeral(string.Join("\n", lines));
    }
}
