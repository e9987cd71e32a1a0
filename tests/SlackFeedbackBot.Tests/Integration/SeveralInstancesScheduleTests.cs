using System.Globalization;
using Dapper;
using Npgsql;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Scheduling;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>
/// Two bot processes on one PostgreSQL database and what they schedule: a fixture of its own, so its wait for the
/// moment runs beside the other several-instances tests.
/// </summary>
public sealed class SeveralInstancesScheduleTests
{
    private const string Ben = SeveralInstancesTests.Ben;
    private const string Chatter = SeveralInstancesTests.Chatter;

    // The digest's trigger and the reminder's (@reminder): both are gone from Quartz's table once they have fired.
    private const string MomentTriggers = "FROM qrtz_triggers WHERE trigger_group = 'digest-subscriptions' OR trigger_name = @reminder";

    /// <summary>
    /// Both instances start at the same moment and declare the same digest subscription and rotation; at the moment
    /// they are due, the clustered scheduler fires each once and one instance posts the digest and sends the reminder.
    /// Processes run on the real clock, so the moment is set a little ahead of the start, on a whole minute (reminder
    /// offsets are whole minutes), in a fixed-offset zone where it falls around midday (the shift never crosses midnight).
    /// </summary>
    [Test]
    public async Task TwoInstancesStartedTogether_PostTheDigestOnce_AndSendTheReminderOnce()
    {
        using var dir = new TempDirectory();
        await using var db = await ProviderDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        var cs = db.Database.ConnectionString;
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        var due = WholeMinuteAfter(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(45));
        var zone = ZoneWhereItIsAboutNoon(due);
        var shiftStart = TimeZoneInfo.ConvertTime(due.AddMinutes(1), TimeZoneInfo.FindSystemTimeZoneById(zone));
        string[] settings =
        [
            $"--Digests:Subscriptions:0:Channel={Chatter}",
            "--Digests:Subscriptions:0:Cadence=weekly",
            "--Digests:Subscriptions:0:TimeZone=UTC",
            string.Create(CultureInfo.InvariantCulture, $"--Digests:Subscriptions:0:Cron=0 {due.Minute} {due.Hour} {due.Day} {due.Month} ? {due.Year}"),
            "--Rotations:PlanAheadDays=2",
            "--Rotations:Rotations:0:Name=support",
            $"--Rotations:Rotations:0:SupportChannel={EmulatorIds.SupportChannelId}",
            "--Rotations:Rotations:0:Owners:0=U0ANA00001",
            $"--Rotations:Rotations:0:TimeZone={zone}",
            "--Rotations:Rotations:0:Cadence=continuous/daily",
            "--Rotations:Rotations:0:ShiftLength=1h",
            string.Create(CultureInfo.InvariantCulture, $"--Rotations:Rotations:0:SupportHours={shiftStart:HH:mm}-{shiftStart.AddHours(1):HH:mm}"),
            "--Rotations:Rotations:0:WorkingDays=mon-sun",
            "--Rotations:Rotations:0:HolidayCountry=none",
            "--Rotations:Rotations:0:ReminderOffsets:0=1m",
            $"--Rotations:Rotations:0:Members:0:UserId={Ben}",
            $"--Rotations:Rotations:0:Members:0:TimeZone={zone}",
            "--Rotations:Rotations:0:Members:0:WorkingHours=00:00-23:59",
            "--Rotations:Rotations:0:Members:0:WorkingDays=mon-sun",
        ];
        var starting = new[] { "a", "b" }
            .Select(id => BotProcess.StartSocketModeOnPostgresAsync(slack, Path.Combine(dir.Path, id), cs, [.. settings, $"--Slack:InstanceId={id}"]))
            .ToList();
        try
        {
            var instances = await Task.WhenAll(starting);
            await slack.WaitForSocketsAsync(4, TimeSpan.FromSeconds(60));
            await Eventually.ThatAsync(
                async () => await SeveralInstancesTests.ScalarAsync(cs, "SELECT COUNT(*) FROM qrtz_scheduler_state") == 2,
                "both schedulers have checked in to the cluster",
                TimeSpan.FromSeconds(60));
            Assert.That(DateTimeOffset.UtcNow, Is.LessThan(due), "both instances are up before the moment they both declared");

            var reminder = ShiftScheduler.TriggerKeyFor(PlannedShift.KeyFor("support", due.AddMinutes(1)), "reminder|1").Name;
            var untilDue = due - DateTimeOffset.UtcNow;
            await Eventually.ThatAsync(() => Digests(slack).Count > 0 && Reminders(slack).Count > 0, "the digest and the reminder arrive", untilDue + TimeSpan.FromSeconds(90));
            // Everything either instance could still send: no trigger left to fire, none firing, nothing queued.
            await Eventually.ThatAsync(
                async () => await SeveralInstancesTests.ScalarAsync(cs, $"SELECT COUNT(*) {MomentTriggers}", new { reminder }) == 0
                    && await SeveralInstancesTests.ScalarAsync(cs, "SELECT COUNT(*) FROM qrtz_fired_triggers") == 0
                    && await SeveralInstancesTests.ScalarAsync(cs, "SELECT COUNT(*) FROM slack_outbox WHERE status = 'pending'") == 0,
                "both moments have fired and every effect is sent",
                TimeSpan.FromSeconds(60),
                () => Describe(cs, reminder));

            Assert.That(Digests(slack), Has.Count.EqualTo(1), "the digest is posted once");
            Assert.That(Reminders(slack), Has.Count.EqualTo(1), "the reminder is sent once");
            Assert.That(Reminders(slack).Single().Text, Does.Contain("starts in 1 minute").And.Not.Contain("sent late"));
            var fires = instances.SelectMany(bot => bot.OutputLines)
                .Count(line => line.Contains($" queued for {Chatter}", StringComparison.Ordinal) || line.Contains($" for {Chatter} was posted already", StringComparison.Ordinal));
            Assert.That(fires, Is.EqualTo(1), "the digest job runs once over both instances, not once each with the second suppressed");
        }
        finally
        {
            await ((Task)Task.WhenAll(starting)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var started in starting.Where(start => start.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
        }
    }

    private static string Describe(string cs, string reminder)
    {
        using var connection = new NpgsqlConnection(cs);
        var triggers = connection.Query<string>($"SELECT trigger_group || ' ' || trigger_name || ' ' || trigger_state {MomentTriggers}", new { reminder });
        var fired = connection.Query<string>("SELECT trigger_name || ' ' || instance_name || ' ' || state FROM qrtz_fired_triggers");
        var pending = connection.Query<string>("SELECT idempotency_key || ' ' || attempts || ' ' || coalesce(last_error, '') FROM slack_outbox WHERE status = 'pending'");
        return $"triggers: {string.Join("; ", triggers)}\nfiring: {string.Join("; ", fired)}\npending: {string.Join("; ", pending)}";
    }

    private static DateTimeOffset WholeMinuteAfter(DateTimeOffset at) =>
        new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    /// <summary>A fixed-offset zone (Etc/GMT-5 is five hours ahead of UTC) in which <paramref name="utc"/> is between 11:00 and 13:00.</summary>
    private static string ZoneWhereItIsAboutNoon(DateTimeOffset utc)
    {
        var hoursAhead = 12 - utc.UtcDateTime.Hour;
        return hoursAhead switch
        {
            0 => "Etc/UTC",
            > 0 => string.Create(CultureInfo.InvariantCulture, $"Etc/GMT-{hoursAhead}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"Etc/GMT+{-hoursAhead}"),
        };
    }

    private static List<StoredMessage> Digests(SlackEmulator slack) =>
        slack.Workspace.Messages.Where(m => m.Channel == Chatter && m.BotId is not null && m.ThreadTs is null).ToList();

    private static List<StoredMessage> Reminders(SlackEmulator slack) =>
        slack.Workspace.Messages
            .Where(m => m.BotId is not null && slack.Workspace.GetChannel(m.Channel)?.ImUserId == Ben && m.Text.StartsWith("Reminder:", StringComparison.Ordinal))
            .ToList();
}
