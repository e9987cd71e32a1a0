using Microsoft.Playwright;

namespace SlackFeedbackBot.Tests.Browser;

/// <summary>
/// Headless Chromium driven by Playwright, one per fixture: each test opens a <see cref="BrowserSession"/> of its own
/// in it. Uses the machine's Debian Chromium (/usr/bin/chromium) and never downloads a browser; when Chromium cannot
/// start, the test fails and says how to install it.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"The browser tests need Debian's Chromium at {ExecutablePath}: run `apt-get install -y chromium` (.ci/run installs it).");
        }

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new Chromium(playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright?.Dispose();
            Assert.Fail($"Playwright could not start Chromium at {ExecutablePath} ({e.Message}). Install Debian's chromium: `apt-get install -y chromium` (.ci/run installs it).");
            throw;
        }
    }

    /// <summary>A page in a context of its own: no cookies, storage or cache from the fixture's other tests.</summary>
    public Task<BrowserSession> OpenAsync() => BrowserSession.OpenAsync(_browser);

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}

/// <summary>One test's page, in a browser context of its own.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions of the page, to explain a failing test.</summary>
    public List<string> PageErrors { get; } = [];

    internal static async Task<BrowserSession> OpenAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.PageErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => session.PageErrors.Add(error);
        return session;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

/// <summary>A fixture whose tests each open a page of their own in the fixture's one Chromium.</summary>
public abstract class ChromiumFixture
{
    private Chromium? _chromium;

    [OneTimeSetUp]
    public async Task LaunchChromium() => _chromium = await Chromium.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseChromium()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }

    protected Task<BrowserSession> OpenPageAsync() =>
        (_chromium ?? throw new InvalidOperationException("Chromium is launched once per fixture, before its tests.")).OpenAsync();
}
