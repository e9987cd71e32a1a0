using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Benchmarks;

/// <summary>
/// The outbox runs behind bench/outbox.sh: the emulator in this process, the bot as a separate process (so it can be
/// killed with SIGKILL), Socket Mode between them. Prints one line of figures per scenario.
///   outbox outage|kills|commands|channels BOT_DLL WORK_DIR
/// </summary>
public static class OutboxRun
{
    private const string Ben = "U0BEN00002";
    private const string Ana = "U0ANA00001";
    private const string FollowUp = "How important is this to the customer?";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var (scenario, botDll, work) = (args[0], args[1], args[2]);
        Directory.CreateDirectory(work);
        await using var emu = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true });
        var channels = Enumerable.Range(1, 40).Select(i => $"C0BENCH{i:D3}").ToList();
        foreach (var channel in channels)
        {
            emu.Workspace.AddChannel(channel, "bench-" + channel[^3..], false, [Ben, Ana, emu.BotUserId]);
        }

        var bot = new BotProcess(emu, botDll, Path.Combine(work, "bench.db"), channels);
        try
        {
            await bot.StartAsync();
            return scenario switch
            {
                "outage" => await OutageAsync(emu, bot, channels[0]),
                "kills" => await KillsAsync(emu, bot, channels),
                "commands" => await CommandsAsync(emu, bot),
                "channels" => await ChannelsAsync(emu, bot, channels),
                _ => throw new ArgumentException($"unknown scenario {scenario}"),
            };
        }
        finally
        {
            bot.Kill();
        }
    }

    // (a) a 60 s Web API outage during 100 captures.
    private static async Task<int> OutageAsync(SlackEmulator emu, BotProcess bot, string channel)
    {
        // One capture first: the bot learns who it is (auth.test) on its first event.
        await emu.PostUserMessageAsync(Ben, EmulatorIds.SupportChannelId, "warming up");
        await UntilAsync(() => InboxPending(bot) == 0 && emu.Calls.All.Any(c => c.Method == "auth.test"), Patience);
        emu.Faults.StartOutage();
        var clock = Stopwatch.StartNew();
        var sent = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            sent.Add((await emu.PostUserMessageAsync(Ben, channel, $"Customer {i} asks: can I export report {i}?")).Ts);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        await Task.Delay(TimeSpan.FromSeconds(60) - clock.Elapsed);
        emu.Faults.EndOutage();
        var recovered = Stopwatch.StartNew();
        await UntilAsync(() => sent.All(ts => FollowUps(emu, channel, ts) > 0) && Permalinks(bot) == 100, Patience);
        await UntilAsync(() => OutboxPending(bot) == 0, Patience);
        var counts = sent.Select(ts => FollowUps(emu, channel, ts)).ToList();
        Console.WriteLine($"outage: captured={Items(bot)} follow_ups={counts.Count(c => c > 0)} duplicates={counts.Sum(c => Math.Max(0, c - 1))} permalinks={Permalinks(bot)} drained_after_recovery={recovered.Elapsed.TotalSeconds:F1}s");
        return 0;
    }

    // (b) 5 kill -9 during 4,000 events, spread over the 40 channels (one channel alone would take 4,000 s of pacing).
    private static async Task<int> KillsAsync(SlackEmulator emu, BotProcess bot, IReadOnlyList<string> channels)
    {
        var acked = new List<(string Channel, string Ts)>();
        for (var i = 0; i < 4000; i++)
        {
            if (i > 0 && i % 800 == 0)
            {
                bot.Kill();
                await bot.StartAsync();
            }

            var channel = channels[i % channels.Count];
            var result = await emu.PostUserMessageAsync(Ben, channel, $"Customer {i}: the invoice page {i} is slow");
            if (result.MessageDelivery?.Acked == true)
            {
                acked.Add((channel, result.Ts));
            }
        }

        var drain = Stopwatch.StartNew();
        await UntilAsync(() => InboxPending(bot) == 0 && OutboxPending(bot) == 0, Patience);
        var counts = acked.Select(m => FollowUps(emu, m.Channel, m.Ts)).ToList();
        Console.WriteLine($"kills: kills=5 acked_events={acked.Count} items={Items(bot)} follow_ups_once={counts.Count(c => c == 1)} missing={counts.Count(c => c == 0)} duplicates={counts.Sum(c => Math.Max(0, c - 1))} drained_after_last_event={drain.Elapsed.TotalSeconds:F1}s");
        return 0;
    }

    // (c) 3,000 commands with 5 kills.
    private static async Task<int> CommandsAsync(SlackEmulator emu, BotProcess bot)
    {
        var acked = 0;
        for (var i = 0; i < 3000; i++)
        {
            if (i > 0 && i % 600 == 0)
            {
                bot.Kill();
                await bot.StartAsync();
            }

            var result = await emu.SendSlashCommandAsync(Ana, EmulatorIds.SupportChannelId, "/feedback", $"Customer {i} wants SSO with provider {i}");
            acked += result.Acked ? 1 : 0;
        }

        await UntilAsync(() => InboxPending(bot) == 0, Patience);
        using var db = bot.Open();
        var duplicated = db.ExecuteScalar<long>("SELECT COUNT(*) FROM (SELECT text FROM feedback_items GROUP BY text HAVING COUNT(*) > 1)");
        Console.WriteLine($"commands: kills=5 acked={acked} items={Items(bot)} duplicated_items={duplicated} replies_via_response_url={emu.ResponseUrlPosts.All.Count}");
        return 0;
    }

    // (d) 1,000 messages over 40 channels, then 4,000 queued in one channel and /feedback help.
    private static async Task<int> ChannelsAsync(SlackEmulator emu, BotProcess bot, IReadOnlyList<string> channels)
    {
        var sent = new List<(string Channel, string Ts)>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            var channel = channels[i % channels.Count];
            sent.Add((channel, (await emu.PostUserMessageAsync(Ben, channel, $"Customer {i}: dark mode for page {i}")).Ts));
        }

        await UntilAsync(() => sent.All(m => FollowUps(emu, m.Channel, m.Ts) > 0), Patience);
        var spread = clock.Elapsed;

        var busy = channels[0];
        for (var i = 0; i < 4000; i++)
        {
            await emu.PostUserMessageAsync(Ben, busy, $"Queued {i}: the export {i} times out");
        }

        var help = Stopwatch.StartNew();
        var answer = await emu.SendSlashCommandAsync(Ana, EmulatorIds.SupportChannelId, "/feedback", "help");
        help.Stop();
        var inAck = answer.AckPayload?.ToJsonString().Contains("/feedback", StringComparison.Ordinal) == true;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"channels: messages=1000 channels={channels.Count} all_followed_up_in={spread.TotalSeconds:F1}s rate={1000 / spread.TotalSeconds:F1}/s; with 4000 queued in one channel: help_in_ack={inAck} help_ack_after={help.Elapsed.TotalSeconds:F2}s outbox_pending={OutboxPending(bot)}"));
        return 0;
    }

    private static int FollowUps(SlackEmulator emu, string channel, string ts) =>
        emu.Calls.All.Count(c => c.Method == "chat.postMessage" && c.Ok && c.Arg("channel") == channel && c.Arg("thread_ts") == ts && c.Arg("text")!.Contains(FollowUp, StringComparison.Ordinal));

    private static long Items(BotProcess bot) => bot.Scalar("SELECT COUNT(*) FROM feedback_items");

    private static long Permalinks(BotProcess bot) => bot.Scalar("SELECT COUNT(*) FROM feedback_items WHERE permalink IS NOT NULL");

    private static long OutboxPending(BotProcess bot) => bot.Scalar("SELECT COUNT(*) FROM slack_outbox WHERE status = 'pending'");

    private static long InboxPending(BotProcess bot) => bot.Scalar("SELECT COUNT(*) FROM slack_inbox WHERE status = 0");

    private static async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("the bench run did not finish in time");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private sealed class BotProcess(SlackEmulator emu, string botDll, string databasePath, IReadOnlyList<string> channels)
    {
        private Process? _process;

        public async Task StartAsync()
        {
            // A killed bot's socket closes on the emulator's side first, so the next one counts from zero.
            await UntilAsync(() => emu.OpenSocketCount == 0, TimeSpan.FromSeconds(60));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
            {
                botDll, "run", "--urls", "http://127.0.0.1:0",
                "--Slack:Mode=Socket", $"--Slack:BotToken={emu.BotToken}", $"--Slack:AppToken={emu.AppToken}",
                $"--Slack:SigningSecret={emu.SigningSecret}", $"--Slack:ApiBaseUrl={emu.ApiBaseUrl}",
                $"--Storage:DatabasePath={databasePath}", "--LocalMode:Enabled=false", "--Logging:LogLevel:Default=Warning",
            })
            {
                start.ArgumentList.Add(arg);
            }

            for (var i = 0; i < channels.Count; i++)
            {
                start.ArgumentList.Add($"--Feedback:PassiveChannels:{i}={channels[i]}");
            }

            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            await emu.WaitForSocketsAsync(1, TimeSpan.FromSeconds(120));
        }

        public void Kill()
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        public SqliteConnection Open()
        {
            var connection = new SqliteConnection($"Data Source={databasePath}");
            connection.Open();
            return connection;
        }

        public long Scalar(string sql)
        {
            try
            {
                using var connection = Open();
                return connection.ExecuteScalar<long>(sql);
            }
            catch (SqliteException)
            {
                return -1;
            }
        }
    }
}
