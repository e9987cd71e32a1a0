using Dapper;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// A person's or a customer's feedback, removed on request, in one transaction. Their reports go; an item left with no
/// report (or whose captured message they wrote) goes with its history; an item other people reported too stays and
/// from then on shows the earliest remaining report's words, customer and reporter, so every count (reports per item,
/// items per bucket, digests) agrees with what is left. Who resolved or moved an item is kept as "erased".
/// </summary>
public sealed class FeedbackErasure(Database database) : IPersonalDataEraser
{
    public const string ErasedPerson = "erased";

    public Task<ErasureReport> EraseAsync(ErasureSubject subject, bool apply, CancellationToken ct)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        var who = new { user = subject.UserId, customer = subject.Customer, erased = ErasedPerson };

        // Items whose own columns carry the subject's words or name, and every item that loses a report.
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS erase_items (id bigint PRIMARY KEY)", transaction: tx);
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS erase_touched (id bigint PRIMARY KEY)", transaction: tx);
        connection.Execute("DELETE FROM erase_items; DELETE FROM erase_touched;", transaction: tx);
        connection.Execute(
            """
            INSERT INTO erase_items (id)
            SELECT id FROM feedback_items
            WHERE (@user IS NOT NULL AND (reporter_id = @user OR author_id = @user))
               OR (@customer IS NOT NULL AND lower(customer) = lower(@customer))
            """,
            who, tx);
        connection.Execute(
            """
            INSERT INTO erase_touched (id)
            SELECT id FROM erase_items
            UNION SELECT item_id FROM feedback_reports
            WHERE (@user IS NOT NULL AND reporter_id = @user) OR (@customer IS NOT NULL AND lower(customer) = lower(@customer))
            ON CONFLICT DO NOTHING
            """,
            who, tx);

        var reports = connection.Execute(
            """
            DELETE FROM feedback_reports
            WHERE (@user IS NOT NULL AND (reporter_id = @user
                      OR item_id IN (SELECT id FROM feedback_items WHERE author_id = @user)))
               OR (@customer IS NOT NULL AND lower(customer) = lower(@customer))
            """,
            who, tx);

        // A message the subject wrote is their words whoever captured it; an item nobody else reported has nothing left.
        var items = connection.Execute(
            """
            DELETE FROM feedback_items
            WHERE (@user IS NOT NULL AND author_id = @user)
               OR (id IN (SELECT id FROM erase_touched)
                   AND NOT EXISTS (SELECT 1 FROM feedback_reports r WHERE r.item_id = feedback_items.id))
            """,
            who, tx);

        var rewritten = connection.Execute(
            """
            UPDATE feedback_items SET
                text          = earliest.text,
                customer      = earliest.customer,
                source        = earliest.source,
                reporter_id   = earliest.reporter_id,
                reporter_name = earliest.reporter_name
            FROM (SELECT r.item_id, r.text, r.customer, r.source, r.reporter_id, r.reporter_name,
                         ROW_NUMBER() OVER (PARTITION BY r.item_id ORDER BY r.created_at, r.id) AS n
                  FROM feedback_reports r WHERE r.item_id IN (SELECT id FROM erase_items)) AS earliest
            WHERE earliest.item_id = feedback_items.id AND earliest.n = 1
            """,
            transaction: tx);

        var followUps = subject.UserId is null ? 0 : connection.Execute(
            "DELETE FROM feedback_follow_ups WHERE user_id = @user", who, tx);
        var notifications = subject.UserId is null ? 0
            : OnceOnly.Forget(connection, tx, FeedbackOnceKeys.ToldPrefix, ":" + subject.UserId);
        // An item that is gone takes its once-only keys with it: SQLite may give its id to the next item.
        foreach (var gone in connection.Query<long>("SELECT id FROM erase_touched WHERE id NOT IN (SELECT id FROM feedback_items)", transaction: tx).AsList())
        {
            OnceOnly.Forget(connection, tx, FeedbackOnceKeys.ToldAbout(gone));
            OnceOnly.Forget(connection, tx, FeedbackOnceKeys.Alert(gone, ""));
        }
        var anonymised = subject.UserId is null ? 0
            : connection.Execute("UPDATE feedback_items SET resolved_by = @erased WHERE resolved_by = @user", who, tx)
              + connection.Execute("UPDATE feedback_bucket_changes SET changed_by = @erased WHERE changed_by = @user", who, tx)
              + connection.Execute("UPDATE feedback_status_changes SET changed_by = @erased WHERE changed_by = @user", who, tx);

        connection.Execute("DROP TABLE erase_items; DROP TABLE erase_touched;", transaction: tx);
        if (apply)
        {
            tx.Commit();
        }
        else
        {
            tx.Rollback();
        }

        List<string> lines =
        [
            $"{reports} feedback report{Plural(reports)}",
            $"{items} feedback item{Plural(items)} with no other reports (with their history)",
            $"{rewritten} item{Plural(rewritten)} other people reported too, now shown with the earliest remaining report",
        ];
        if (subject.UserId is not null)
        {
            lines.Add($"{followUps} follow-up question{Plural(followUps)} and answer{Plural(followUps)}, {notifications} resolve notice record{Plural(notifications)}");
            lines.Add($"{anonymised} resolve or reclassify record{Plural(anonymised)} now say \"{ErasedPerson}\"");
        }

        return Task.FromResult(new ErasureReport("Feedback", lines, reports + items + rewritten + followUps + notifications + anonymised));
    }

    private static string Plural(int count) => count == 1 ? "" : "s";
}
