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
    public const string ConfirmCallbackId = "support_swap_confirm";

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

    /// <summary>
    /// What the form says before anyone is asked: inline errors keyed by block id, or a confirmation view when the shift
    /// lies outside the colleague's working hours (read in their zone); null when the request can go as it is.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, string>? Errors, ModalView? Confirm)> CheckAsync(string userId, string? shiftKey, string? colleague, CancellationToken ct)
    {
        var errors = await ProblemsAsync(userId, shiftKey, colleague, ct);
        if (errors is not null)
        {
            return (errors, null);
        }

        var shift = (await shifts.FindAsync(shiftKey!))!;
        var outside = ShiftFit.OutsideHours(shift, await MemberAsync(shift.RotationId, colleague!), await zones.ZoneOfAsync(colleague!, ct));
        if (outside is null)
        {
            return (null, null);
        }

        var view = new ModalBuilder("Swap a shift")
            .Submit("Ask anyway")
            .Close("Cancel")
            .CallbackId(ConfirmCallbackId)
            .PrivateMetadata($"{shift.Key}\n{colleague}")
            .Add(SupportBlocks.Section($":warning: For {ShiftText.Mention(colleague!)} this shift is {outside}. Ask them anyway? They see the time in their own zone before they accept."))
            .Build();
        return (null, view);
    }

    /// <summary>The shift key and colleague a confirmation view carries.</summary>
    public static (string? ShiftKey, string? Colleague) FromConfirmation(string? privateMetadata)
    {
        var parts = (privateMetadata ?? "").Split('\n');
        return parts.Length == 2 ? (parts[0], parts[1]) : (null, null);
    }

    /// <summary>Validates and sends the request. Returns inline errors keyed by block id, or null when the colleague was asked.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> RequestAsync(string userId, string? shiftKey, string? colleague, CancellationToken ct)
    {
        if (await ProblemsAsync(userId, shiftKey, colleague, ct) is { } problems)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        var shift = (await shifts.FindAsync(shiftKey!))!;
        return await AskAsync(userId, shift, colleague!, now, ct);
    }

    private async Task<IReadOnlyDictionary<string, string>?> ProblemsAsync(string userId, string? shiftKey, string? colleague, CancellationToken ct)
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

        if (await OverlapAsync(colleague, shift) is { } clash)
        {
            return new Dictionary<string, string> { [ColleagueBlock] = $"They already have a shift then ({clash}); pick someone else." };
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, string>?> AskAsync(string userId, Shift shift, string colleague, DateTimeOffset now, CancellationToken ct)
    {
        var rotation = await rotations.FindAsync(shift.RotationId);
        var requestId = await shifts.AddSwapRequestAsync(shift.Key, userId, colleague, now);
        var zone = await zones.ZoneOfAsync(colleague, ct);
        var outside = ShiftFit.OutsideHours(shift, await MemberAsync(shift.RotationId, colleague), zone);
        var text = $"{ShiftText.Mention(userId)} asks if you can take their *{rotation?.Name}* support shift: {ShiftText.When(shift, zone)}."
            + (outside is null ? "" : $"\n:warning: That is {outside}. Accept only if that time works for you.");
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
        var heads = outside is null ? "" : $" Heads up: for them that is {outside}.";
        await messenger.SendAsync($"swap:{id}:asked", userId, new SlackMessage { Text = $"I asked {ShiftText.Mention(colleague)} to take your shift ({ShiftText.When(shift, await zones.ZoneOfAsync(userId, ct))}).{heads} I'll tell you what they say." }, ct);
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

        if (shift is not null && await OverlapAsync(userId, shift) is { } clash)
        {
            await shifts.DeclineSwapAsync(request.Id, now);
            await TellAsync($"swap:{request.Id}:overlap", request.FromUser, $"{ShiftText.Mention(userId)} can't take your shift: they have another shift at the same time. It is still yours.", ct);
            return $"You can't take this shift: it overlaps your shift {clash}. Nothing changed; I let them know.";
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

    /// <summary>The person's other shift that overlaps this one, as they would read it, or null.</summary>
    private async Task<string?> OverlapAsync(string userId, Shift shift)
    {
        var other = (await shifts.OverlappingForAsync(userId, shift.Start, shift.End, shift.Key)).FirstOrDefault();
        if (other is null)
        {
            return null;
        }

        var name = (await rotations.FindAsync(other.RotationId))?.Name ?? "support";
        return $"*{name}* {ShiftText.When(other, await zones.ZoneOfAsync(userId, CancellationToken.None))}";
    }

    private async Task<StoredMember?> MemberAsync(long rotationId, string userId) =>
        (await rotations.MembersAsync(rotationId, includeFormer: false)).FirstOrDefault(m => m.UserId == userId);

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
