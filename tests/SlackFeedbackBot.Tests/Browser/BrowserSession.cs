using Microsoft.Playwright;

namespace SlackFeedbackBot.Tests.Browser;

/// <summary>
/// Headless Chromium driven by Playwright. Uses the machine's Debian Chromium (/usr/bin/chromium) and never downloads
/// a browser; when Chromium cannot start, the test fails and says how to install it.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions of the page, to explain a failing test.</summary>
    public List<string> PageErrors { get; } = [];

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"The browser tests need Debian's Chromium at {ChromiumPath}: run `apt-get install -y chromium` (.ci/run installs it).");
        }

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            var session = new BrowserSession(playwright, browser, context, page);
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
        catch (PlaywrightException e)
        {
            playwright?.Dispose();
            Assert.Fail($"Playwright could not start Chromium at {ChromiumPath} ({e.Message}). Install Debian's chromium: `apt-get install -y chromium` (.ci/run installs it).");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
