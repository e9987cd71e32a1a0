using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SlackFeedbackBot.Tests.Browser;

/// <summary>
/// The page against the emulator alone (no bot), in headless Chromium: editing and deleting your own messages and taking
/// your reaction back send the events Slack sends; mrkdwn shows as Slack shows it; the welcome; a 420 px wide window.
/// </summary>
[Category("Browser")]
public sealed class LocalPageEditingTests : ChromiumFixture
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string General = EmulatorIds.GeneralChannelId;
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 20_000 };
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    // No app connects: each event waits this long for one before it is recorded as undelivered.
    private static readonly TimeSpan NoAppWait = TimeSpan.FromMilliseconds(300);

    private SlackEmulator _slack = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    [SetUp]
    public async Task SetUp()
    {
        _slack = await SlackEmulator.StartAsync(new EmulatorOptions { Port = 0, SeedDemoWorkspace = true, AckTimeout = NoAppWait, Welcome = "*Hello* from <#C0FEEDBK01>: you are *Ana*, the admin." });
        _browser = await OpenPageAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _browser is not null)
        {
            TestContext.Out.WriteLine($"Page errors: {string.Join(" | ", _browser.PageErrors)}");
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    private async Task OpenAsync()
    {
        await Page.GotoAsync(new Uri(_slack.BaseUrl, "#general").ToString());
        await Expect(Page.Locator("#conversation-title")).ToContainTextAsync("general", new() { Timeout = 20_000 });
    }

    private async Task<ILocator> SayAsync(string text, string shown)
    {
        var box = Page.Locator("#message-box");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        var message = Page.Locator(".msg", new() { HasText = shown });
        await Expect(message).ToBeVisibleAsync(Patiently);
        return message;
    }

    // With no app connected the emulator still records each event it would have delivered.
    private async Task<JsonNode> EventAsync(Func<JsonNode, bool> match, string what) =>
        (await _slack.Deliveries.WaitForAsync(d => d.Payload["event"] is { } e && match(e), Wait, what)).Payload["event"]!;

    [Test]
    public async Task EditingYourOwnMessage_SendsMessageChanged_WithTheOldAndNewText()
    {
        await OpenAsync();
        var message = await SayAsync("Customers want export to CSV", "Customers want export to CSV");

        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Edit message" }).ClickAsync();
        var box = message.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" });
        await box.FillAsync("Customers want export to Excel");
        await box.PressAsync("Enter");

        await Expect(Page.Locator(".msg", new() { HasText = "Customers want export to Excel" }).Locator(".msg-edited")).ToBeVisibleAsync(Patiently);
        var changed = await EventAsync(e => e["subtype"]?.ToString() == "message_changed", "message_changed");
        Assert.That(changed["message"]!["text"]!.ToString(), Is.EqualTo("Customers want export to Excel"));
        Assert.That(changed["previous_message"]!["text"]!.ToString(), Is.EqualTo("Customers want export to CSV"));
        Assert.That(changed["message"]!["ts"]!.ToString(), Is.EqualTo(changed["previous_message"]!["ts"]!.ToString()), "the same message");
        Assert.That(changed["message"]!["edited"]!["user"]!.ToString(), Is.EqualTo(Ana));
        Assert.That((changed["hidden"]!.GetValue<bool>(), changed["channel"]!.ToString()), Is.EqualTo((true, General)));
    }

    [Test]
    public async Task DeletingYourOwnMessage_SendsMessageDeleted_AndOnlyYourOwnHaveTheButtons()
    {
        await OpenAsync();
        var message = await SayAsync("This was a mistake", "This was a mistake");
        var ts = await message.GetAttributeAsync("data-ts");
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Delete message" }).ClickAsync();

        await Expect(Page.Locator(".msg", new() { HasText = "This was a mistake" })).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        var deleted = await EventAsync(e => e["subtype"]?.ToString() == "message_deleted", "message_deleted");
        Assert.That((deleted["deleted_ts"]!.ToString(), deleted["previous_message"]!["text"]!.ToString()), Is.EqualTo((ts, "This was a mistake")));

        await _slack.PostUserMessageAsync(Ben, General, "Ben's own words");
        var bens = Page.Locator(".msg", new() { HasText = "Ben's own words" });
        await Expect(bens).ToBeVisibleAsync(Patiently);
        await Expect(bens.GetByRole(AriaRole.Button, new() { Name = "Edit message" })).ToHaveCountAsync(0);
        await Expect(bens.GetByRole(AriaRole.Button, new() { Name = "Delete message" })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task ClickingYourOwnReaction_RemovesIt_AndSendsReactionRemoved()
    {
        var posted = await _slack.PostUserMessageAsync(Ben, General, "We lost a customer over exports");
        await _slack.AddReactionAsync(Ana, General, posted.Ts, "bulb");
        await _slack.AddReactionAsync(Ben, General, posted.Ts, "eyes");
        await OpenAsync();
        var message = Page.Locator(".msg", new() { HasText = "We lost a customer over exports" });
        await Expect(message.Locator(".reaction.mine")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        await message.Locator(".reaction.mine").ClickAsync();

        await Expect(message.Locator(".reaction")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var removed = await EventAsync(e => e["type"]?.ToString() == "reaction_removed", "reaction_removed");
        Assert.That((removed["user"]!.ToString(), removed["reaction"]!.ToString(), removed["item"]!["ts"]!.ToString(), removed["item_user"]!.ToString()),
            Is.EqualTo((Ana, "bulb", posted.Ts, Ben)));
        Assert.That(_slack.Workspace.FindMessage(General, posted.Ts)!.Reactions.Select(r => r.Name), Is.EqualTo(new[] { "eyes" }));

        await message.Locator(".reaction").ClickAsync();
        await EventAsync(e => e["type"]?.ToString() == "reaction_added" && e["reaction"]?.ToString() == "eyes" && e["user"]?.ToString() == Ana, "Ana's :eyes: added");
    }

    [Test]
    public async Task Mrkdwn_ShowsQuotesWithoutTheirMark_AndMentionsAsNames()
    {
        _slack.Workspace.AddMessage(new StoredMessage(General, _slack.Workspace.Clock.NextTs(), EmulatorIds.BotUserId, EmulatorIds.BotId,
            "1. *Export*: 3 reports\n>How do I _export_ to ~CSV~ `Excel`?\nAsked by <@U0BEN00002> in <#C0FEEDBK01>, see <https://example.com/a|the thread>"));
        await OpenAsync();

        var message = Page.Locator(".msg", new() { HasText = "Export" });
        await Expect(message.Locator("blockquote")).ToHaveTextAsync("How do I export to CSV Excel?", new() { Timeout = 20_000 });
        await Expect(message.Locator("blockquote em")).ToHaveTextAsync("export");
        await Expect(message.Locator("blockquote del")).ToHaveTextAsync("CSV");
        await Expect(message.Locator("blockquote code")).ToHaveTextAsync("Excel");
        await Expect(message.Locator("strong")).ToHaveTextAsync("Export");
        await Expect(message.Locator(".mention").First).ToHaveTextAsync("@Ben Carter");
        await Expect(message.Locator(".channel-link")).ToHaveTextAsync("#customer-feedback");
        await Expect(message.GetByRole(AriaRole.Link, new() { Name = "the thread" })).ToHaveAttributeAsync("href", "https://example.com/a");
        Assert.That(await message.InnerTextAsync(), Does.Not.Contain(">"), "no literal quote mark");
    }

    [Test]
    public async Task FirstVisit_ShowsTheWelcome_UntilDismissed()
    {
        await OpenAsync();
        var welcome = Page.Locator("#welcome");
        await Expect(welcome).ToContainTextAsync("you are Ana, the admin", new() { Timeout = 20_000 });
        await Expect(welcome.Locator(".channel-link")).ToHaveTextAsync("#customer-feedback");

        await welcome.GetByRole(AriaRole.Button, new() { Name = "Got it" }).ClickAsync();
        await Expect(welcome).ToHaveCountAsync(0);
        await Page.ReloadAsync();
        await Expect(Page.Locator("#conversation-title")).ToContainTextAsync("general", new() { Timeout = 20_000 });
        await Expect(Page.Locator("#welcome")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task At420PixelsWide_TheConversationFits_AndTheSidebarOpensFromTheMenu()
    {
        await Page.SetViewportSizeAsync(420, 800);
        await OpenAsync();
        await SayAsync("Narrow screens work", "Narrow screens work");

        var width = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.That(width, Is.LessThanOrEqualTo(420), "nothing runs off the side");
        var composer = await Page.Locator("#message-box").BoundingBoxAsync();
        Assert.That(composer!.X + composer.Width, Is.LessThanOrEqualTo(420));
        await Expect(Page.Locator(".nav-item", new() { HasText = "support" }).First).Not.ToBeInViewportAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Channels and people" }).ClickAsync();
        await Page.Locator(".nav-item", new() { HasText = "support" }).First.ClickAsync();

        await Expect(Page.Locator("#conversation-title")).ToContainTextAsync("support", new() { Timeout = 20_000 });
        await Expect(Page.Locator(".nav-item", new() { HasText = "support" }).First).Not.ToBeInViewportAsync(new() { Timeout = 5_000 });
        var message = Page.Locator(".msg").First;
        await Expect(Page.Locator("#message-box")).ToBeInViewportAsync();
        Assert.That(await message.CountAsync(), Is.GreaterThanOrEqualTo(0));
    }
}
