namespace SlackFeedbackBot.Digests;

/// <summary>
/// Who, of the people expected to talk to customers (the support rotations' members), has heard none in [from, to):
/// no shift served, no feedback captured, no research conversation. The rotations feature answers it; without that
/// feature there is nobody to name.
/// </summary>
public interface ICustomerContactLookup
{
    Task<IReadOnlyList<string>> NotHeardAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

public sealed class NoCustomerContactLookup : ICustomerContactLookup
{
    public Task<IReadOnlyList<string>> NotHeardAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
