using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>/feedback and its subcommands, through the real dispatcher.</summary>
public sealed class FeedbackCommandTests
{
    private FeedbackHarness _h = null!;

    [SetUp]
    // U3, U7 and U9 move and resolve other people's items in these tests: they are feedback admins.
    public void SetUp() => _h = new FeedbackHarness(new Dictionary<string, string?> { ["Feedback:Admins:0"] = "U3", ["Feedback:Admins:1"] = "U7", ["Feedback:Admins:2"] = "U9" });

    [TearDown]
    public void TearDown() => _h.Dispose();

    private static string All(FeedbackHarness.CommandReply? reply) => reply?.Json ?? "";

    [Test]
    public async Task Capture_WithInlineFields_StoresThemAndRepliesWithNumberBucketRuleAndButtons()
    {
        var reply = await _h.CommandAsync("customer:\"Big Co\" source:Sales importance:high How do I connect Trello?");

        var item = _h.Repository.Get(1)!;
        Assert.That(item.Text, Is.EqualTo("How do I connect Trello?"));
        Assert.That(item.Customer, Is.EqualTo("Big Co"));
        Assert.That(item.Source, Is.EqualTo("sales"));
        Assert.That(item.Importance, Is.EqualTo("high"));
        Assert.That(item.ReporterId, Is.EqualTo("U1"));
        Assert.That(reply!.IsEphemeral, Is.True);
        Assert.That(All(reply), Does.Contain("#1").And.Contain("User experience").And.Contain("Rule that matched: `user_experience: \\\"how do i\\\"`"));
        Assert.That(All(reply), Does.Contain(FeedbackReplies.SetBucketAction).And.Contain(FeedbackReplies.AddDetailsAction));
    }

    [Test]
    public async Task Capture_CurlyQuotesAndFieldsAfterTheText_AreUnderstood()
    {
        await _h.CommandAsync("Can I pay yearly? customer:“Wayne Enterprises” source:success");

        var item = _h.Repository.Get(1)!;
        Assert.That(item.Text, Is.EqualTo("Can I pay yearly?"));
        Assert.That(item.Customer, Is.EqualTo("Wayne Enterprises"));
        Assert.That(item.Bucket, Is.EqualTo(SpotlightBuckets.ProductMarketing));
    }

