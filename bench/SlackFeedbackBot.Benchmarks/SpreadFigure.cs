using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Benchmarks;

/// <summary>
/// <c>spread [year month]</c>: how a one-hour-a-month rotation spreads over the month's working days, for the demo's
/// six people in six zones and for 200 people over twelve zones. Prints distinct days with a shift and the most
/// shifts on one day.
/// </summary>
public static class SpreadFigure
{
    private static readonly string[] DemoZones =
        ["America/New_York", "America/Los_Angeles", "Europe/Dublin", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"];

    private static readonly string[] CompanyZones =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Europe/London",
        "Europe/Dublin", "Europe/Berlin", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
    ];

    public static int Run(string[] args)
    {
        var year = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2026;
        var month = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 12;
        Print("demo (6 people, 6 zones)", Team(6, DemoZones), year, month);
        Print("company (200 people, 12 zones)", Team(200, CompanyZones), year, month);
        return 0;
    }

    private static void Print(string label, RotationMember[] members, int year, int month)
    {
        const string zoneId = "Europe/Dublin";
        var rotation = new RotationDefinition(
            "support", "#support", ["UOWNER"], zoneId, TimeSpan.FromHours(1), new PerMemberCadence(1, CadencePeriod.Month), 1,
            DailyHours.AllDay, RotationDefinition.MondayToFriday, new HashSet<DateOnly>(), []);
        var first = new DateOnly(year, month, 1);
        var period = PlanningPeriod.ForLocalDates(first, first.AddMonths(1), zoneId);
        var result = ShiftPlanner.Plan(rotation, members, [], [], period);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var perDay = result.Shifts
            .GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, zone)))
            .ToDictionary(g => g.Key, g => g.Count());
        var workingDays = Enumerable.Range(0, first.AddMonths(1).DayNumber - first.DayNumber)
            .Select(first.AddDays).Count(d => RotationDefinition.MondayToFriday.Contains(d.DayOfWeek));
        Console.WriteLine(
            $"{label}, {first:yyyy-MM}: {result.Shifts.Count} shifts on {perDay.Count} of {workingDays} working days, " +
            $"at most {perDay.Values.DefaultIfEmpty(0).Max()} a day, unplaced {result.Unplaced.Count}");
    }

    private static RotationMember[] Team(int count, string[] zones) =>
        Enumerable.Range(0, count).Select(i => new RotationMember(
            $"U{i:D5}", zones[i % zones.Length], new DailyHours(new TimeOnly(9, 0), new TimeOnly(17, 0)),
            RotationDefinition.MondayToFriday, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))).ToArray();
}
