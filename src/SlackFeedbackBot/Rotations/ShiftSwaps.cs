using System.Globalization;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// Swapping a shift: the holder picks one of their upcoming shifts and a colleague in a modal; the colleague gets a DM
/// with Accept and Decline; on accept the shift changes hands and the ledger records swapped away / swapped in. Both are
/// told the outcome.
/// </summary>
public sealed class ShiftSwaps(
    ShiftRepository shifts,
    RotationRepository rotations,
    ISlackApiClient slack,
    DirectMessenger messenger,
    SupportHomeRefresh homes,
    PeopleZones zones,
    TimeProvider time)
{
    public const string ModalCallbackId = "support_swap";
    public const string ShiftBlock = "shift";
    public const string ShiftAction = "shift";
    public const string ColleagueBlock = "colleague";
    public const string ColleagueAction = "colleague";
    public const string AcceptActionId = "support_swap_accept";
    public const string DeclineActionId = "support_swap_decline";

    /// <summary>Opens the swap modal; returns a refusal to show instead when there is nothing to swap.</summary>
    public async Task<string?> OpenAsync(string userId, string? triggerId, CancellationToken ct)
    {
        if (triggerId is null)
        {
            return "Slack did not send what is needed to open the swap form; try `/support swap` again.";
        }

        var now = time.GetUtcNow();
        var upcoming = (await shifts.UpcomingForAsync(userId, now, 20)).Where(s => s.Start > now).ToList();
        if (upcoming.Count == 0)
        {
            return "You have no upcoming shifts to swap.";
        }

        var zone = await zones.ZoneOfAsync(userId, ct);
        var names = (await rotations.ListAsync()).ToDictionary(r => r.Id, r => r.Name);
        var options = upcoming.Take(100)
            .Select(s => new SelectOption($"{names.GetValueOrDefault(s.RotationId, "support")}: {ShiftText.When(s, zone)}", s.Key))
            .ToList();
        var view = new ModalBuilder("Swap a shift")
            .Submit("Ask")
            .Close("Cancel")
            .CallbackId(ModalCallbackId)
            .Input("Your shift", new StaticSelectElement(ShiftAction, options, placeholder: "Pick a shift"), ShiftBlock)
            .Input("Colleague to ask", new UsersSelectElement(ColleagueAction, placeholder: "Pick a colleague"), ColleagueBlock)
            .Build();
        await slack.OpenViewAsync(triggerId, view, ct);
        return null;
    }

    /// <summary>Validates and sends the request. Returns inline errors keyed by block id, or null when the colleague was asked.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> RequestAsync(string userId, string? shiftKey, string? colleague, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var shift = shiftKey is null ? null : await shifts.FindAsync(shiftKey);
        if (shift is null || shift.Status != ShiftStatus.Planned || !shift.IsParticipant(userId))
        {
            return new Dictionary<string, string> { [ShiftBlock] = "That shift is not yours, so you can't swap it." };
        }

        if (shift.Start <= now)
        {
            return new Dictionary<string, string> { [ShiftBlock] = "That shift has already started." };
        }

        if (string.IsNullOrEmpty(colleague) || colleague == userId)
        {
            return new Dictionary<string, string> { [ColleagueBlock] = "Pick a colleague other than yourself." };
        }

        if (shift.IsParticipant(colleague))
        {
            return new Dictionary<string, string> { [ColleagueBlock] = "They are already on that shift." };
        }

        if (await UnknownPersonAsync(colleague, ct) is { } problem)
        {
            return new Dictionary<string, string> { [ColleagueBlock] = problem };
        }

        var rotation = await rotations.FindAsync(shift.RotationId);
        var requestId = await shifts.AddSwapRequestAsync(shift.Key, userId, colleague, now);
        var zone = await zones.ZoneOfAsync(colleague, ct);
        var text = $"{ShiftText.Mention(userId)} asks if you can take their *{rotation?.Name}* support shift: {ShiftText.When(shift, zone)}.";
        var id = requestId.ToString(CultureInfo.InvariantCulture);
        await messenger.SendAsync($"swap:{id}:ask", colleague, new SlackMessage
        {
            Text = text,
            Blocks =
            [
                SupportBlocks.Section(text),
                SupportBlocks.Actions(SupportBlocks.Button("Accept", AcceptActionId, id, ButtonStyle.Primary), SupportBlocks.Button("Decline", DeclineActionId, id, ButtonStyle.Danger)),
            ],
        }, ct);
        await messenger.SendAsync($"swap:{id}:asked", userId, new SlackMessage { Text = $"I asked {ShiftText.Mention(colleague)} to take your shift ({ShiftText.When(shift, await zones.ZoneOfAsync(userId, ct))}). I'll tell you what they say." }, ct);
        return null;
    }

    /// <summary>The colleague's answer. Returns the text to show them in place of the question.</summary>
    public async Task<string> DecideAsync(string userId, string? requestIdText, bool accept, CancellationToken ct)
    {
        var request = long.TryParse(requestIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await shifts.FindSwapRequestAsync(id) : null;
        if (request is null || request.ToUser != userId)
        {
            return "This swap request is not addressed to you.";
        }

        if (request.Status != "pending")
        {
            return $"This swap request was already {request.Status}.";
        }

        var shift = await shifts.FindAsync(request.ShiftKey);
        var now = time.GetUtcNow();
        if (!accept)
        {
            await shifts.DeclineSwapAsync(request.Id, now);
            await TellAsync($"swap:{request.Id}:declined", request.FromUser, $"{ShiftText.Mention(userId)} declined to take your shift{Describe(shift, await zones.ZoneOfAsync(request.FromUser, ct))}. It is still yours.", ct);
            return "You declined the swap; I let them know.";
        }

        if (!await shifts.AcceptSwapAsync(request, now))
        {
            await shifts.DeclineSwapAsync(request.Id, now);
            await TellAsync($"swap:{request.Id}:void", request.FromUser, $"{ShiftText.Mention(userId)} accepted, but the shift had changed or started in the meantime, so nothing was swapped.", ct);
            return "That shift changed or already started, so the swap could not be made. Nothing changed.";
        }

        await homes.RefreshAsync([request.FromUser, userId], $"swap:{request.Id}", ct);
        await TellAsync($"swap:{request.Id}:taken", request.FromUser, $"{ShiftText.Mention(userId)} took your shift{Describe(shift, await zones.ZoneOfAsync(request.FromUser, ct))}. You're off the hook.", ct);
        // Said once, by the answer to the click (in place of the question, or by DM when Slack gave no response_url).
        return $"Swap done: the shift{Describe(shift, await zones.ZoneOfAsync(userId, ct))} is yours now. You'll get the reminders.";
    }

    private static string Describe(Shift? shift, TimeZoneInfo zone) => shift is null ? "" : $" ({ShiftText.When(shift, zone)})";

    private async Task<string?> UnknownPersonAsync(string userId, CancellationToken ct)
    {
        try
        {
            var user = await slack.GetUserInfoAsync(userId, ct);
            return user.IsBot ? "That's a bot; pick a colleague." : user.Deleted ? "That person has left the workspace." : null;
        }
        catch (SlackApiException ex) when (ex.ErrorCode is "user_not_found" or "user_not_visible")
        {
            return "I can't find that person in this workspace.";
        }
    }

    private async Task TellAsync(string key, string userId, string text, CancellationToken ct)
    {
        await messenger.SendAsync(key, userId, new SlackMessage { Text = text }, ct);
    }
}
