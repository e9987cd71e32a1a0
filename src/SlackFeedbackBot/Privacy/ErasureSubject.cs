namespace SlackFeedbackBot.Privacy;

/// <summary>Whose data a deletion request is about: a Slack user (by id) or a customer (by name, any case).</summary>
public sealed record ErasureSubject(string? UserId, string? Customer)
{
    public static ErasureSubject ForUser(string userId) => new(userId.Trim(), null);

    public static ErasureSubject ForCustomer(string customer) => new(null, customer.Trim());

    public override string ToString() => UserId is not null ? $"user {UserId}" : $"customer \"{Customer}\"";
}

/// <summary>What one feature removed (or would remove) for a subject, as lines for the person running `erase`.</summary>
public sealed record ErasureReport(string Feature, IReadOnlyList<string> Lines, int Total);

/// <summary>
/// A feature's part of a data-deletion request: it removes the subject's words and reports from its own tables and
/// nothing else. With <c>apply: false</c> it works out the same counts and changes nothing.
/// </summary>
public interface IPersonalDataEraser
{
    Task<ErasureReport> EraseAsync(ErasureSubject subject, bool apply, CancellationToken ct);
}
