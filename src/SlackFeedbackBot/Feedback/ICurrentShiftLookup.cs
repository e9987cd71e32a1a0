namespace SlackFeedbackBot.Feedback;

/// <summary>Which support shift (if any) a person is on at a moment, so feedback heard on shift is tagged with it.</summary>
public interface ICurrentShiftLookup
{
    Task<string?> ShiftKeyFor(string userId, DateTimeOffset at);
}

/// <summary>Used until a rotation feature registers its own lookup: nobody is ever on shift.</summary>
public sealed class NoShiftLookup : ICurrentShiftLookup
{
    public Task<string?> ShiftKeyFor(string userId, DateTimeOffset at) => Task.FromResult<string?>(null);
}
