using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback same N their words [customer:X] [importance:high] [why:…]</c>: "me too", recorded as another conversation
/// (with its own importance and why), not a vote.
/// </summary>
public sealed class SameSubcommand(FeedbackService service) : Subcommand<ItemArguments>, IFeedbackSubcommand
{
    public override string Name => "same";

    public override string Usage => "`/feedback same 12 They can't find export either customer:Globex`: another customer said the same, in their words";

    public override ItemArguments? TryParse(string arguments) => ItemArguments.Parse(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, ItemArguments arguments, CancellationToken ct)
    {
        if (arguments is not { Id: { } id, Rest: var rest })
        {
            return SlackMessage.Refused("Write the item number, then what your customer said: `/feedback same 12 They can't find export either customer:Globex`");
        }

        var fields = InlineFields.Parse(rest);
        if (fields.Error is not null)
        {
            return SlackMessage.Refused(fields.Error);
        }

        var outcome = await service.AddSameAsync(id, command.UserId, fields.Text, fields.Customer, ct, fields.Importance, fields.Why, command.UserName);
        if (outcome.Item is not { } item)
        {
            return SlackMessage.Refused(outcome.Problem!);
        }

        var reports = service.Show(item.Id)!.Reports.Count;
        if (outcome.AlreadyRecorded)
        {
            return SlackMessage.Ephemeral($"You already added those words to feedback #{item.Id}, so they count once; it has {reports} reports. A different customer or conversation? Add it in their words.");
        }

        var standing = FeedbackReplies.Standing(await service.StandingAsync(item, ct));
        return SlackMessage.Ephemeral($":speech_balloon: Added to feedback #{item.Id}{(fields.Customer is null ? "" : $" for {SlackText.Defuse(fields.Customer)}")}; it has {reports} reports now.{standing}");
    }
}
