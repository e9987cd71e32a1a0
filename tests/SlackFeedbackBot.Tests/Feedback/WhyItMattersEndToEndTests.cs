using SlackFeedbackBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

/// <summary>Why it matters, against the real bot host and the Slack emulator: the form's field and the follow-up answer.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class WhyItMattersEndToEndTests(StorageProvider provider)
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Support = EmulatorIds.SupportChannelId;
    private const string Listening = EmulatorIds.CustomerFeedbackChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    private FeedbackRepository Repository => _host.Services.GetRequiredService<FeedbackRepository>();

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Provider = provider,
        Settings = new Dictionary<string, string?> { ["Feedback:PassiveChannels:0"] = Listening, ["Feedback:MaxTextLength"] = "200" },
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task FeedbackForm_ImportanceAndWhy_AreSavedOnTheReport_AndShownByShow()
    {
        await Slack.SendGlobalShortcutAsync(Ana, NewFeedbackShortcut.CallbackId);
        var opened = await Slack.WaitForCallAsync("views.open", null, Wait);
        var viewId = (string)opened.Response["view"]!["id"]!;

        var tooLong = await Slack.SubmitViewAsync(Ana, viewId, Form("Can you integrate with Jira?", new string('w', 201)));
        var saved = await Slack.SubmitViewAsync(Ana, viewId, Form("Can you integrate with Jira?", "Their whole team plans in Jira; <!here> they'd drop spreadsheets"));

        Assert.That(opened.Args.ToJsonString(), Does.Contain(FeedbackModals.WhyBlock));
        Assert.That(tooLong.ResponseAction, Is.EqualTo("errors"));
        Assert.That(tooLong.AckPayload!["errors"]![FeedbackModals.WhyBlock], Is.Not.Null, "the error is shown next to the why");
        Assert.That(saved.ResponseAction, Is.EqualTo("update"));
        var report = Repository.Reports(1).Single();
        Assert.That((report.Importance, report.Why), Is.EqualTo(("high", "Their whole team plans in Jira; <!here> they'd drop spreadsheets")));

        var show = await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "show 1");
        var reply = show.AckPayload?.ToJsonString() ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == show.ResponseUrl, Wait)).Payload.ToJsonString();
        Assert.That(reply, Does.Contain("Why it matters").And.Contain("Their whole team plans in Jira").And.Contain("importance *high*"));
        Assert.That(reply, Does.Not.Contain("<!here>").And.Not.Contain("\\u003C!here\\u003E"), "the broadcast is defused");
    }

    [Test]
    public async Task FollowUpAnswer_InTheThread_IsTheWhyOfTheAuthorsReport()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Listening, "Customer: how do I export invoices?");
        await Slack.WaitForCallAsync("chat.postMessage", c => (string?)c.Args["thread_ts"] == message.Ts, Wait);
        var itemId = Repository.FindByMessage(Listening, message.Ts)!.Id;

        await Slack.PostUserMessageAsync(Ben, Listening, "Very: their accountant needs it every month", threadTs: message.Ts);

        await Eventually.ThatAsync(() => Repository.Reports(itemId).Single().Why == "Very: their accountant needs it every month", "the answer is the report's why", Wait);
    }

    private static Dictionary<string, Dictionary<string, string>> Form(string text, string why) => new()
    {
        [FeedbackModals.TextBlock] = new() { ["text"] = text },
        [FeedbackModals.ImportanceBlock] = new() { ["importance"] = "high" },
        [FeedbackModals.WhyBlock] = new() { ["why"] = why },
    };
}