    [Test]
    public async Task Capture_BadInput_GetsAClearAnswerAndNothingIsStored()
    {
        var unknownSource = await _h.CommandAsync("source:twitter How do I log in?");
        var badImportance = await _h.CommandAsync("importance:urgent How do I log in?");
        var unclosed = await _h.CommandAsync("customer:\"Big Co How do I log in?");
        var onlyFields = await _h.CommandAsync("customer:Acme");

        Assert.That(unknownSource!.Text, Does.Contain("`twitter` is not a source").And.Contain("support"));
        Assert.That(badImportance!.Text, Does.Contain("`urgent` is not an importance").And.Contain("high"));
        Assert.That(unclosed!.Text, Does.Contain("not closed").And.Contain("customer:\"Big Co How do I log in?"));
        Assert.That(onlyFields!.Text, Does.Contain("no feedback text"));
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task Capture_40kBOfText_IsRefusedWithItsLengthAndReturnedAsAFile()
    {
        var huge = "How do I " + new string('x', 40_000);

        var reply = await _h.CommandAsync(huge);

        Assert.That(reply!.Text, Does.Contain("40,009 characters").And.Contain("limit is 10,000").And.Contain("Nothing was saved"));
        Assert.That(reply.Text.Length, Is.LessThan(4000), "the reply stays inside Slack's message limit");
        var upload = _h.Api.Uploads.Single();
        Assert.That(upload.ChannelId, Is.EqualTo("DU1"));
        Assert.That(System.Text.Encoding.UTF8.GetString(upload.Content), Is.EqualTo(huge));
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task NoText_OpensTheModal()
    {
        var reply = await _h.CommandAsync("");

        Assert.That(reply, Is.Null);
        var (trigger, view) = _h.Api.OpenedViews.Single();
        Assert.That(trigger, Does.StartWith("1.2."), "the command's own trigger_id");
        Assert.That(view.CallbackId, Is.EqualTo(FeedbackModals.NewCallback));
        Assert.That(view.Blocks.Select(b => b.BlockId), Does.Contain(FeedbackModals.TextBlock).And.Contain(FeedbackModals.CustomerBlock).And.Contain(FeedbackModals.SourceBlock));
    }

    [Test]
    public async Task Help_AndUnknownSubcommand_AnswerWithTheSyntax()
    {
        var help = await _h.CommandAsync("help");
        var unknown = await _h.CommandAsync("lsit");

        foreach (var usage in new[] { "/feedback list", "/feedback show", "/feedback search", "/feedback reclassify", "/feedback resolve", "/feedback same", "customer:", ":bulb:" })
        {
            Assert.That(help!.Text, Does.Contain(usage));
        }

        Assert.That(help!.Text, Does.Contain("in a channel I'm in").And.Contain("/invite @feedback-bot"), "Slack sends no reactions from other channels, so the help says it");
        Assert.That(unknown!.Text, Does.Contain("I don't know `/feedback lsit`").And.Contain("/feedback list"));
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task List_ByBucketAndDays_AndUnknownBucket()
    {
        await _h.CommandAsync("How do I add a user?");
        await _h.CommandAsync("Can I pay yearly?");

        var ux = await _h.CommandAsync("list user experience");
        var recent = await _h.CommandAsync("list 7");
        var unknown = await _h.CommandAsync("list pricing");

        Assert.That(All(ux), Does.Contain("How do I add a user?").And.Not.Contain("Can I pay yearly?"));
        Assert.That(All(recent), Does.Contain("How do I add a user?").And.Contain("Can I pay yearly?"));
        Assert.That(unknown!.Text, Does.Contain("no bucket called `pricing`").And.Contain("product_marketing"));
    }

    [Test]
    public async Task Show_ListsReportsAndHistory_UnknownNumberIsExplained()
    {
        await _h.CommandAsync("customer:Acme How do I add a user?");
        await _h.CommandAsync("same 1 Globex cannot find it either customer:Globex", user: "U2");
        await _h.CommandAsync("reclassify 1 positioning", user: "U3");

        var shown = All(await _h.CommandAsync("show #1"));
        var missing = await _h.CommandAsync("show 99");
        var garbage = await _h.CommandAsync("show abc");

        Assert.That(shown, Does.Contain("2 reports").And.Contain("Globex cannot find it either").And.Contain("<@U2>").And.Contain("<@U3> moved it"));
        Assert.That(missing!.Text, Does.Contain("no feedback #99"));
        Assert.That(garbage!.Text, Does.Contain("Write its number"));
    }

    [Test]
    public async Task Search_FindsAndSurvivesFtsSyntax()
    {
        await _h.CommandAsync("How do I export to CSV?");

        var hit = await _h.CommandAsync("search csv");
        var quote = await _h.CommandAsync("search \"foo");
        var empty = await _h.CommandAsync("search ***");

        Assert.That(All(hit), Does.Contain("How do I export to CSV?"));
        Assert.That(quote!.Text, Does.Contain("nothing found"));
        Assert.That(empty!.Text, Does.Contain("What should I look for?"));
    }

    [Test]
    public async Task Capture_ShowsTheRuleAsThePhraseItMatched_NotThePattern()
    {
        var reply = await _h.CommandAsync("We are not your typical customer, we are a team of two");

        var shown = (string?)System.Text.Json.Nodes.JsonNode.Parse(reply!.Json)!["blocks"]![0]!["text"]!["text"];
        Assert.That(shown, Does.Contain("Rule that matched: `positioning: \"not your typical customer\"`"));
        Assert.That(shown, Does.Not.Contain("|"));
        Assert.That(All(await _h.CommandAsync("show 1")), Does.Contain("not your typical customer").And.Not.Contain("(target|"));
    }

    [Test]
    public async Task Search_MatchesWordForms_BestMatchFirst_ThenNewest()
    {
        await _h.CommandAsync("How do I export to CSV?");
        await _h.CommandAsync("The exported file has no headers");
        await _h.CommandAsync("Exports, exports, exports: we need exports to Excel");
        await _h.CommandAsync("Can you integrate with Trello?");

        var reply = All(await _h.CommandAsync("search exporting"));

        Assert.That(reply, Does.Contain("How do I export to CSV?").And.Contain("The exported file has no headers").And.Contain("we need exports"),
            "\"exporting\" finds export, exported and exports");
        Assert.That(reply, Does.Not.Contain("Trello"));
        Assert.That(reply.IndexOf("we need exports", StringComparison.Ordinal), Is.LessThan(reply.IndexOf("How do I export", StringComparison.Ordinal)),
            "the item that says it most comes first");
    }

    [Test]
    public async Task List_SaysHowManyItShowsOfHowMany_NewestFirst_WithStatusAndReports()
    {
        for (var i = 1; i <= 17; i++)
        {
            await _h.CommandAsync($"How do I export report number {i}?");
        }

        await _h.CommandAsync("same 17 Their admin asks too", user: "U2");
        await _h.CommandAsync("resolve 16 Exports are in the menu now", user: "U1");

        var reply = All(await _h.CommandAsync("list status:all"));
        var unresolved = All(await _h.CommandAsync("list"));

        Assert.That(unresolved, Does.Contain("not resolved, newest first (showing 15 of 16)").And.Not.Contain("*#16*"), "resolved items are left out unless asked for");
        Assert.That(reply, Does.Contain("newest first (showing 15 of 17)"));
        Assert.That(reply.IndexOf("*#17*", StringComparison.Ordinal), Is.LessThan(reply.IndexOf("*#16*", StringComparison.Ordinal)));
        Assert.That(reply, Does.Not.Contain("*#2*").And.Not.Contain("*#1*"), "the two oldest are left out");
        Assert.That(reply, Does.Match(@"\*#17\*[^\n]*· open · 2 reports"));
        Assert.That(reply, Does.Match(@"\*#16\*[^\n]*· resolved · 1 report\b"));
    }

    [TestCase("a\0b")]
    [TestCase("csv\0")]
    [TestCase("\0\u0001\u001f")]
    [TestCase("export\u0007 csv")]
    public async Task Search_WithControlCharacters_AnswersInsteadOfFailing(string words)
    {
        await _h.CommandAsync("How do I export to CSV?");

        var reply = await _h.CommandAsync("search " + words);

        Assert.That(reply, Is.Not.Null, "the search answers in the ack");
        Assert.That(reply!.Text, Does.Not.Contain("failed on our side"));
        Assert.That(FeedbackSearchQuery.ToFts(words) ?? "", Has.None.Matches<char>(char.IsControl));
    }

    [Test]
    public async Task Reclassify_ChangesTheBucket_UnknownBucketListsValidOnes()
    {
        await _h.CommandAsync("How do I add a user?");

        var ok = await _h.CommandAsync("reclassify 1 product_marketing", user: "U7");
        var bad = await _h.CommandAsync("reclassify 1 nonsense");
        var noItem = await _h.CommandAsync("reclassify 5 positioning");
        var noArgs = await _h.CommandAsync("reclassify");

        Assert.That(ok!.Text, Does.Contain("Product marketing"));
        Assert.That(_h.Repository.BucketChanges(1).Single().ChangedBy, Is.EqualTo("U7"));
        Assert.That(bad!.Text, Does.Contain("no bucket called `nonsense`").And.Contain("`positioning`"));
        Assert.That(noItem!.Text, Does.Contain("no feedback #5"));
        Assert.That(noArgs!.Text, Does.Contain("item number and the bucket"));
    }

    [Test]
    public async Task Same_AddsAReporterWithTheirWordsAndCustomer()
    {
        await _h.CommandAsync("How do I add a user?");

        var reply = await _h.CommandAsync("same 1 Their admin can't add people customer:\"Big Co\"", user: "U2");
        var empty = await _h.CommandAsync("same 1", user: "U2");
        var missing = await _h.CommandAsync("same 42 words", user: "U2");

        Assert.That(reply!.Text, Does.Contain("Added to feedback #1 for Big Co").And.Contain("2 reports"));
        var report = _h.Repository.Reports(1).Last();
        Assert.That((report.ReporterId, report.Text, report.Customer), Is.EqualTo(("U2", "Their admin can't add people", "Big Co")));
        Assert.That(empty!.Text, Does.Contain("in their words"));
        Assert.That(missing!.Text, Does.Contain("no feedback #42"));
    }

    [Test]
    public async Task Resolve_TellsEveryReporterOnce()
    {
        await _h.CommandAsync("How do I add a user?", user: "U1");
        await _h.CommandAsync("same 1 Me too customer:Globex", user: "U2");

        var first = await _h.CommandAsync("resolve 1 Invite button is now on the dashboard", user: "U9");
        var second = await _h.CommandAsync("resolve 1 Invite button is now on the dashboard", user: "U9");
        var noWords = await _h.CommandAsync("resolve 1");

        Assert.That(first!.Text, Does.Contain("told its 2 reporters"));
        Assert.That(second!.Text, Does.Contain("Nobody new to tell").And.Contain("2 had been told before"));
        Assert.That(noWords!.Text, Does.Contain("say what changed"));
        Assert.That(_h.Api.Posts.Select(p => p.Channel).Order(), Is.EqualTo(new[] { "DU1", "DU2" }));
    }

    [TestCase("Show me how to export to Excel")]
    [TestCase("SHOW me the invoices from last year, please")]
    [TestCase("show 12 reasons onboarding takes so long")]
    [TestCase("List view is too slow with 500 items")]
    [TestCase("list of users can't be exported")]
    [TestCase("Search is broken when I use quotes?")]
    [TestCase("search doesn't find accented names like José")]
    [TestCase("SEARCH results should show the customer name")]
    [TestCase("Same problem as Globex: the export button is hidden")]
    [TestCase("same here: customers keep asking for dark mode")]
    [TestCase("Help me find the export button")]
    [TestCase("HELP with SSO setup would be great")]
    [TestCase("Resolve conflicts automatically when two people edit a page")]
    [TestCase("resolve button should be greener")]
    [TestCase("Digest emails arrive too late on Mondays")]
    [TestCase("digest of last week was missing the charts")]
    [TestCase("Reclassify spam automatically please")]
    [TestCase("Schedule exports to run every night")]
    [TestCase("Swap the order of the columns in the export")]
    public async Task CustomerSentence_StartingWithASubcommandWord_IsSavedWhole(string sentence)
    {
        var reply = await _h.CommandAsync(sentence);

        Assert.That(reply!.Text, Does.StartWith("Saved as feedback #1"), reply.Json);
        Assert.That(_h.Repository.Count(), Is.EqualTo(1));
        Assert.That(_h.Repository.Get(1)!.Text, Is.EqualTo(sentence));
    }

    [Test]
    public async Task SubcommandForms_StillRoute_InAnyCase_AndSaveNothing()
    {
        await _h.CommandAsync("How do I connect Trello?");

        var answers = new Dictionary<string, string>
        {
            ["show 1"] = "How do I connect Trello?",
            ["SHOW #1"] = "How do I connect Trello?",
            ["list"] = "Latest feedback",
            ["List user experience 30"] = "Latest feedback in User experience from the last 30 days",
            ["list 7d"] = "from the last 7 days",
            ["search trello"] = "Feedback matching",
            ["Search connect trello"] = "Feedback matching",
            ["reclassify 1 positioning"] = "is now in",
            ["help"] = "Work with feedback",
            ["HELP"] = "Work with feedback",
            ["?"] = "Work with feedback",
        };
        foreach (var (text, expected) in answers)
        {
            Assert.That(All(await _h.CommandAsync(text)), Does.Contain(expected), text);
        }

        Assert.That(All(await _h.CommandAsync("same 1 Their admin cannot find it either", user: "U2")), Does.Contain("Added to feedback #1"));
        Assert.That(All(await _h.CommandAsync("Resolve #1 Trello is now under Integrations", user: "U9")), Does.Contain("Feedback #1 is resolved"));
        Assert.That(_h.Repository.Count(), Is.EqualTo(1), "no subcommand became feedback");
        Assert.That(_h.Repository.Reports(1), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task LoneWord_ThatIsNoSubcommand_SuggestsTheClosestOne()
    {
        var typo = await _h.CommandAsync("serach");

        Assert.That(typo!.Text, Does.Contain("I don't know `/feedback serach`. Did you mean `search`?\n`/feedback search export csv`"));
        Assert.That(typo.Text, Does.Not.Contain("/feedback reclassify"), "the closest subcommand's line, not the whole help");
        Assert.That(typo.Text, Does.EndWith("```/feedback serach```"), "the typed text back");
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [TestCase("lsit 7", "list")]
    [TestCase("shwo 12", "show")]
    [TestCase("reslove #3 fixed in 2.1", "resolve")]
    public async Task MisspeltSubcommand_FollowedByANumber_NamesTheClosestOne_AndSavesNothing(string text, string meant)
    {
        var answer = await _h.CommandAsync(text);

        Assert.That(answer!.Text, Does.Contain($"Did you mean `{meant}`?\n`/feedback {meant}"));
        Assert.That(answer.Text, Does.EndWith($"```/feedback {text}```"));
        Assert.That(_h.Repository.Count(), Is.Zero);
    }

    [Test]
    public async Task MisspeltWord_InACustomerSentence_IsStillFeedback()
    {
        await _h.CommandAsync("Serach is broken for accented names");

        Assert.That(_h.Repository.Count(), Is.EqualTo(1));
    }

    [TestCase("list -5", "-5")]
    [TestCase("list 0", "0")]
    public async Task List_WithANumberOutOfRange_SaysWhatTheNumberMeans_NotThatThereIsNoBucket(string text, string number)
    {
        var answer = await _h.CommandAsync(text);

        Assert.That(answer!.Text, Does.Contain($"how many days back to look, from 1 to 3650 (`{number}` is not)"));
        Assert.That(answer.Text, Does.Not.Contain("no bucket"));
        Assert.That(answer.Text, Does.EndWith($"```/feedback {text}```"));
    }
}
