namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// A daily window of wall-clock time in some time zone. When <see cref="End"/> is not after
/// <see cref="Start"/> the window runs into the next day (22:00–06:00); 00:00–00:00 is the whole day.
/// The window belongs to the day it starts on (that day's working-day and holiday rules apply).
/// </summary>
public readonly record struct DailyHours(TimeOnly Start, TimeOnly End)
{
    public static DailyHours AllDay => new(TimeOnly.MinValue, TimeOnly.MinValue);

    public bool CrossesMidnight => End <= Start;

    public TimeSpan Length => Start == End ? TimeSpan.FromDays(1) : End - Start;

    public DateTime LocalStartOn(DateOnly day) => day.ToDateTime(Start);

    public DateTime LocalEndOn(DateOnly day) =>
        CrossesMidnight ? day.AddDays(1).ToDateTime(End) : day.ToDateTime(End);
}
