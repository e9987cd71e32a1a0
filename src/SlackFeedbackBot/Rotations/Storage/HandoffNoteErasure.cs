using Dapper;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations.Storage;

/// <summary>
/// A person's words in rotations are their hand-off notes: removed on request. Their membership, shifts and time away
/// stay (the schedule and its fairness depend on them); take them out of a rotation with `/support` to end those.
/// </summary>
public sealed class HandoffNoteErasure(Database database) : IPersonalDataEraser
{
    public Task<ErasureReport> EraseAsync(ErasureSubject subject, bool apply, CancellationToken ct)
    {
        if (subject.UserId is null)
        {
            return Task.FromResult(new ErasureReport("Rotations", [], 0));
        }

        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var notes = connection.Execute("DELETE FROM rotation_handoff_notes WHERE user_id = @user", new { user = subject.UserId }, tx);
        if (apply)
        {
            tx.Commit();
        }

        return Task.FromResult(new ErasureReport("Rotations", [$"{notes} hand-off note{(notes == 1 ? "" : "s")}"], notes));
    }
}
