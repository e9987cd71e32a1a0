using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

public sealed class SupportCommandTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(TempDirectory Dir, RotationTestHost Host, RotationSlackFake Slack, FakeTimeProvider Time)> StartAsync(params string[] members)
    {
        var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var slack = new RotationSlackFake();
        var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, slack, RotationTestHost.Config("support", "UTC", members));
        return (dir, host, slack, time);
    }

    [TestCase("next year sometime", "couldn't read")]
    [TestCase("2026-11-01 2026-11-03", "in the past")]
    [TestCase("2026-12-10 2026-12-01", "before the start")]
    [TestCase("9999-12-31 9999-12-31", "too far ahead")]
    [TestCase("2026-12-01 9999-12-31", "too far ahead")]
    [TestCase("2028-11-24", "too far ahead")]
    public async Task Away_BadDates_AreRefusedClearly_AndChangeNothing(string text, string answer)
    {
        var (dir, host, _, _) = await StartAsync("UANN");
        using (dir)
        using (host)
        {
            var reply = await host.SupportAsync("UANN", "away " + text);

            Assert.That(reply!.Text, Does.Contain(answer));
            Assert.That(reply.IsEphemeral, Is.True);
            Assert.That(await host.CountAsync("rotation_time_off"), Is.EqualTo(0));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Away_OnTheDayOfAShift_MovesIt_AndOnlyPeopleWhoseShiftsMovedAreTold()
    {
        var (dir, host, slack, time) = await StartAsync("UANN", "UBO", "UCY");
        using (dir)
        using (host)
        {
            await host.WaitForPlanAsync();
            var shiftsBefore = await AllShiftsAsync(host, time);
            var annShift = shiftsBefore.First(s => s.IsParticipant("UANN") && s.Start.UtcDateTime.Date > time.GetUtcNow().UtcDateTime.Date);
            var day = DateOnly.FromDateTime(annShift.Start.UtcDateTime);

            var reply = await host.SupportAsync("UANN", $"away {day:yyyy-MM-dd} {day:yyyy-MM-dd}");

            Assert.That(reply!.Text, Does.Contain("Away from").And.Contain("Your shifts moved"));
            var shiftsAfter = await AllShiftsAsync(host, time);
            Assert.That(shiftsAfter.Where(s => s.IsParticipant("UANN")).Select(s => DateOnly.FromDateTime(s.Start.UtcDateTime)), Has.None.EqualTo(day));
            var moved = PlanDiff.Compare(shiftsBefore.Select(s => s.ToPlanned()).ToList(), shiftsAfter.Select(s => s.ToPlanned()).ToList())
                .Select(m => m.UserId).ToHashSet();
            Assert.That(moved, Does.Contain("UANN"));
            await host.EffectsSentAsync();
            Assert.That(slack.DmRecipients, Is.EquivalentTo(moved), "exactly the people whose shifts moved get a DM");
            Assert.That(slack.DmsTo("UANN").Single().Text, Does.Contain("→"), "before and after");
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Edit_ByANonAdmin_IsRefused_AndTheRotationIsUnchanged()
    {
        var (dir, host, _, _) = await StartAsync();
        using (dir)
        using (host)
        {
            var before = RotationAdmin.Describe(await host.RotationAsync());

            var reply = await host.SupportAsync("UANN", "edit support shift=2h people=3");

            Assert.That(reply!.Text, Does.Contain("Only rotation admins"));
            Assert.That(RotationAdmin.Describe(await host.RotationAsync()), Is.EqualTo(before));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Edit_ByAnAdmin_WithOneBadSetting_ChangesNothing_ThenWithGoodOnes_Applies()
    {
        var (dir, host, _, _) = await StartAsync();
        using (dir)
        using (host)
        {
            var before = RotationAdmin.Describe(await host.RotationAsync());

            var refused = await host.SupportAsync(RotationTestHost.Admin, "edit support shift=2h hours=9-5");
            Assert.That(refused!.Text, Does.Contain("Nothing changed").And.Contain("09:00-17:00"));
            Assert.That(RotationAdmin.Describe(await host.RotationAsync()), Is.EqualTo(before));

            var applied = await host.SupportAsync(RotationTestHost.Admin, "edit support shift=2h people=2 reminders=2h,15m");
            var rotation = await host.RotationAsync();
            Assert.That(applied!.Text, Does.Contain("Updated"));
            Assert.That((rotation.ShiftLength, rotation.PeoplePerShift), Is.EqualTo((TimeSpan.FromHours(2), 2)));
            Assert.That(rotation.ReminderOffsets, Is.EqualTo(new[] { TimeSpan.FromHours(2), TimeSpan.FromMinutes(15) }));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Create_ByANonAdmin_IsRefused_ByAnAdmin_CreatesAndPlans()
    {
        var (dir, host, _, time) = await StartAsync();
        using (dir)
        using (host)
        {
            var refused = await host.SupportAsync("UANN", "create billing <#CBILL|billing> members=<@UANN>");
            Assert.That(refused!.Text, Does.Contain("Only rotation admins"));
            Assert.That(await host.Get<RotationRepository>().FindAsync("billing"), Is.Null);

            var created = await host.SupportAsync(RotationTestHost.Admin, "create billing <#CBILL|billing> cadence=2/month members=<@UANN>,<@UBO>");
            Assert.That(created!.Text, Does.Contain("Created *billing*"));
            var rotation = await host.Get<RotationRepository>().FindAsync("billing");
            Assert.That(rotation!.SupportChannel, Is.EqualTo("CBILL"));
            Assert.That(await host.Get<ShiftRepository>().UpcomingForAsync("UBO", time.GetUtcNow()), Is.Not.Empty);
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Swap_ShiftNotYours_OrUnknownColleague_IsRefusedInline_WithNoRequest()
    {
        var (dir, host, slack, time) = await StartAsync();
        using (dir)
        using (host)
        {
            var shift = await host.AddShiftAsync(Monday.AddDays(2).AddHours(5), TimeSpan.FromHours(1), "UANN");
            var submission = new SwapSubmission(host.Get<ShiftSwaps>());

            var notYours = await submission.HandleAsync(SwapForm("UBO", shift.Key, "UCY"), CancellationToken.None);
            var unknown = await submission.HandleAsync(SwapForm("UANN", shift.Key, "BNOBODY"), CancellationToken.None);
            var self = await submission.HandleAsync(SwapForm("UANN", shift.Key, "UANN"), CancellationToken.None);

            Assert.That(notYours!.Errors![ShiftSwaps.ShiftBlock], Does.Contain("not yours"));
            Assert.That(unknown!.Errors![ShiftSwaps.ColleagueBlock], Does.Contain("can't find"));
            Assert.That(self!.Errors![ShiftSwaps.ColleagueBlock], Does.Contain("other than yourself"));
            Assert.That(await host.CountAsync("rotation_swap_requests"), Is.EqualTo(0));
            Assert.That((await host.Get<ShiftRepository>().FindAsync(shift.Key))!.Assignees, Is.EqualTo(new[] { "UANN" }));
            Assert.That(slack.Posts, Is.Empty);
            _ = time;
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Swap_Declined_BothAreTold_AndTheShiftStays()
    {
        var (dir, host, slack, _) = await StartAsync();
        using (dir)
        using (host)
        {
            var shift = await host.AddShiftAsync(Monday.AddDays(2).AddHours(5), TimeSpan.FromHours(1), "UANN");
            Assert.That(await new SwapSubmission(host.Get<ShiftSwaps>()).HandleAsync(SwapForm("UANN", shift.Key, "UBO"), CancellationToken.None), Is.Null);

            var answer = await host.Get<ShiftSwaps>().DecideAsync("UBO", "1", accept: false, CancellationToken.None);

            Assert.That(answer, Does.Contain("declined"));
            await Eventually.ThatAsync(() => slack.DmsTo("UANN").Any(m => m.Text.Contains("declined", StringComparison.Ordinal)), "the requester is told");
            Assert.That((await host.Get<ShiftRepository>().FindAsync(shift.Key))!.Assignees, Is.EqualTo(new[] { "UANN" }));
            Assert.That(await host.Get<ShiftSwaps>().DecideAsync("UCY", "1", accept: true, CancellationToken.None), Does.Contain("not addressed to you"));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Swap_Command_OpensAModalListingYourUpcomingShifts()
    {
        var (dir, host, slack, _) = await StartAsync();
        using (dir)
        using (host)
        {
            var none = await host.SupportAsync("UANN", "swap");
            Assert.That(none!.Text, Does.Contain("no upcoming shifts"));

            var shift = await host.AddShiftAsync(Monday.AddDays(2).AddHours(5), TimeSpan.FromHours(1), "UANN");
            var reply = await host.SupportAsync("UANN", "swap");

            Assert.That(reply, Is.Null);
            var (trigger, view) = slack.OpenedViews.Single();
            Assert.That((trigger, view.CallbackId), Is.EqualTo(("T-UANN", ShiftSwaps.ModalCallbackId)));
            Assert.That(SlackFeedbackBot.Slack.SlackJson.Serialize(view), Does.Contain(shift.Key).And.Contain("users_select"));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Support_NowScheduleAckHandoffHelp_Answer()
    {
        var (dir, host, _, time) = await StartAsync();
        using (dir)
        using (host)
        {
            var current = await host.AddShiftAsync(Monday.AddMinutes(-30), TimeSpan.FromHours(1), "UANN");
            await host.AddShiftAsync(Monday.AddDays(1), TimeSpan.FromHours(1), "UBO");

            var now = await host.SupportAsync("UCY", "");
            Assert.That(now!.Text, Does.Contain("<@UANN> until 09:30").And.Contain("Next: <@UBO>"));
            Assert.That((await host.SupportAsync("UBO", "schedule me"))!.Text, Does.Contain("Tue 24 Nov 09:00"));
            Assert.That((await host.SupportAsync("UANN", "ack"))!.Text, Does.Contain("you're on it"));
            Assert.That(await host.Get<ShiftRepository>().AckedAsync(current.Key), Does.Contain("UANN"));
            Assert.That((await host.SupportAsync("UANN", "handoff customer X waits for a refund"))!.Text, Does.Contain("saved"));
            Assert.That((await host.Get<ShiftRepository>().HandoffNotesAsync(current.Key)).Single().Note, Is.EqualTo("customer X waits for a refund"));
            Assert.That((await host.SupportAsync("UCY", "handoff nothing"))!.Text, Does.Contain("not on a support shift"));
            Assert.That((await host.SupportAsync("UCY", "frobnicate"))!.Text, Does.Contain("I don't know `/support frobnicate`").And.Contain("/support away"));
            _ = time;
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Support_TextNoSubcommandTakes_GetsTheClosestOneWithItsUsage_AndTheTypedTextBack()
    {
        var (dir, host, slack, _) = await StartAsync("UANN");
        using (dir)
        using (host)
        {
            var typo = await host.SupportAsync("UANN", "swpa <@UBO|bo> tomorrow");
            var extra = await host.SupportAsync("UANN", "SWAP with <@UBO|bo> on friday");
            var schedule = await host.SupportAsync("UANN", "schedule for next week please");
            var unknown = await host.SupportAsync("UANN", "frobnicate");

            Assert.That(typo!.IsEphemeral, Is.True);
            Assert.That(typo.Text, Does.Contain("I don't know `/support swpa`. Did you mean `swap`?\n`/support swap`: ask a colleague"));
            Assert.That(typo.Text, Does.EndWith("```/support swpa @bo tomorrow```"));
            Assert.That(extra!.Text, Does.StartWith("`/support swap` doesn't take that. It works like this:\n`/support swap`:"));
            Assert.That(extra.Text, Does.EndWith("```/support SWAP with @bo on friday```"));
            Assert.That(schedule!.Text, Does.Contain("`/support schedule [me] [rotation]`").And.EndWith("```/support schedule for next week please```"));
            Assert.That(unknown!.Text, Does.Contain("I don't know `/support frobnicate`. Commands:").And.Contain("/support away"));
            Assert.That(slack.OpenedViews, Is.Empty, "no swap form opened for text the swap subcommand does not take");
            Assert.That((await host.SupportAsync("UANN", "Help"))!.Text, Does.StartWith("Everyone does support."));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Support_WordsPeopleUseForASubcommand_NameItWithItsUsage_NotTheWholeHelp()
    {
        var (dir, host, _, _) = await StartAsync("UANN");
        using (dir)
        using (host)
        {
            var done = await host.SupportAsync("UANN", "done");
            var vacation = await host.SupportAsync("UANN", "vacation next week");

            Assert.That(done!.Text, Does.Contain("I don't know `/support done`. Did you mean `handoff`?\n`/support handoff <note>`"));
            Assert.That(done.Text, Does.Not.Contain("/support create"), "one usage line, not the whole help");
            Assert.That(done.Text, Does.EndWith("```/support done```"));
            Assert.That(vacation!.Text, Does.Contain("Did you mean `away`?"));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Support_Next_AnswersWhoIsNext()
    {
        var (dir, host, _, _) = await StartAsync();
        using (dir)
        using (host)
        {
            await host.AddShiftAsync(Monday.AddDays(1), TimeSpan.FromHours(1), "UBO");

            var next = await host.SupportAsync("UCY", "next");

            Assert.That(next!.Text, Does.Contain("Next: <@UBO>"));
            Assert.That(next.Text, Does.Not.Contain("Everyone does support"));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Support_ARefusedRequest_GivesTheTypedTextBack()
    {
        var (dir, host, _, _) = await StartAsync("UANN");
        using (dir)
        using (host)
        {
            var away = await host.SupportAsync("UANN", "away someday <@UBO|bo>");
            var create = await host.SupportAsync("UCY", "create triage #support shift=1h");

            Assert.That(away!.Text, Does.Contain("couldn't read").And.EndWith("```/support away someday @bo```"));
            Assert.That(create!.Text, Does.Contain("Only rotation admins").And.EndWith("```/support create triage #support shift=1h```"));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task JoinAndLeave_UpdateMembership_LeavingHandsShiftsToOthers_WhoAreTold()
    {
        var (dir, host, slack, time) = await StartAsync("UANN", "UBO");
        using (dir)
        using (host)
        {
            await host.WaitForPlanAsync();
            Assert.That((await host.SupportAsync("UCY", "join"))!.Text, Does.Contain("Welcome to *support*"));
            Assert.That((await host.SupportAsync("UCY", "join"))!.Text, Does.Contain("already on"));
            var now = time.GetUtcNow();
            // A shift outside the plan (the re-plan never fills it): it is given to whoever can take it.
            var extra = await host.AddShiftAsync(Monday.AddDays(3).AddHours(7), TimeSpan.FromHours(1), "UANN");
            var annsShifts = (await AllShiftsAsync(host, time)).Where(s => s.Start > now && s.IsParticipant("UANN")).ToList();

            var left = await host.SupportAsync("UANN", "leave support");

            Assert.That(left!.Text, Does.StartWith($"You've left *support*. Of your {annsShifts.Count} upcoming shift(s):"));
            Assert.That(left.Text, Does.Contain($"• {annsShifts.Count} went to").And.Contain("who have been told").And.Not.Contain("uncovered"));
            Assert.That(left.Text.Split('\n'), Has.Length.LessThanOrEqualTo(6), "a summary, not a line per shift");
            Assert.That((await host.Get<ShiftRepository>().UpcomingForAsync("UANN", now)).Where(s => s.Start > now), Is.Empty);
            var holders = new List<(Shift Shift, string Holder)>();
            foreach (var old in annsShifts)
            {
                var stored = await host.Get<ShiftRepository>().FindAsync(old.Key);
                Assert.That(stored!.Status, Is.EqualTo(ShiftStatus.Planned), $"{old.Key} still happens");
                Assert.That(stored.Participants, Has.Some.AnyOf("UBO", "UCY").And.None.EqualTo("UANN"));
                holders.AddRange(stored.Participants.Select(p => (stored, p)));
            }

            await host.EffectsSentAsync();
            foreach (var (shift, holder) in holders)
            {
                // The re-plan tells whom it moved; a shift it left empty is given to someone, who is told that.
                Assert.That(slack.DmsTo(holder).Select(m => m.Text), Has.Some.Contains(ShiftText.When(shift, TimeZoneInfo.Utc)), $"{holder} is told about {shift.Key}");
            }

            var taker = (await host.Get<ShiftRepository>().FindAsync(extra.Key))!.Assignees.Single();
            Assert.That(slack.DmsTo(taker).Select(m => m.Text), Has.Some.Contains($"<@UANN> left *support*, so you now have their *support* shift: {ShiftText.When(extra, TimeZoneInfo.Utc)}"));
            Assert.That(slack.DmsTo("UANN"), Has.Count.EqualTo(1), "one summary DM for the leaver");
            Assert.That(slack.DmsTo("UANN").Single().Text, Is.EqualTo(left.Text));
            Assert.That((await host.Get<RotationRepository>().MembersAsync((await host.RotationAsync()).Id, includeFormer: false)).Select(m => m.UserId),
                Is.EquivalentTo(new[] { "UBO", "UCY" }));
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Leave_WhenNobodyCanTakeTheShifts_SaysTheyAreUncovered_AndTellsTheOwners()
    {
        var (dir, host, slack, time) = await StartAsync("UANN");
        using (dir)
        using (host)
        {
            await host.WaitForPlanAsync();
            var now = time.GetUtcNow();
            var count = (await AllShiftsAsync(host, time)).Count(s => s.Start > now && s.IsParticipant("UANN"));
            Assert.That(count, Is.GreaterThan(0));

            var left = await host.SupportAsync("UANN", "leave");

            Assert.That(left!.Text, Does.Contain($"• {count} could not be given to anyone and").And.Contain("*uncovered* (<@ULEAD> has been told)"));
            Assert.That(left.Text, Does.Not.Contain("went to"));
            await host.EffectsSentAsync();
            Assert.That(slack.DmsTo(RotationTestHost.Lead), Has.Count.EqualTo(count));
            Assert.That(slack.DmsTo(RotationTestHost.Lead)[0].Text, Does.Contain("<@UANN> left *support* and nobody on it can take their shift").And.Contain("*uncovered*"));
            await host.StopAsync();
        }
    }

    [TestCase("U02ANN")]
    [TestCase("ana")]
    public async Task IcsForSomeoneWhoIsNoMember_ExitsWith2_NamingThemAndTheMembers(string member)
    {
        var (dir, host, _, time) = await StartAsync("UANN", "UBO");
        using (dir)
        using (host)
        {
            await host.WaitForPlanAsync();
            var output = new StringWriter();
            var error = new StringWriter();

            var code = await RotationCli.IcsAsync(host.Get<SlackFeedbackBot.Storage.Database>(), "support", member, output, time, error);
            var known = await RotationCli.IcsAsync(host.Get<SlackFeedbackBot.Storage.Database>(), "support", "uann", new StringWriter(), time, new StringWriter());

            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain($"There is no member '{member}' on rotation 'support'").And.Contain("UANN, UBO"));
            Assert.That(output.ToString(), Is.Empty, "no empty calendar that looks like \"no shifts\"");
            Assert.That(known, Is.Zero, "a member's id in any case is found");
            await host.StopAsync();
        }
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

    private static async Task<IReadOnlyList<Shift>> AllShiftsAsync(RotationTestHost host, FakeTimeProvider time) =>
        await host.Get<ShiftRepository>().ListAsync((await host.RotationAsync()).Id, time.GetUtcNow(), time.GetUtcNow().AddDays(400));
}
