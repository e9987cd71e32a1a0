using Dapper;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Storage;

/// <summary>The storage the bot's ported features use, run the same on SQLite and on a real PostgreSQL.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class BothProvidersTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Migrations_ApplyOnANewDatabase_AndAgainAsNothing()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider, migrate: false);
        var latest = Migrator.LatestVersionFor(provider);

        Assert.That(db.Database.Initialize(), Is.EqualTo(latest));
        Assert.That(db.Database.Initialize(), Is.EqualTo(latest));
        using var connection = db.Database.Open();
        Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM feedback_items"), Is.Zero);
    }

    [Test]
    public async Task OnceOnly_ClaimsAKeyOnce_ListsAndForgetsByPrefix()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var once = new OnceOnly(db.Database);

        Assert.That(once.TryClaim("feedback:told:42:U1", Now), Is.True);
        Assert.That(once.TryClaim("feedback:told:42:U1", Now.AddMinutes(1)), Is.False);
        Assert.That(once.TryClaim("feedback:told:43:U1", Now.AddMinutes(2)), Is.True);

        Assert.That(once.Claimed("feedback:told:42:"), Is.EqualTo(new[] { new OnceOnlyClaim("feedback:told:42:U1", Now) }));
        Assert.That(once.ClaimedIn("feedback:told:", Now.AddMinutes(1), Now.AddHours(1)).Select(c => c.Key), Is.EqualTo(new[] { "feedback:told:43:U1" }));
        using var connection = db.Database.Open();
        Assert.That(OnceOnly.Forget(connection, null, "feedback:told:", ":U1"), Is.EqualTo(2));
        Assert.That(once.IsClaimed("feedback:told:42:U1"), Is.False);
    }

    [Test]
    public async Task Customers_ImportedThenMatchedByNameAliasAndDomain()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var customers = new CustomerRepository(db.Database);

        var results = customers.Upsert(
            [new CustomerRow(2, "Acme", ["Acme Corp"], ["acme.com"], "gold", 120_000, "enterprise"), new CustomerRow(3, "Globex", null, null, null, null, null)], Now);
        var again = customers.Upsert([new CustomerRow(2, "Acme", ["Acme Corp"], ["acme.com"], "gold", 120_000, "enterprise")], Now.AddDays(1));

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { CustomerRowOutcome.Added, CustomerRowOutcome.Added }));
        Assert.That(again.Single().Outcome, Is.EqualTo(CustomerRowOutcome.Unchanged));
        Assert.That(customers.FindByName("ACME CORP")?.Name, Is.EqualTo("Acme"));
        Assert.That(customers.FindByDomain("eu.acme.com")?.AnnualRevenue, Is.EqualTo(120_000));
        Assert.That(customers.AnyDomains(), Is.True);
        Assert.That(customers.FindByName("Initech"), Is.Null);
    }

    [Test]
    public async Task Rotations_RoundTripSettingsMembersTimeOffAndPlanWindows()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var rotations = new RotationRepository(db.Database);

        var id = await rotations.UpsertAsync(new RotationSettings { Name = "Support", SupportChannel = "C1", PeoplePerShift = 2, SetTopic = true }, declared: true, Now);
        var sameId = await rotations.UpsertAsync(new RotationSettings { Name = "support", SupportChannel = "C2" }, declared: true, Now.AddHours(1));
        Assert.That(await rotations.JoinAsync(id, "U1", Now), Is.True);
        Assert.That(await rotations.LeaveAsync(id, "U1", Now.AddDays(1)), Is.True);
        await rotations.AddTimeOffAsync(new TimeOff("U1", Now.AddDays(3), Now.AddDays(5)), Now);
        await rotations.AddPlanWindowAsync(id, new PlanningPeriod(Now, Now.AddDays(7)));
        await rotations.AddPlanWindowAsync(id, new PlanningPeriod(Now, Now.AddDays(14)));

        var stored = await rotations.FindAsync("SUPPORT");
        Assert.That(sameId, Is.EqualTo(id));
        Assert.That(stored, Is.Not.Null);
        Assert.That((stored!.SupportChannel, stored.PeoplePerShift, stored.SetTopic), Is.EqualTo(("C2", 1, false)));
        Assert.That(await rotations.IsDeclaredAsync(id), Is.True);
        Assert.That((await rotations.MembersAsync(id)).Single().LeftAt, Is.EqualTo(Now.AddDays(1)));
        Assert.That(await rotations.MembersAsync(id, includeFormer: false), Is.Empty);
        Assert.That((await rotations.TimeOffAsync(["U1"], Now)).Single().To, Is.EqualTo(Now.AddDays(5)));
        Assert.That(await rotations.PlanWindowsAsync(id, Now), Is.EqualTo(new[] { new PlanningPeriod(Now, Now.AddDays(14)) }));
        Assert.That(await rotations.PlannedUntilAsync(id), Is.EqualTo(Now.AddDays(14)));
    }
}
