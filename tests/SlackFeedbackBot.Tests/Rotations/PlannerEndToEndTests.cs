using SlackFeedbackBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>
/// The planner on the real bot host, through Quartz and the Slack emulator's demo workspace (six people in six zones):
/// shifts spread over the month, stay inside each person's hours, skip public holidays, and the schedule says why.
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class PlannerEndToEndTests(StorageProvider provider)
{
    private const string Ana = "U0ANA00001";
    private const string Ciara = "U0CIARA003";
    private const string Dieter = "U0DIETER04";
    private const string Support = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Demo_rotation_spreads_the_six_people_over_six_days_and_skips_christmas()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions { Provider = provider, Time = time, Settings = LocalDemo.Settings().ToDictionary() });

        var december = await ShiftsAsync(host, "support", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var dublin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Dublin");
        var days = december.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, dublin))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(december, Has.Count.EqualTo(6));
            Assert.That(days.Distinct().Count(), Is.EqualTo(6), string.Join(", ", days));
            Assert.That(days, Does.Not.Contain(new DateOnly(2026, 12, 25)));
        });
    }

    [Test]
    public async Task Continuous_rotation_refuses_a_shift_length_it_cannot_honour()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions { Provider = provider, Time = time, Settings = new() { ["Rotations:Admins:0"] = Ana } });

        var reply = await CommandAsync(host, Ana, "create quick #support shift=5m cadence=continuous/daily hours=09:00-17:00 tz=Europe/Dublin members=@dieter,@ciara");

        Assert.That(reply, Does.Contain("Nothing created").And.Contain("`shift=5m` can't be honoured"));
        Assert.That(await host.Services.GetRequiredService<RotationRepository>().FindAsync("quick"), Is.Null);
    }

    [Test]
    public async Task Continuous_rotation_keeps_shifts_inside_hours_and_off_holidays_and_says_so()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero));
        await using var host = await BotTestHost.StartAsync(new BotTestHostOptions { Provider = provider, Time = time, Settings = new() { ["Rotations:Admins:0"] = Ana } });

        var created = await CommandAsync(host, Ana, "create quick #support cadence=continuous/daily hours=09:00-17:00 tz=Europe/Dublin members=@dieter,@ciara");

        Assert.That(created, Does.Contain("Created *quick*").And.Contain($"No shifts for <@{Dieter}>"));
        var shifts = await ShiftsAsync(host, "quick", time.GetUtcNow(), time.GetUtcNow().AddDays(40));
        var dublin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Dublin");
        Assert.Multiple(() =>
        {
            Assert.That(shifts, Is.Not.Empty);
            Assert.That(shifts.SelectMany(s => s.Participants).Distinct(), Is.EqualTo(new[] { Ciara }), "09:00-17:00 Dublin is 10:00-18:00 in Berlin, outside Dieter's hours");
            Assert.That(shifts.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, dublin))),
                Does.Not.Contain(new DateOnly(2026, 12, 25)).And.Not.Contain(new DateOnly(2027, 1, 1)));
        });

        var schedule = await CommandAsync(host, Ciara, "schedule quick");

        Assert.That(schedule, Does.Contain("Days skipped").And.Contain("Fri 25 Dec: public holiday: ").And.Contain("(IE)").And.Contain("Fri 1 Jan: public holiday"));
    }

    private static async Task<List<Shift>> ShiftsAsync(BotTestHost host, string name, DateTimeOffset from, DateTimeOffset to)
    {
        var rotations = host.Services.GetRequiredService<RotationRepository>();
        SlackFeedbackBot.Rotations.RotationSettings? rotation = null;
        await Eventually.ThatAsync(async () => (rotation = await rotations.FindAsync(name)) is not null && await rotations.PlannedUntilAsync(rotation.Id) is not null, "planning finishes", Wait);
        return (await host.Services.GetRequiredService<ShiftRepository>().ListAsync(rotation!.Id, from, to)).ToList();
    }

    private static async Task<string> CommandAsync(BotTestHost host, string user, string text)
    {
        DeliveryResult result = await host.Slack.SendSlashCommandAsync(user, Support, "/support", text);
        return result.AckPayload?["text"]?.ToString() ?? (await host.Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";
    }
}
