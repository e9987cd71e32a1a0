using System.Text.RegularExpressions;
using SlackFeedbackBot.Emulator;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>
/// The bot as a separate process (the built SlackFeedbackBot.dll), in HTTP mode on a SQLite file or in Socket Mode on a
/// PostgreSQL database several of them share, so a test can kill it or stop it for real.
/// </summary>
public sealed partial class BotProcess : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    private readonly BotExecutable _bot;

    private BotProcess(BotExecutable bot, Uri baseAddress)
    {
        _bot = bot;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _bot.Id;

    /// <summary>Every line written to stdout so far.</summary>
    public IReadOnlyList<string> OutputLines => _bot.OutputLines;

    public string Output => _bot.Output;

    /// <summary>Waits for a line of output (stdout or stderr) that satisfies <paramref name="match"/>.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout) => _bot.WaitForLineAsync(match, timeout);

    /// <param name="settings">More command-line settings, e.g. <c>--Feedback:PassiveChannels:0=C1</c>.</param>
    public static async Task<BotProcess> StartHttpModeAsync(SlackEmulator slack, string databasePath, params string[] settings)
    {
        var bot = BotExecutable.Start(Path.GetDirectoryName(databasePath)!, NoEnvironment, [.. HttpModeArgs(slack, databasePath), .. settings]);
        try
        {
            var line = await bot.WaitForLineAsync(l => ListeningOn().IsMatch(l), TimeSpan.FromSeconds(60));
            return new BotProcess(bot, new Uri(ListeningOn().Match(line).Groups[1].Value + "/"));
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The bot in Socket Mode on the shared PostgreSQL database <paramref name="connectionString"/>, its own directory
    /// under <paramref name="workingDirectory"/>; returns once its Socket Mode connections are open (ready for Slack's
    /// deliveries) and it listens for health checks.
    /// </summary>
    /// <param name="settings">More command-line settings, e.g. <c>--Slack:InstanceId=a</c>.</param>
    public static async Task<BotProcess> StartSocketModeOnPostgresAsync(SlackEmulator slack, string workingDirectory, string connectionString, params string[] settings)
    {
        Directory.CreateDirectory(workingDirectory);
        var bot = BotExecutable.Start(workingDirectory, NoEnvironment, [.. SocketModeArgs(slack, connectionString), .. settings]);
        try
        {
            var line = await bot.WaitForLineAsync(l => ListeningOn().IsMatch(l), TimeSpan.FromSeconds(90));
            await bot.WaitForLineAsync(l => l.Contains("Socket Mode connection", StringComparison.Ordinal) && l.Contains("is open", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            return new BotProcess(bot, new Uri(ListeningOn().Match(line).Groups[1].Value + "/"));
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The bot in HTTP mode on the shared PostgreSQL database <paramref name="connectionString"/>, its own directory under
    /// <paramref name="workingDirectory"/>; returns once it listens (a load balancer's member, Slack's requests sent to it
    /// by the caller).
    /// </summary>
    public static async Task<BotProcess> StartHttpModeOnPostgresAsync(SlackEmulator slack, string workingDirectory, string connectionString, params string[] settings)
    {
        Directory.CreateDirectory(workingDirectory);
        string[] args =
        [
            "run", "--urls", "http://127.0.0.1:0", "--Slack:Mode=Http",
            $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}", $"--Slack:BotToken={slack.BotToken}", $"--Slack:SigningSecret={slack.SigningSecret}",
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={connectionString}", "--LocalMode:Enabled=false",
        ];
        var bot = BotExecutable.Start(workingDirectory, NoEnvironment, [.. args, .. settings]);
        try
        {
            var line = await bot.WaitForLineAsync(l => ListeningOn().IsMatch(l), TimeSpan.FromSeconds(90));
            return new BotProcess(bot, new Uri(ListeningOn().Match(line).Groups[1].Value + "/"));
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    public static string[] SocketModeArgs(SlackEmulator slack, string connectionString) =>
    [
        "run",
        "--urls", "http://127.0.0.1:0",
        "--Slack:Mode=Socket",
        $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
        $"--Slack:BotToken={slack.BotToken}",
        $"--Slack:AppToken={slack.AppToken}",
        $"--Slack:SigningSecret={slack.SigningSecret}",
        "--Slack:SocketConnectionStagger=00:00:00.200",
        "--Storage:Provider=Postgres",
        $"--Storage:ConnectionString={connectionString}",
        "--LocalMode:Enabled=false",
    ];

    /// <summary>Stops the process as an orchestrator does, with SIGTERM; returns its exit code once it has exited.</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => _bot.TerminateAsync(timeout);

    /// <summary>Runs the bot executable with these arguments until it exits by itself; returns its exit code and every line it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, params string[] args)
    {
        var (code, output, error) = await BotExecutable.RunAsync(workingDirectory, NoEnvironment, TimeSpan.FromSeconds(60), args);
        return (code, string.Join(Environment.NewLine, new[] { output, error }.Where(text => text.Length > 0)));
    }

    public static string[] HttpModeArgs(SlackEmulator slack, string databasePath) =>
    [
        "run",
        "--urls", "http://127.0.0.1:0",
        "--Slack:Mode=Http",
        $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
        $"--Slack:BotToken={slack.BotToken}",
        $"--Slack:SigningSecret={slack.SigningSecret}",
        $"--Storage:DatabasePath={databasePath}",
        "--LocalMode:Enabled=false",
    ];

    /// <summary>Ends the process at once, as a crash or `kill -9` would: no shutdown code runs.</summary>
    public Task KillAsync() => _bot.KillAsync();

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [GeneratedRegex(@"Now listening on: (http://[0-9.:]+)")]
    private static partial Regex ListeningOn();
}
