using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>People on several rotations: never two shifts at once, and swaps that would give them two are refused.</summary>
public sealed class CrossRotationTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> TwoRotations(params string[] members)
    {
        var config = RotationTestHost.Config("support", "UTC", members);
        config["Rotations:Rotations:1:Name"] = "triage";
        config["Rotations:Rotations:1:SupportChannel"] = "CTRIAGE";
        config["Rotations:Rotations:1:Owners:0"] = RotationTestHost.Lead;
        config["Rotations:Rotations:1:TimeZone"] = "UTC";
        config["Rotations:Rotations:1:Cadence"] = "2/month";
        for (var i = 0; i < members.Length; i++)
        {
            config[$"Rotations:Rotations:1:Members:{i}:UserId"] = members[i];
        }

        return config;
    }

    [Test]
    public async Task Planning_TwoRotationsWithTheSamePeople_NobodyHasTwoShiftsAtOnce()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, TwoRotations("UANN", "UBO", "UCY"));
        await host.WaitForPlanAsync("support");
        await host.WaitForPlanAsync("triage");

        var shifts = host.Get<ShiftRepository>();
        var all = new List<Shift>();
        foreach (var name in new[] { "support", "triage" })
        {
            all.AddRange(await shifts.ListAsync((await host.RotationAsync(name)).Id, Monday, Monday.AddDays(120)));
        }

        Assert.That(all.Select(s => s.RotationId).Distinct().Count(), Is.EqualTo(2), "both rotations have shifts");
        Assert.Multiple(() =>
        {
            foreach (var user in new[] { "UANN", "UBO", "UCY" })
            {
                var own = all.Where(s => s.IsParticipant(user)).OrderBy(s => s.Start).ToList();
                for (var i = 1; i < own.Count; i++)
                    Assert.That(own[i].Start, Is.GreaterThanOrEqualTo(own[i - 1].End), $"{user}: {own[i - 1].Key} and {own[i].Key} overlap");
            }
        });
        await host.StopAsync();
    }

    [Test]
    public async Task Swap_ToSomeoneOnAnotherShiftThen_IsRefusedWithTheReason()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, TwoRotations());
        var start = Monday.AddDays(2).AddHours(5);
        var shift = await host.AddShiftAsync(start, TimeSpan.FromHours(1), "UANN");
        await AddTriageShiftAsync(host, start.AddMinutes(30), "UBO");

        var errors = await new SwapSubmission(host.Get<ShiftSwaps>()).HandleAsync(SwapForm("UANN", shift.Key, "UBO"), CancellationToken.None);

        Assert.That(errors!.Errors![ShiftSwaps.ColleagueBlock], Does.Contain("already have a shift then").And.Contain("triage"));
        Assert.That(await host.CountAsync("rotation_swap_requests"), Is.EqualTo(0));
        await host.StopAsync();
    }

    [Test]
    public async Task Swap_AcceptedAfterTakingAnotherShiftThen_IsRefusedAndTheShiftStays()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, TwoRotations());
        var start = Monday.AddDays(2).AddHours(5);
        var shift = await host.AddShiftAsync(start, TimeSpan.FromHours(1), "UANN");
        Assert.That(await host.Get<ShiftSwaps>().RequestAsync("UANN", shift.Key, "UBO", CancellationToken.None), Is.Null);
        await AddTriageShiftAsync(host, start, "UBO");

        var answer = await host.Get<ShiftSwaps>().DecideAsync("UBO", "1", accept: true, CancellationToken.None);

        Assert.That(answer, Does.Contain("overlaps").And.Contain("triage"));
        Assert.That((await host.Get<ShiftRepository>().FindAsync(shift.Key))!.Assignees, Is.EqualTo(new[] { "UANN" }));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Any(m => m.Text.Contains("can't take your shift", StringComparison.Ordinal)), "the requester is told");
        await host.StopAsync();
    }

    [Test]
    public async Task Swap_OutsideTheColleaguesHours_TheyAreWarnedInTheirOwnZoneBeforeAccepting()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        slack.TimeZones["UBO"] = "America/Los_Angeles";
        using var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, TwoRotations());
        var shift = await host.AddShiftAsync(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), "UANN");

        var warning = await new SwapSubmission(host.Get<ShiftSwaps>()).HandleAsync(SwapForm("UANN", shift.Key, "UBO"), CancellationToken.None);

        Assert.That(warning!.ResponseAction, Is.EqualTo("update"), "the form warns before anyone is asked");
        var warned = string.Join(" ", warning.View!.Blocks.OfType<SectionBlock>().Select(b => b.Text));
        Assert.That(warned, Does.Contain("06:00–07:00 (America/Los_Angeles)").And.Contain("outside working hours"));
        Assert.That(await host.CountAsync("rotation_swap_requests"), Is.EqualTo(0));

        var asked = await new SwapConfirmSubmission(host.Get<ShiftSwaps>()).HandleAsync(
            new ViewSubmissionPayload { User = new IdName { Id = "UANN" }, View = new ViewPayload { CallbackId = ShiftSwaps.ConfirmCallbackId, PrivateMetadata = warning.View.PrivateMetadata } },
            CancellationToken.None);

        Assert.That(asked, Is.Null, "Ask anyway sends the request and closes the form");
        await Eventually.ThatAsync(() => slack.DmsTo("UBO").Count == 1, "the colleague is asked");
        var ask = slack.DmsTo("UBO").Single().Text;
        Assert.That(ask, Does.Contain("Wed 25 Nov 06:00–07:00 (America/Los_Angeles)").And.Contain("outside working hours of 09:00-17:00"));
        await Eventually.ThatAsync(() => slack.DmsTo("UANN").Any(m => m.Text.Contains("Heads up", StringComparison.Ordinal)), "the requester is warned too");
        await host.StopAsync();
    }

    [Test]
    public async Task Swap_InsideTheColleaguesHours_HasNoWarning()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        using var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, TwoRotations());
        var shift = await host.AddShiftAsync(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), "UANN");

        Assert.That(await new SwapSubmission(host.Get<ShiftSwaps>()).HandleAsync(SwapForm("UANN", shift.Key, "UBO"), CancellationToken.None), Is.Null, "no warning: the form closes");

        await Eventually.ThatAsync(() => slack.DmsTo("UBO").Count == 1, "the colleague is asked");
        Assert.That(slack.DmsTo("UBO").Single().Text, Does.Not.Contain("outside"));
        await host.StopAsync();
    }

    private static async Task AddTriageShiftAsync(RotationTestHost host, DateTimeOffset start, string user)
    {
        var triage = await host.RotationAsync("triage");
        var planned = new PlannedShift(PlannedShift.KeyFor(triage.Name, start), start, start.AddHours(1), [user], null);
        await host.Get<ShiftRepository>().UpsertAsync(triage.Id, planned, host.Get<TimeProvider>().GetUtcNow());
    }

    private static ViewSubmissionPayload SwapForm(string user, string shiftKey, string colleague) => new()
    {
        User = new IdName { Id = user },
        View = new ViewPayload
        {
            CallbackId = ShiftSwaps.ModalCallbackId,
            State = new ViewState
            {
                Values = new()
                {
                    [ShiftSwaps.ShiftBlock] = new() { [ShiftSwaps.ShiftAction] = new ViewStateValue { SelectedOption = new SelectedOption { Value = shiftKey } } },
                    [ShiftSwaps.ColleagueBlock] = new() { [ShiftSwaps.ColleagueAction] = new ViewStateValue { SelectedUser = colleague } },
                },
            },
        },
    };
}
