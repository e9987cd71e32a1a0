using Dapper;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>One person's customer contact in a period.</summary>
public sealed record CustomerContact(string UserId, int ShiftsServed, int FeedbackCaptured, int ResearchConversations)
{
    public bool HasHeardCustomer => ShiftsServed > 0 || FeedbackCaptured > 0 || ResearchConversations > 0;
}

/// <summary>
/// "Who has talked to a customer?": per person, shifts served (the rotation ledger: served or swapped in), feedback
/// captured by any path and conversations logged with source <c>research</c> (both asked of the Feedback feature).
/// Everyone currently on a rotation is listed, heard or not, and so is anyone else who brought feedback in.
/// </summary>
public sealed class CustomerContacts(Database database, FeedbackPeopleQueries feedback) : ICustomerContactLookup
{
    public async Task<IReadOnlyList<CustomerContact>> InAsync(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        var served = (await connection.QueryAsync<(string UserId, long Count)>(
            """
            SELECT user_id, COUNT(*) FROM rotation_ledger
            WHERE outcome IN ('served', 'swapped_in') AND shift_start >= @fromMs AND shift_start < @toMs
            GROUP BY user_id
            """,
            new { fromMs = from.ToUnixTimeMilliseconds(), toMs = to.ToUnixTimeMilliseconds() })).ToList();
        var members = (await connection.QueryAsync<string>("SELECT DISTINCT user_id FROM rotation_members WHERE left_at IS NULL")).ToList();
        return Combine(members, served, await feedback.CapturedByPersonAsync(from, to));
    }

    public async Task<IReadOnlyList<string>> NotHeardAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await InAsync(from, to)).Where(c => !c.HasHeardCustomer).Select(c => c.UserId).ToList();

    /// <summary>The pure part: one row per person, most contact first, then by id.</summary>
    public static IReadOnlyList<CustomerContact> Combine(
        IEnumerable<string> members, IEnumerable<(string UserId, long Count)> served, IEnumerable<PersonFeedbackCount> captured)
    {
        var rows = new Dictionary<string, CustomerContact>(StringComparer.Ordinal);
        CustomerContact Row(string user) => rows.TryGetValue(user, out var row) ? row : rows[user] = new CustomerContact(user, 0, 0, 0);
        foreach (var member in members)
        {
            Row(member);
        }

        foreach (var (user, count) in served)
        {
            rows[user] = Row(user) with { ShiftsServed = (int)count };
        }

        foreach (var person in captured)
        {
            rows[person.UserId] = Row(person.UserId) with { FeedbackCaptured = person.Captured, ResearchConversations = person.Research };
        }

        return rows.Values
            .OrderByDescending(r => r.ShiftsServed + r.FeedbackCaptured + r.ResearchConversations)
            .ThenBy(r => r.UserId, StringComparer.Ordinal)
            .ToList();
    }
}
