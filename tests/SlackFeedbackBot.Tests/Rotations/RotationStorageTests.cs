using System.Diagnostics;
using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>
/// The rotation feature's storage on SQLite and on a real PostgreSQL alike: shifts planned, assigned, swapped and
/// cancelled, the ledger, acknowledgements, hand-off notes and their erasure, make-ups, follows, the digest's counts,
/// customer contacts and the command line.
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class RotationStorageTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ProviderDatabase _db = null!;
    private ShiftRepository _shifts = null!;
    private long _rotationId;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _shifts = new ShiftRepository(_db.Database);
        _rotationId = await new RotationRepository(_db.Database).UpsertAsync(
            new RotationSettings { Name = "support", SupportChannel = "C1", TimeZone = "UTC" }, declared: true, Now);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private static PlannedShift Planned(DateTimeOffset start, string? pro = null, params string[] assignees) =>
        new(PlannedShift.KeyFor("support", start), start, start.AddHours(1), assignees, pro);

    [Test]
    public async Task Shifts_StoredOnce_ChangedOnlyWhenTheyChange_CancelledAndBroughtBack()
    {
        var first = Planned(Now.AddDays(1), null, "U1", "U2");

        Assert.That(await _shifts.UpsertAsync(_rotationId, first, Now), Is.True, "new");
        Assert.That(await _shifts.UpsertAsync(_rotationId, first, Now.AddMinutes(1)), Is.False, "unchanged");
        Assert.That(await _shifts.UpsertAsync(_rotationId, first with { Pro = "UPRO" }, Now.AddMinutes(2)), Is.True, "a pro added");
        await _shifts.CancelAsync(first.Key, Now.AddMinutes(3));
        Assert.That(await _shifts.ListAsync(_rotationId, Now, Now.AddDays(7)), Is.Empty);
        Assert.That((await _shifts.FindAsync(first.Key))!.Status, Is.EqualTo(ShiftStatus.Cancelled));
        Assert.That(await _shifts.UpsertAsync(_rotationId, first with { Pro = "UPRO" }, Now.AddMinutes(4)), Is.True, "planned again");

        var stored = await _shifts.ListAsync(_rotationId, Now, Now.AddDays(7));
        Assert.That(stored, Is.EqualTo(new[] { new Shift(first.Key, _rotationId, first.Start, first.End, stored[0].Assignees, "UPRO", ShiftStatus.Planned) }));
        Assert.That(stored[0].Assignees, Is.EqualTo(new[] { "U1", "U2" }));
        Assert.That((await _shifts.NextAfterAsync(_rotationId, Now))?.Key, Is.EqualTo(first.Key));
        Assert.That(await _shifts.NextAfterAsync(_rotationId, first.Start.AddMinutes(1)), Is.Null);
    }

    [Test]
    public async Task AWholeMonthForManyPeople_IsStoredInOneGo_InPlanOrder()
    {
        var members = RotationFixtures.Team(RotationFixtures.Dublin, 150);
        var plan = RotationFixtures.Plan(RotationFixtures.DriftStyle(RotationFixtures.Dublin), members, RotationFixtures.Month(2026, 4, RotationFixtures.Dublin));
        Assert.That(plan.Shifts, Has.Count.EqualTo(150), "one shift each");

        var clock = Stopwatch.StartNew();
        var stored = await _shifts.UpsertAllAsync(_rotationId, plan.Shifts, Now);
        TestContext.Out.WriteLine($"{provider}: {stored.Count} shifts stored in {clock.ElapsedMilliseconds} ms");
        var again = await _shifts.UpsertAllAsync(_rotationId, plan.Shifts, Now.AddMinutes(1));

        Assert.That(stored.Select(s => s.ToPlanned()), Is.EqualTo(plan.Shifts).Using<PlannedShift>(SameShift));
        Assert.That(again.Select(s => s.ToPlanned()), Is.EqualTo(plan.Shifts).Using<PlannedShift>(SameShift), "storing the same plan again changes nothing");
        Assert.That(await _shifts.ListAsync(_rotationId, RotationFixtures.Utc(2026, 3, 31, 0), RotationFixtures.Utc(2026, 5, 2, 0)), Has.Count.EqualTo(150));
        Assert.That(await _shifts.UpsertAllAsync(_rotationId, [], Now), Is.Empty);
    }

    private static bool SameShift(PlannedShift a, PlannedShift b) =>
        a.Key == b.Key && a.Start == b.Start && a.End == b.End && a.Pro == b.Pro && a.Assignees.SequenceEqual(b.Assignees);

    [Test]
    public async Task APersonsShifts_AreFoundByWholeIdInTheAssigneesOrAsPro()
    {
        await _shifts.UpsertAsync(_rotationId, Planned(Now.AddHours(1), null, "U1", "U10"), Now);
        await _shifts.UpsertAsync(_rotationId, Planned(Now.AddHours(3), "U1", "U2"), Now);
        await _shifts.UpsertAsync(_rotationId, Planned(Now.AddHours(5), null, "U100"), Now);
        await _shifts.UpsertAsync(_rotationId, Planned(Now.AddHours(7), null, "U2", "U1", "U3"), Now);

        var u1 = await _shifts.UpcomingForAsync("U1", Now);
        var u10 = await _shifts.UpcomingForAsync("U10", Now);
        var lowerCase = await _shifts.UpcomingForAsync("u10", Now);

        Assert.That(u1.Select(s => s.Start), Is.EqualTo(new[] { Now.AddHours(1), Now.AddHours(3), Now.AddHours(7) }));
        Assert.That(await _shifts.UpcomingForAsync("U1", Now, limit: 2), Has.Count.EqualTo(2));
        Assert.That(u10.Select(s => s.Start), Is.EqualTo(new[] { Now.AddHours(1) }));
        Assert.That(lowerCase.Select(s => s.Key), Is.EqualTo(u10.Select(s => s.Key)), "an assignee's id matches whatever its ASCII case, as SQLite's LIKE always did");
        Assert.That((await _shifts.CurrentForAsync("U2", Now.AddHours(3.5)))?.Start, Is.EqualTo(Now.AddHours(3)));
        Assert.That(await _shifts.CurrentForAsync("U2", Now.AddHours(4.5)), Is.Null);

        var overlapping = await _shifts.OverlappingForAsync("U1", Now.AddHours(1.5), Now.AddHours(3.5));
        var exceptOne = await _shifts.OverlappingForAsync("U1", Now.AddHours(1.5), Now.AddHours(3.5), PlannedShift.KeyFor("support", Now.AddHours(1)));
        Assert.That(overlapping.Select(s => s.Start), Is.EqualTo(new[] { Now.AddHours(1), Now.AddHours(3) }));
        Assert.That(exceptOne.Select(s => s.Start), Is.EqualTo(new[] { Now.AddHours(3) }));
    }

    [Test]
    public async Task OtherRotations_AreTheShiftsNotOfThisOne_ThatHaveNotEnded()
    {
        var other = await new RotationRepository(_db.Database).UpsertAsync(new RotationSettings { Name = "triage", SupportChannel = "C2" }, declared: false, Now);
        await _shifts.UpsertAsync(_rotationId, Planned(Now.AddHours(1), null, "U1"), Now);
        var triage = new PlannedShift(PlannedShift.KeyFor("triage", Now.AddHours(2)), Now.AddHours(2), Now.AddHours(3), ["U1"], null);
        var over = new PlannedShift(PlannedShift.KeyFor("triage", Now.AddHours(-2)), Now.AddHours(-2), Now.AddHours(-1), ["U1"], null);
        await _shifts.UpsertAsync(other, triage, Now);
        await _shifts.UpsertAsync(other, over, Now);

        Assert.That((await _shifts.OtherRotationsAsync(_rotationId, Now)).Select(s => s.Key), Is.EqualTo(new[] { triage.Key }));
    }

    [Test]
    public async Task Ledger_RecordsEachOutcomeOnce_AndHistoryCountsUnsettledShiftsAsServed()
    {
        var settled = Planned(Now.AddDays(-2), null, "U1");
        var unsettled = Planned(Now.AddDays(-1), "UPRO", "U2");
        await _shifts.UpsertAsync(_rotationId, settled, Now.AddDays(-3));
        await _shifts.UpsertAsync(_rotationId, unsettled, Now.AddDays(-3));

        await _shifts.RecordAsync(_rotationId, settled.Key, "U1", settled.Start, ShiftOutcome.Missed, Now);
        await _shifts.RecordAsync(_rotationId, settled.Key, "U1", settled.Start, ShiftOutcome.Missed, Now.AddMinutes(1));
        await _shifts.RecordAsync(_rotationId, unsettled.Key, "UPRO", unsettled.Start, ShiftOutcome.Skipped, Now);

        Assert.That(await _shifts.LedgerForShiftAsync(settled.Key), Is.EqualTo(new[] { ("U1", ShiftOutcome.Missed) }));
        var history = await _shifts.HistoryAsync(_rotationId, Now);
        Assert.That(history, Is.EquivalentTo(new[]
        {
            new LedgerEntry("U1", settled.Start, ShiftOutcome.Missed),
            new LedgerEntry("UPRO", unsettled.Start, ShiftOutcome.Skipped),
            new LedgerEntry("U2", unsettled.Start, ShiftOutcome.Served),
        }));
        Assert.That(await _shifts.HistoryAsync(_rotationId, settled.Start), Is.Empty);
    }

    [Test]
    public async Task Acknowledgements_AreRecordedOnce()
    {
        var shift = Planned(Now.AddHours(1), null, "U1", "U2");
        await _shifts.UpsertAsync(_rotationId, shift, Now);

        Assert.That(await _shifts.AckAsync(shift.Key, "U1", Now), Is.True);
        Assert.That(await _shifts.AckAsync(shift.Key, "U1", Now.AddMinutes(1)), Is.False);
        Assert.That(await _shifts.AckedAsync(shift.Key), Is.EquivalentTo(new[] { "U1" }));
    }

    [Test]
    public async Task HandoffNotes_InOrder_ErasedForOnePerson_OnlyWhenApplied()
    {
        var shift = Planned(Now.AddHours(1), null, "U1");
        await _shifts.UpsertAsync(_rotationId, shift, Now);
        await _shifts.AddHandoffNoteAsync(shift.Key, "U1", "Acme waits on a refund", Now);
        await _shifts.AddHandoffNoteAsync(shift.Key, "U2", "Globex is fine", Now.AddMinutes(1));
        await _shifts.AddHandoffNoteAsync(shift.Key, "U1", "and the login bug", Now.AddMinutes(2));
        var erasure = new HandoffNoteErasure(_db.Database);

        var dryRun = await erasure.EraseAsync(ErasureSubject.ForUser("U1"), apply: false, CancellationToken.None);
        Assert.That(dryRun, Is.EqualTo(new ErasureReport("Rotations", dryRun.Lines, 2)));
        Assert.That(dryRun.Lines, Is.EqualTo(new[] { "2 hand-off notes" }));
        Assert.That((await _shifts.HandoffNotesAsync(shift.Key)).Select(n => n.Note), Is.EqualTo(new[] { "Acme waits on a refund", "Globex is fine", "and the login bug" }));

        var applied = await erasure.EraseAsync(ErasureSubject.ForUser("U1"), apply: true, CancellationToken.None);
        Assert.That(applied.Total, Is.EqualTo(2));
        Assert.That(await _shifts.HandoffNotesAsync(shift.Key), Is.EqualTo(new[] { new HandoffNote("U2", "Globex is fine", Now.AddMinutes(1)) }));
        Assert.That((await erasure.EraseAsync(new ErasureSubject(null, "Acme"), apply: true, CancellationToken.None)).Total, Is.Zero);
    }

    [Test]
    public async Task Swap_Accepted_MovesTheShiftAndRecordsBothSides_Once()
    {
        var shift = Planned(Now.AddDays(1), "U1", "U2", "U3");
        await _shifts.UpsertAsync(_rotationId, shift, Now);
        var id = await _shifts.AddSwapRequestAsync(shift.Key, "U1", "U9", Now);
        var request = (await _shifts.FindSwapRequestAsync(id))!;

        Assert.That(request, Is.EqualTo(new SwapRequest(id, shift.Key, "U1", "U9", "pending")));
        Assert.That(await _shifts.AcceptSwapAsync(request, Now.AddMinutes(1)), Is.True);
        Assert.That(await _shifts.AcceptSwapAsync(request, Now.AddMinutes(2)), Is.False, "accepted already");
        Assert.That(await _shifts.DeclineSwapAsync(id, Now.AddMinutes(3)), Is.False, "decided already");

        var swapped = (await _shifts.FindAsync(shift.Key))!;
        Assert.That(swapped.Pro, Is.EqualTo("U9"));
        Assert.That(swapped.Assignees, Is.EqualTo(new[] { "U2", "U3" }));
        Assert.That((await _shifts.FindSwapRequestAsync(id))!.Status, Is.EqualTo("accepted"));
        Assert.That(await _shifts.LedgerForShiftAsync(shift.Key), Is.EqualTo(new[] { ("U1", ShiftOutcome.SwappedAway), ("U9", ShiftOutcome.SwappedIn) }));
    }

    [Test]
    public async Task Swap_OfAnAssignee_KeepsTheAssigneesInOrder_AndIsRefusedOnceTheShiftHasStarted()
    {
        var shift = Planned(Now.AddHours(2), null, "U2", "U5");
        await _shifts.UpsertAsync(_rotationId, shift, Now);
        var late = (await _shifts.FindSwapRequestAsync(await _shifts.AddSwapRequestAsync(shift.Key, "U5", "U6", Now)))!;
        var swap = (await _shifts.FindSwapRequestAsync(await _shifts.AddSwapRequestAsync(shift.Key, "U5", "U1", Now)))!;
        var declined = await _shifts.AddSwapRequestAsync(shift.Key, "U2", "U7", Now);

        Assert.That(await _shifts.AcceptSwapAsync(late, Now.AddHours(3)), Is.False, "the shift has started");
        Assert.That((await _shifts.FindSwapRequestAsync(late.Id))!.Status, Is.EqualTo("pending"), "a refused accept changes nothing");
        Assert.That(await _shifts.AcceptSwapAsync(swap, Now), Is.True);
        Assert.That((await _shifts.FindAsync(shift.Key))!.Assignees, Is.EqualTo(new[] { "U1", "U2" }));
        Assert.That(await _shifts.AcceptSwapAsync(late, Now), Is.False, "U5 no longer holds it");
        Assert.That(await _shifts.DeclineSwapAsync(declined, Now), Is.True);
        Assert.That((await _shifts.FindSwapRequestAsync(declined))!.Status, Is.EqualTo("declined"));
        Assert.That(await _shifts.FindSwapRequestAsync(declined + 100), Is.Null);
    }

    [Test]
    public async Task Swap_AcceptedWhileAnotherChangeToTheShiftCommits_ChangesNothing()
    {
        var shift = Planned(Now.AddDays(1), null, "U1", "U2");
        await _shifts.UpsertAsync(_rotationId, shift, Now);
        var request = (await _shifts.FindSwapRequestAsync(await _shifts.AddSwapRequestAsync(shift.Key, "U1", "U4", Now)))!;

        // Another swap of the same shift (U1 to U3) holds its write until this accept has read the shift as it was.
        Task<bool> accepting;
        using (var other = _db.Database.Open())
        using (var tx = other.BeginTransaction())
        {
            await other.ExecuteAsync("UPDATE rotation_shifts SET assignees = 'U2,U3' WHERE key = @key", new { key = shift.Key }, tx);
            accepting = Task.Run(() => _shifts.AcceptSwapAsync(request, Now));
            if (provider == StorageProvider.Postgres)
            {
                // An accept that ended (it cannot have succeeded: the shift's row is held) shows its outcome below.
                await Eventually.ThatAsync(async () => accepting.IsCompleted || await WaitsForALockAsync(), "the accept waits for the other change to the shift");
            }

            tx.Commit();
        }

        Assert.That(await accepting, Is.False);
        Assert.That((await _shifts.FindAsync(shift.Key))!.Assignees, Is.EqualTo(new[] { "U2", "U3" }), "the change that committed first stands");
        Assert.That(await _shifts.LedgerForShiftAsync(shift.Key), Is.Empty);
        Assert.That((await _shifts.FindSwapRequestAsync(request.Id))!.Status, Is.EqualTo("pending"), "left for the caller to decline");
    }

    // On a connection of its own each time: PostgreSQL keeps one snapshot of pg_stat_activity for a whole transaction.
    private async Task<bool> WaitsForALockAsync()
    {
        using var watcher = _db.Database.Open();
        return await watcher.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0;
    }

    [Test]
    public async Task MakeUps_OfferedOnce_BookedOnce_RepaidOnce()
    {
        var makeUps = new MakeUpRepository(_db.Database);
        await makeUps.OfferAsync("support:missed", "U1", _rotationId, Now);
        await makeUps.OfferAsync("support:missed", "U1", _rotationId, Now.AddMinutes(1));

        Assert.That(await makeUps.FindAsync("support:missed", "U1"), Is.EqualTo(new MakeUp("support:missed", "U1", _rotationId, null, null)));
        Assert.That(await makeUps.FindAsync("support:missed", "U2"), Is.Null);
        Assert.That(await makeUps.BookAsync("support:missed", "U1", "support:makeup", Now.AddHours(1)), Is.True);
        Assert.That(await makeUps.BookAsync("support:missed", "U1", "support:other", Now.AddHours(2)), Is.False, "booked already");
        await makeUps.RepaidAsync("support:makeup", Now.AddDays(1));
        await makeUps.RepaidAsync("support:makeup", Now.AddDays(2));

        Assert.That(await makeUps.ForMakeUpShiftAsync("support:makeup"), Is.EqualTo(new MakeUp("support:missed", "U1", _rotationId, "support:makeup", Now.AddDays(1))));
        Assert.That(await makeUps.ForMakeUpShiftAsync("support:other"), Is.Null);
    }

    [Test]
    public async Task Follows_SourcesOnce_MembersEnrolledRemovedAndBack_DepartedPeople()
    {
        var follows = new FollowRepository(_db.Database);
        var other = await new RotationRepository(_db.Database).UpsertAsync(new RotationSettings { Name = "triage", SupportChannel = "C2" }, declared: false, Now);
        var group = new FollowSource(FollowKind.UserGroup, "S1");
        var channel = new FollowSource(FollowKind.Channel, "C9");

        Assert.That(await follows.FollowAsync(_rotationId, group, "UADMIN", Now), Is.True);
        Assert.That(await follows.FollowAsync(_rotationId, group, "UADMIN", Now), Is.False, "followed already");
        Assert.That(await follows.FollowAsync(_rotationId, channel, "UADMIN", Now), Is.True);
        Assert.That(await follows.FollowAsync(other, group, "UADMIN", Now), Is.True);
        Assert.That(await follows.FollowsOfAsync(_rotationId), Is.EqualTo(new[] { channel, group }));
        Assert.That(await follows.RotationsFollowingAsync(group), Is.EqualTo(new[] { _rotationId, other }));
        Assert.That(await follows.RotationsWithFollowsAsync(), Is.EqualTo(new[] { _rotationId, other }));
        Assert.That(await follows.UnfollowAsync(other, group), Is.True);
        Assert.That(await follows.UnfollowAsync(other, group), Is.False);
        Assert.That(await follows.RotationsWithFollowsAsync(), Is.EqualTo(new[] { _rotationId }));

        await follows.EnrolledAsync(_rotationId, "U1", Now);
        await follows.EnrolledAsync(_rotationId, "U2", Now);
        await follows.RemovedAsync(_rotationId, "U1", Now.AddDays(1));
        Assert.That((await follows.FollowedMembersAsync(_rotationId)).Values, Is.EquivalentTo(new[] { new FollowedMember("U1", true), new FollowedMember("U2", false) }));
        await follows.EnrolledAsync(_rotationId, "U1", Now.AddDays(2));
        Assert.That((await follows.FollowedMembersAsync(_rotationId))["U1"].Removed, Is.False, "enrolled again");

        await follows.DepartedAsync("U2", Now);
        await follows.DepartedAsync("U2", Now.AddDays(1));
        Assert.That(await follows.DepartedPeopleAsync(), Is.EquivalentTo(new[] { "U2" }));
        Assert.That(await follows.ReturnedAsync("U2"), Is.True);
        Assert.That(await follows.ReturnedAsync("U2"), Is.False);
        Assert.That(await follows.DepartedPeopleAsync(), Is.Empty);
    }

    [Test]
    public async Task DigestCounts_AndCustomerContacts_ComeFromTheLedgerOfThePeriod()
    {
        var rotations = new RotationRepository(_db.Database);
        await rotations.JoinAsync(_rotationId, "U1", Now.AddDays(-30));
        await rotations.JoinAsync(_rotationId, "UQUIET", Now.AddDays(-30));
        var march = (From: new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        await _shifts.RecordAsync(_rotationId, "support:a", "U1", Now, ShiftOutcome.Served, Now);
        await _shifts.RecordAsync(_rotationId, "support:b", "U1", Now.AddDays(1), ShiftOutcome.Missed, Now);
        await _shifts.RecordAsync(_rotationId, "support:c", "U1", Now.AddDays(2), ShiftOutcome.SwappedAway, Now);
        await _shifts.RecordAsync(_rotationId, "support:c", "U2", Now.AddDays(2), ShiftOutcome.SwappedIn, Now);
        await _shifts.RecordAsync(_rotationId, "support:d", "U2", Now.AddDays(40), ShiftOutcome.Served, Now);

        var outcomes = new RotationDigestQueries(_db.Database).ShiftOutcomesIn(march.From, march.To);
        var contacts = await new CustomerContacts(_db.Database, new FeedbackPeopleQueries(_db.Database)).InAsync(march.From, march.To);

        Assert.That(outcomes, Is.EqualTo(new[] { new ShiftOutcomes("U1", 1, 1, 1), new ShiftOutcomes("U2", 0, 0, 0) }));
        Assert.That(contacts, Is.EqualTo(new[] { new CustomerContact("U1", 1, 0, 0), new CustomerContact("U2", 1, 0, 0), new CustomerContact("UQUIET", 0, 0, 0) }));
    }

    [Test]
    public async Task Cli_ShowsTheRotationsUpcomingShifts()
    {
        await _shifts.UpsertAsync(_rotationId, Planned(Now.AddDays(1), null, "U1", "U2"), Now);
        var output = new StringWriter();

        var code = await RotationCli.ShowAsync(_db.Database, "SUPPORT", output, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        var missing = await RotationCli.ShowAsync(_db.Database, "billing", new StringWriter(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

        Assert.That(code, Is.Zero);
        Assert.That(output.ToString(), Does.StartWith("support (channel C1, UTC)").And.Contain("U1, U2  [support:2026-03-03T09:00Z]"));
        Assert.That(missing, Is.EqualTo(1));
    }

    [Test]
    public async Task EverySetting_IsStoredAndReadBack()
    {
        var repository = new RotationRepository(_db.Database);
        var settings = RotationSettingsText.Apply(RotationSettingDescriptorTests.Base, RotationSettingDescriptorTests.NonDefault);

        await repository.UpsertAsync(settings, declared: false, DateTimeOffset.UnixEpoch);
        var stored = await repository.FindAsync("support");

        Assert.That(stored, Is.Not.Null);
        Assert.Multiple(() =>
        {
            foreach (var descriptor in RotationSettingDescriptors.All)
                Assert.That(descriptor.Format(stored!), Is.EqualTo(RotationSettingDescriptorTests.NonDefault[descriptor.Key]), descriptor.Key);
        });
    }

    [Test]
    public void EveryColumn_IsInTheRotationsTable()
    {
        using var connection = _db.Database.Open();

        var columns = connection.Query<string>(provider == StorageProvider.Postgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'rotations'"
            : "SELECT name FROM pragma_table_info('rotations')").ToList();

        Assert.That(RotationSettingDescriptors.All.Select(d => d.Column), Is.SubsetOf(columns));
    }
}
