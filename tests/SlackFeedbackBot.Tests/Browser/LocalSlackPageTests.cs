using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SlackFeedbackBot.Tests.Browser;

/// <summary>
/// The emulator's web page in headless Chromium against the real bot over Socket Mode: what someone trying the bot
/// locally does — type in the message box, click Block Kit buttons, fill modals, react, run shortcuts.
/// </summary>
[Category("Browser")]
public sealed class LocalSlackPageTests : ChromiumFixture
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 20_000 };

    public sealed class Seen
    {
        public ConcurrentQueue<BlockActionsPayload> Clicks { get; } = new();
        public ConcurrentQueue<ViewSubmissionPayload> Submissions { get; } = new();
    }

    /// <summary>Opens a modal with every input kind the bot's modals use.</summary>
    private sealed class OpenModalCommand(ISlackApiClient slack) : ISlashCommandHandler
    {
        public async Task<SlackMessage?> HandleAsync(SlashCommand command, CancellationToken ct)
        {
            var bucket = new SelectOption("User experience", "user_experience");
            var view = new ModalBuilder("Share feedback").CallbackId("ui_test_modal").Submit("Save").Close("Cancel")
                .Input("Summary", new PlainTextInputElement("summary", multiline: true, initialValue: "Export is slow"), "summary_block")
                .Input("Bucket", new StaticSelectElement("bucket", [new SelectOption("Performance", "performance"), bucket], initialOption: bucket), "bucket_block")
                .Input("Customer contact", new UsersSelectElement("contact"), "contact_block", optional: true)
                .Input("Follow up by", new DatePickerElement("due"), "due_block", optional: true)
                .Build();
            await slack.OpenViewAsync(command.TriggerId!, view, ct);
            return null;
        }
    }

    /// <summary>Asks for a longer summary once, then accepts.</summary>
    private sealed class ModalSubmission(Seen seen) : IViewSubmissionHandler
    {
        public Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
        {
            seen.Submissions.Enqueue(submission);
            var summary = submission.View.State?.Values["summary_block"]["summary"].Value ?? "";
            return Task.FromResult(summary.Length < 20
                ? ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { ["summary_block"] = "Please say a bit more (20 characters or more)." })
                : null);
        }
    }

    /// <summary>Records the click and replaces the message, as the bot's own buttons do.</summary>
    private sealed class ApproveButton(Seen seen, ISlackApiClient slack) : IBlockActionHandler
    {
        public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
        {
            seen.Clicks.Enqueue(payload);
            await slack.RespondAsync(payload.ResponseUrl!, new SlackMessage { Text = $"Approved by <@{payload.User.Id}>", ReplaceOriginal = true }, ct);
        }
    }

    private Seen _seen = null!;
    private BotTestHost _host = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    private SlackEmulator Slack => _host.Slack;

    [SetUp]
    public async Task SetUp()
    {
        _seen = new Seen();
        var seen = _seen;
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            SeedDemoWorkspace = true,
            ConfigureServices = services => services.AddSingleton(seen),
            Handlers = slack => slack
                .AddSlashCommand<OpenModalCommand>("/ui-test-modal")
                .AddViewSubmission<ModalSubmission>("ui_test_modal")
                .AddBlockAction<ApproveButton>("ui_test_approve"),
        });
        _browser = await OpenPageAsync();
        await Page.GotoAsync(Slack.BaseUrl.ToString());
        await Expect(Page.GetByText("Local Slack emulator — not Slack")).ToBeVisibleAsync(Patiently);
    }

    [TearDown]
    public async Task TearDown()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _browser is not null)
        {
            var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            TestContext.AddTestAttachment(shot, "The page when the test failed");
            TestContext.Out.WriteLine($"Page errors: {string.Join(" | ", _browser.PageErrors)}");
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await _host.DisposeAsync();
    }

    [Test]
    public async Task FeedbackCommand_TypedInTheMessageBox_GetsTheBotsReplyNamingTheBucket()
    {
        await OpenConversationAsync("customer-feedback");

        await SendAsync("/feedback How do I export to Excel?");

        await Expect(Page.Locator(".msg", new() { HasTextRegex = new Regex("user[_ ]experience", RegexOptions.IgnoreCase) })).ToBeVisibleAsync(Patiently);
    }

    [Test]
    public async Task FeedbackReply_ChangeBucketSelect_MovesTheItemAndShowsTheBotsAnswer()
    {
        await OpenConversationAsync("customer-feedback");
        await SendAsync("/feedback How do I export to Excel?");
        var reply = Page.Locator(".msg", new() { HasText = "Saved as feedback" });
        await Expect(reply).ToBeVisibleAsync(Patiently);

        await reply.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Positioning" });

        var chosen = await Slack.Deliveries.WaitForAsync(d => d.Payload["type"]?.ToString() == "block_actions",
            TimeSpan.FromSeconds(20), "block_actions for the bucket select");
        Assert.That(chosen.Payload["actions"]?[0]?["selected_option"]?["value"]?.ToString(), Does.EndWith(":positioning"));
        await Expect(Page.Locator(".msg", new() { HasTextRegex = new Regex("is now in Positioning") })).ToBeVisibleAsync(Patiently);
    }

    [Test]
    public async Task PlainMessage_AppearsAndIsDeliveredToTheBot()
    {
        await OpenConversationAsync("customer-feedback");

        await SendAsync("Customers keep asking for *dark mode*");

        var message = Page.Locator(".msg", new() { HasText = "Customers keep asking for dark mode" });
        await Expect(message).ToBeVisibleAsync(Patiently);
        await Expect(message.Locator("strong")).ToHaveTextAsync("dark mode");
        await Expect(message.Locator(".msg-author")).ToHaveTextAsync("Ana Ortiz");
        Assert.That(Slack.Workspace.Messages.Any(m => m.Channel == EmulatorIds.CustomerFeedbackChannelId && m.User == Ana && m.Text == "Customers keep asking for *dark mode*"), Is.True);
        await Slack.Deliveries.WaitForAsync(d => d.Payload["event"]?["text"]?.ToString() == "Customers keep asking for *dark mode*",
            TimeSpan.FromSeconds(20), "the message event delivered to the bot");
    }

    [Test]
    public async Task UnknownCommand_ShowsTheBotsAnswerOnlyToWhoeverTypedIt()
    {
        await OpenConversationAsync("customer-feedback");

        await SendAsync("/nope");

        var reply = Page.Locator(".msg", new() { HasText = "don't know the command /nope" });
        await Expect(reply).ToBeVisibleAsync(Patiently);
        await Expect(reply.GetByText("Only visible to you")).ToBeVisibleAsync();
        await Expect(reply.Locator(".msg-author")).ToHaveTextAsync(EmulatorIds.BotUserName);

        await Page.GetByLabel("Acting as").SelectOptionAsync(Ben);

        await Expect(Page.Locator(".nav-item.selected")).ToContainTextAsync("customer-feedback");
        await Expect(reply).ToHaveCountAsync(0);
    }

    [Test]
    public async Task BlockKitButton_Clicked_DeliversBlockActionsAndShowsTheUpdatedMessage()
    {
        var slack = _host.Services.GetRequiredService<ISlackApiClient>();
        var posted = await slack.PostMessageAsync(EmulatorIds.GeneralChannelId, new MessageBuilder()
            .Header("Weekly digest")
            .Section("*5* new items in _user experience_")
            .Fields("*Top*\nExport to Excel", "*Trend*\nUp :chart_with_upwards_trend:")
            .Context("Sent by <@U0EMUB0T01>")
            .Divider()
            .Actions(new ButtonElement("Approve", "ui_test_approve", value: "digest-42", style: ButtonStyle.Primary),
                new ButtonElement("Dismiss", "ui_test_dismiss", style: ButtonStyle.Danger))
            .Build());
        await OpenConversationAsync("general");
        var message = Page.Locator(".msg", new() { HasText = "Weekly digest" });
        await Expect(message).ToBeVisibleAsync(Patiently);
        await Expect(message.Locator(".b-fields")).ToContainTextAsync("Export to Excel");
        await Expect(message.GetByRole(AriaRole.Button, new() { Name = "Dismiss" })).ToHaveClassAsync(new Regex("danger"));

        await message.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        var delivery = await Slack.Deliveries.WaitForAsync(d => d.Kind == DeliveryKind.Interactive && d.Payload["type"]?.ToString() == "block_actions",
            TimeSpan.FromSeconds(20), "block_actions for the Approve button");
        Assert.That(delivery.Payload["actions"]?[0]?["action_id"]?.ToString(), Is.EqualTo("ui_test_approve"));
        Assert.That(delivery.Payload["actions"]?[0]?["value"]?.ToString(), Is.EqualTo("digest-42"));
        Assert.That(delivery.Payload["container"]?["message_ts"]?.ToString(), Is.EqualTo(posted.Ts));
        Assert.That(delivery.Payload["user"]?["id"]?.ToString(), Is.EqualTo(Ana));
        await Expect(Page.Locator(".msg", new() { HasText = "Approved by @ana" })).ToBeVisibleAsync(Patiently);
        await Expect(Page.Locator(".msg", new() { HasText = "Weekly digest" })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Modal_OpenedByTheBot_ShowsItsInputsAndInlineErrorsAndClosesOnSuccess()
    {
        await OpenConversationAsync("customer-feedback");

        await SendAsync("/ui-test-modal");

        var modal = Page.GetByRole(AriaRole.Dialog, new() { Name = "Share feedback" });
        await Expect(modal).ToBeVisibleAsync(Patiently);
        await Expect(modal.GetByLabel("Summary")).ToHaveValueAsync("Export is slow");
        await Expect(modal.GetByLabel("Bucket")).ToHaveValueAsync("user_experience");
        await modal.GetByLabel("Customer contact").SelectOptionAsync(Ben);
        await modal.GetByLabel("Follow up by").FillAsync("2024-01-31");

        await modal.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(modal.GetByText("Please say a bit more (20 characters or more).")).ToBeVisibleAsync(Patiently);
        await modal.GetByLabel("Summary").FillAsync("Export to Excel takes minutes for big reports");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(modal).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        Assert.That(_seen.Submissions, Has.Count.EqualTo(2));
        var values = _seen.Submissions.Last().View.State!.Values;
        Assert.That(values["summary_block"]["summary"].Value, Is.EqualTo("Export to Excel takes minutes for big reports"));
        Assert.That(values["bucket_block"]["bucket"].SelectedOption?.Value, Is.EqualTo("user_experience"));
        Assert.That(values["contact_block"]["contact"].SelectedUser, Is.EqualTo(Ben));
        Assert.That(values["due_block"]["due"].SelectedDate, Is.EqualTo("2024-01-31"));
        Assert.That(Slack.Workspace.ModalStack(Ana), Is.Empty);
    }

    [Test]
    public async Task MessageHoverActions_AddAReactionAndOpenTheCaptureForm()
    {
        await OpenConversationAsync("customer-feedback");
        await SendAsync("The report builder keeps timing out");
        var message = Page.Locator(".msg", new() { HasText = "The report builder keeps timing out" });
        await Expect(message).ToBeVisibleAsync(Patiently);
        var ts = Slack.Workspace.Messages.Single(m => m.Text == "The report builder keeps timing out").Ts;

        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Add reaction" }).ClickAsync();
        await Page.Locator("#reaction-picker [data-reaction='bulb']").ClickAsync();

        await Expect(message.Locator(".reaction.mine")).ToContainTextAsync("1", new() { Timeout = 20_000 });
        Assert.That(Slack.Workspace.FindMessage(EmulatorIds.CustomerFeedbackChannelId, ts)!.Reactions.Single().Name, Is.EqualTo("bulb"));

        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Capture as feedback" }).ClickAsync();

        var shortcut = await Slack.Deliveries.WaitForAsync(d => d.Payload["type"]?.ToString() == "message_action",
            TimeSpan.FromSeconds(20), "the capture_feedback message shortcut");
        Assert.That(shortcut.Payload["callback_id"]?.ToString(), Is.EqualTo("capture_feedback"));
        Assert.That(shortcut.Payload["message_ts"]?.ToString(), Is.EqualTo(ts));
        await Expect(Page.GetByRole(AriaRole.Dialog, new() { Name = "Capture as feedback" })).ToBeVisibleAsync(Patiently);
    }

    [Test]
    public async Task Sidebar_NewFeedbackOpensTheBotsForm_AndHomeShowsTheBotsHomeTab()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New feedback" }).ClickAsync();

        var shortcut = await Slack.Deliveries.WaitForAsync(d => d.Payload["type"]?.ToString() == "shortcut",
            TimeSpan.FromSeconds(20), "the new_feedback global shortcut");
        Assert.That(shortcut.Payload["callback_id"]?.ToString(), Is.EqualTo("new_feedback"));
        var form = Page.GetByRole(AriaRole.Dialog, new() { Name = "New feedback" });
        await Expect(form).ToBeVisibleAsync(Patiently);
        await form.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        await Page.Locator(".nav-item", new() { HasText = "Home" }).ClickAsync();

        await Expect(Page.Locator(".home .b-header").First).ToHaveTextAsync("Your support shifts", new() { Timeout = 20_000 });
        var opened = await Slack.Deliveries.WaitForAsync(d => d.Payload["event"]?["type"]?.ToString() == "app_home_opened",
            TimeSpan.FromSeconds(20), "app_home_opened");
        Assert.That(opened.Payload["event"]?["user"]?.ToString(), Is.EqualTo(Ana));
    }

    private async Task OpenConversationAsync(string name)
    {
        await Page.Locator(".nav-item", new() { HasText = name }).First.ClickAsync();
        await Expect(Page.Locator("#conversation-title")).ToContainTextAsync(name, new() { Timeout = 20_000 });
    }

    private async Task SendAsync(string text)
    {
        var box = Page.Locator("#message-box");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("");
    }
}
