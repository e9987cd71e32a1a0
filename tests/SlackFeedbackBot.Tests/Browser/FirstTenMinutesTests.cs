using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SlackFeedbackBot.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SlackFeedbackBot.Tests.Browser;

/// <summary>
/// The README's "first ten minutes", walked as a new product manager would: the built bot started with the quick
/// start's command (no tokens, so the local page), then each step in headless Chromium with the commands read from
/// the README itself, so the walk breaks when the README and the bot drift apart.
/// </summary>
[Category("Browser")]
public sealed partial class FirstTenMinutesTests : ChromiumFixture
{
    private const string Section = "The first ten minutes";
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    private TempDirectory _dir = null!;
    private BotExecutable _bot = null!;
    private BrowserSession _browser = null!;

    private IPage Page => _browser.Page;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public async Task TearDown()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"Bot output:{Environment.NewLine}{_bot?.Output}{Environment.NewLine}{_bot?.Error}");
            if (_browser is not null)
            {
                TestContext.Out.WriteLine($"Page errors: {string.Join(" | ", _browser.PageErrors)}");
            }
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Test]
    public async Task AProductManager_FollowingTheReadme_Captures_Finds_Digests_ClosesTheLoop_AndSeesHome()
    {
        var steps = ReadmeExamples.SectionText(Section);
        var spans = CodeSpan().Matches(steps).Select(m => m.Groups[1].Value).ToList();
        var start = spans.First(span => span.StartsWith("dotnet run", StringComparison.Ordinal));
        Assert.That(ReadmeExamples.Text, Does.Contain("```sh\n" + start + " "), "the walk starts with the quick start's own command");
        Assert.That(start, Is.EqualTo("dotnet run --project src/SlackFeedbackBot"), "no arguments: the bot in local mode");
        string Command(string begins) => spans.FirstOrDefault(span => span.StartsWith(begins, StringComparison.Ordinal))
            ?? throw new AssertionException($"The README's \"{Section}\" has no step that starts with `{begins}`.");

        // 1. Start it as the README says (the built executable is what `dotnet run` runs) and open the address it prints.
        _bot = BotExecutable.Start(_dir.Path, new Dictionary<string, string?> { ["LOCALMODE__PORT"] = "0" });
        var banner = await _bot.WaitForLineAsync(line => line.Contains("Try it in your browser:", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var address = new Uri(Regex.Match(banner, @"http://[0-9.:]+/").Value);
        await _bot.WaitForLineAsync(line => line.Contains("The bot itself listens on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var database = Path.Combine(_dir.Path, "data", "slackfeedbackbot.db");
        Assert.That(_bot.Output, Does.Not.Contain("Now listening on"), "the bot's own address is named for what it is, not as a page to open");
        Assert.That(_bot.Output, Does.Contain($"The database is {database}"), "the banner says where the database is, as the README does");
        Assert.That(steps, Does.Contain("data/slackfeedbackbot.db").Or.Not.Contain("database"), "the README names the same file");
        await WaitForTheBotToConnectAsync(address);

        _browser = await OpenPageAsync();
        await Page.GotoAsync(address.ToString());

        // 2. The welcome says who you are and that you are the admin.
        var welcome = Page.Locator("#welcome");
        await Expect(welcome).ToContainTextAsync("Ana Ortiz", new() { Timeout = 30_000 });
        await Expect(welcome).ToContainTextAsync("admin");
        Assert.That(steps, Does.Contain("Ana Ortiz"));
        await Expect(Page.Locator("#conversation-title")).ToContainTextAsync("general");

        // 3. Capture.
        var capture = Command("/feedback How");
        var saved = await ReplyAsync(capture, "Saved as feedback");
        await Expect(saved).ToContainTextAsync(new Regex("user[ _]experience", RegexOptions.IgnoreCase));
        await Expect(saved.GetByRole(AriaRole.Button, new() { Name = "Add details" })).ToBeVisibleAsync();
        var number = Number(await saved.InnerTextAsync());

        // 4. List: the new item and the past weeks'.
        var list = await ReplyAsync(Command("/feedback list"), capture["/feedback ".Length..]);
        await Expect(list).ToContainTextAsync("Trello");

        // 5. Show the new item by its number.
        var show = await ReplyAsync(Command("/feedback show N").Replace(" N", $" {number}", StringComparison.Ordinal), $"#{number}");
        await Expect(show).ToContainTextAsync(capture["/feedback ".Length..]);

        // 6. Search.
        var search = Command("/feedback search");
        await ReplyAsync(search, "Trello");

        // 7. This week so far, with what was just captured.
        var digest = await ReplyAsync(Command("/feedback digest week"), "so far");
        await Expect(digest).ToContainTextAsync("Feedback digest");

        // 8. Close the loop with a demo reporter: Ben reports, Ana resolves, Ben is told.
        Assert.That(steps, Does.Contain("Ben Carter"));
        await Page.GetByLabel("Acting as").SelectOptionAsync(new SelectOptionValue { Label = "Ben Carter (@ben)" });
        var bens = Command("/feedback Can");
        var bensNumber = Number(await (await ReplyAsync(bens, "Saved as feedback")).InnerTextAsync());
        await Page.GetByLabel("Acting as").SelectOptionAsync(new SelectOptionValue { Label = "Ana Ortiz (@ana)" });
        var resolve = Command("/feedback resolve N").Replace(" N ", $" {bensNumber} ", StringComparison.Ordinal);
        var change = resolve[(resolve.IndexOf($" {bensNumber} ", StringComparison.Ordinal) + bensNumber.Length + 2)..];
        await ReplyAsync(resolve, "told its reporter");
        await Page.GetByLabel("Acting as").SelectOptionAsync(new SelectOptionValue { Label = "Ben Carter (@ben)" });
        await Page.Locator("#dm-list .nav-item").ClickAsync();
        await Expect(Page.Locator(".msg", new() { HasText = change })).ToBeVisibleAsync(Patiently);

        // 9. Home.
        await Page.GetByLabel("Acting as").SelectOptionAsync(new SelectOptionValue { Label = "Ana Ortiz (@ana)" });
        Assert.That(steps, Does.Contain("Home"));
        await Page.Locator("#app-list .nav-item").ClickAsync();
        await Expect(Page.Locator(".home")).ToContainTextAsync(new Regex("shift", RegexOptions.IgnoreCase), new() { Timeout = 30_000 });
        Assert.That(_browser.PageErrors, Is.Empty);
    }

    private async Task<ILocator> ReplyAsync(string command, string expected)
    {
        // Only a reply that came after this command counts, not an earlier one with the same words.
        var matching = Page.Locator(".messages > .msg", new() { HasText = expected });
        var before = await matching.CountAsync();
        var box = Page.Locator("#message-box");
        await box.FillAsync(command);
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("");
        var reply = matching.Nth(before);
        await Expect(reply).ToBeVisibleAsync(Patiently);
        return reply;
    }

    private static string Number(string saved) =>
        SavedNumber().Match(saved) is { Success: true } match ? match.Groups[1].Value : throw new AssertionException($"No feedback number in: {saved}");

    private static async Task WaitForTheBotToConnectAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        await Eventually.ThatAsync(async () =>
            (await http.GetFromJsonAsync<JsonObject>("/ui/api/state"))?["sockets"]?.GetValue<int>() > 0,
            "the bot connected to the local Slack over Socket Mode", TimeSpan.FromMinutes(1));
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex SavedNumber();
}
