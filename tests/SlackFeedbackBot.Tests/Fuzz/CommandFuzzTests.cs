using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations.Slack;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Fuzz;

/// <summary>
/// Thousands of random and adversarial texts, from a fixed seed, for every /feedback and /support subcommand and every
/// text field of the feedback modals, sent to the real bot through the emulator: each gets a friendly answer (never the
/// "failed on our side" apology), Slack refuses nothing the bot sends, and no request is left parked or pending.
/// </summary>
public sealed class CommandFuzzTests
{
    private const int Seed = 20261201;
    private const string User = "U0DEFAULT1";
    private const string Channel = "C0GENERAL1";
    private const string Apology = "failed on our side";

    private static readonly string[] FeedbackWords = ["", "help", "?", "list", "show", "search", "reclassify", "resolve", "same", "digest", "customer:", "ideas"];
    private static readonly string[] SupportWords = ["", "help", "?", "create", "edit", "join", "leave", "now", "schedule", "swap", "away", "ack", "handoff"];

    private static readonly string[] Fragments =
    [
        "\"", "\"\"", "'", "`", "```", "*", "**", "-", "^", ":", "(", ")", "()", "((", "))", "NEAR", "NEAR(a b, 2)", "AND", "OR", "NOT",
        "a*", "\"a\" OR \"b\"", "col:term", "{a b}", "+", "\\", "/", "%", "_", "[", "]", ";", "--", "/*", "*/", "' OR 1=1 --",
        "<!channel>", "<!here>", "<!everyone>", "<@U0DEFAULT1>", "<@U1|x>", "<#C0GENERAL1>", "<#C1|general>", "<!subteam^S1|@team>",
        "<http://x|y>", "<https://example.com>", "<mailto:a@b.c|mail>", "&amp;", "&lt;", "&gt;", "<", ">", "&", "<>",
        "\0", "a\0b", "\u0001", "\u0007", "\b", "\t", "\n", "\r\n", "\u001b[31m", "\u007f", "\u0085", "\u2028", "\u2029", "\u200b", "\ufeff", "\ufffd",
        "\u202e", "\u202dabc\u202c", "مرحبا بالعالم", "שלום", "Ελληνικά", "日本語のテキスト", "한국어", "𝕳𝖊𝖑𝖑𝖔", "😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇪🇺",
        "e\u0301", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "\ud83d\ude00\ud83d\ude00\ud83d\ude00",
        "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "0000-00-00", "-1", "-2026-01-01", "2026-12-24", "2027-01-02", "today", "tomorrow",
        "next monday", "dec 24", "31 feb", "jan 0", "to", "until", "-", "–",
        "0", "1", "-1", "42", "#1", "#999999", "99999999999999999999", "1e309", "NaN", "-0", "0x10", "1,5", "9223372036854775807", "-9223372036854775808",
        "support", "rotation", "U0DEFAULT1", "@U0DEFAULT1", "every", "monday", "9:00", "25:99", "1d", "0s", "-1h", "100000d", "Europe/Berlin", "Nowhere/Zone",
        "positioning", "user_experience", "unclassified", "product_marketing", "null", "undefined", "{}", "[]", "{\"a\":1}", "%s%s%s", "{0}", "${x}",
    ];

    private static readonly string[] EdgeDates = ["0001-01-01", "9999-12-31", "9999-12-30", "2026-02-30", "2026-13-01", "0000-00-00", "-0001-01-01", "2028-02-29", ""];

    private BotTestHost _host = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        SeedDemoWorkspace = false,
        Settings =
        {
            // Captures and answers post at once: the fuzz is about answers, not about Slack's pace.
            ["Slack:PostPacing:IntervalPerChannel"] = "0s",

            // The person typing runs a rotation and is on it, so /support subcommands go past "you're not on a rotation".
            ["Rotations:Admins:0"] = User,
            ["Rotations:Rotations:0:Name"] = "support",
            ["Rotations:Rotations:0:SupportChannel"] = Channel,
            ["Rotations:Rotations:0:Owners:0"] = User,
            ["Rotations:Rotations:0:TimeZone"] = "UTC",
            ["Rotations:Rotations:0:Members:0:UserId"] = User,
        },
    });

    [OneTimeTearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task RandomAndAdversarialInput_GetsAFriendlyAnswer_AndLeavesNothingParked()
    {
        TestContext.Progress.WriteLine($"Fuzz seed {Seed}");
        var random = new Random(Seed);

        // The worst cases, each once and first (before a random `leave` takes the person off the rotation).
        var worst = new List<(string Command, string Text)>();
        foreach (var command in new[] { "/feedback", "/support" })
        {
            foreach (var word in command == "/feedback" ? FeedbackWords : SupportWords)
            {
                worst.Add((command, Join(word, new string('x', 40_000))));
                worst.Add((command, Join(word, "a\0b")));
                worst.Add((command, Join(word, "9999-12-31 9999-12-31")));
                worst.Add((command, Join(word, "0001-01-01 0001-01-01")));
                worst.Add((command, Join(word, "2026-02-30 -1")));
            }
        }

        // A bare `/support swap` opens a modal instead of answering in words.
        worst.Add(("/support", "swap"));

        var inputs = new List<(string Command, string Text)>();
        foreach (var word in FeedbackWords)
        {
            for (var i = 0; i < 110; i++)
            {
                inputs.Add(("/feedback", Join(word, Text(random))));
            }
        }

        foreach (var word in SupportWords)
        {
            for (var i = 0; i < 100; i++)
            {
                inputs.Add(("/support", Join(word, Text(random))));
            }
        }

        var problems = new ConcurrentQueue<string>();
        var laterReplies = new ConcurrentQueue<(string Url, string? TriggerId, string Input)>();
        var clock = Stopwatch.StartNew();
        async ValueTask SendAsync((string Command, string Text) input, CancellationToken ct)
        {
            var result = await _host.Slack.SendSlashCommandAsync(User, Channel, input.Command, input.Text, ct);
            var answer = result.AckPayload?["text"]?.GetValue<string>();
            if (!result.Acked)
            {
                problems.Enqueue($"not acked ({result.Error}): {Describe(input)}");
            }
            else if (answer is null)
            {
                laterReplies.Enqueue((result.ResponseUrl!, result.TriggerId, Describe(input)));
            }
            else if (answer.Contains(Apology, StringComparison.Ordinal) || answer.Trim().Length == 0)
            {
                problems.Enqueue($"answered \"{Short(answer)}\": {Describe(input)}");
            }
        }

        // The rotation from configuration is stored and planned at start; the fuzz begins once it has a shift.
        await Eventually.ThatAsync(
            async () => (await _host.Slack.SendSlashCommandAsync(User, Channel, "/support", "now")).AckPayload?["text"]?.GetValue<string>()?.Contains("Next: <@" + User, StringComparison.Ordinal) == true,
            "the rotation is planned",
            TimeSpan.FromSeconds(30));

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        await Parallel.ForEachAsync(worst, parallel, SendAsync);
        await Parallel.ForEachAsync(inputs, parallel, SendAsync);
        TestContext.Progress.WriteLine($"{worst.Count + inputs.Count} commands in {clock.Elapsed.TotalSeconds:0.0} s; {laterReplies.Count} answered after the ack");

        var modals = await SubmitModalsAsync(random, problems);
        TestContext.Progress.WriteLine($"{modals} modal submissions; {clock.Elapsed.TotalSeconds:0.0} s in all");

        await Eventually.ThatAsync(
            () => InboxCount("status <> 1") == 0,
            "every request is handled (none pending, none parked)",
            TimeSpan.FromSeconds(60),
            () => string.Join("; ", Parked()));
        // An empty ack is an answer when the reply came to the response_url or the command opened a modal.
        foreach (var (url, triggerId, input) in laterReplies)
        {
            if (!_host.Slack.ResponseUrlPosts.All.Any(p => p.Url == url)
                && !_host.Slack.Calls.All.Any(c => c.Method == "views.open" && c.Args["trigger_id"]?.ToString() == triggerId))
            {
                problems.Enqueue($"no answer at all: {input}");
            }
        }

        foreach (var said in _host.Slack.ResponseUrlPosts.All.Select(p => p.Text ?? "").Concat(_host.Slack.Workspace.Messages.Select(m => m.Text ?? "")))
        {
            if (said.Contains(Apology, StringComparison.Ordinal))
            {
                problems.Enqueue($"apologised: {Short(said)}");
            }
        }

        Assert.That(problems, Is.Empty, $"seed {Seed}");
        Assert.That(Parked(), Is.Empty);
    }

    // Each feedback modal, opened by the bot as a person would open it, submitted with random text in every text field.
    private async Task<int> SubmitModalsAsync(Random random, ConcurrentQueue<string> problems)
    {
        var posted = await _host.Slack.PostUserMessageAsync(User, Channel, "A customer said the export is slow");
        var openers = new (string Callback, Func<Task> Open)[]
        {
            (FeedbackModals.NewCallback, () => _host.Slack.SendGlobalShortcutAsync(User, NewFeedbackShortcut.CallbackId)),
            (FeedbackModals.CaptureCallback, () => _host.Slack.SendMessageShortcutAsync(User, Channel, posted.Ts, CaptureMessageShortcut.CallbackId)),
            (HomeAwayAction.ModalCallbackId, OpenAwayModalFromHomeAsync),
        };
        var count = 0;
        foreach (var (callback, open) in openers)
        {
            for (var i = 0; i < 120; i++)
            {
                var view = await OpenModalAsync(callback, open);
                var values = new Dictionary<string, Dictionary<string, string>>();
                foreach (var (block, action, input) in Inputs(view.View))
                {
                    var element = input["element"]!.AsObject();
                    var type = element["type"]?.GetValue<string>();
                    if (type == "plain_text_input")
                    {
                        var max = element["max_length"]?.GetValue<int>() ?? 3000;
                        var text = i % 40 == 0 ? new string('y', max) : Text(random);
                        values[block] = new Dictionary<string, string> { [action] = text.Length > max ? text[..max] : text };
                    }
                    else if (type == "datepicker")
                    {
                        values[block] = new Dictionary<string, string> { [action] = Date(random) };
                    }
                    else if (type == "static_select" && element["options"] is JsonArray options && options.Count > 0 && random.Next(2) == 0)
                    {
                        values[block] = new Dictionary<string, string> { [action] = options[random.Next(options.Count)]!["value"]!.GetValue<string>() };
                    }
                }

                var result = await _host.Slack.SubmitViewAsync(User, view.Id, values);
                count++;
                if (!result.Acked || result.AckError is not null)
                {
                    problems.Enqueue($"{callback} submission not acked ({result.Error ?? result.AckError}): {string.Join(" | ", values.Select(v => Short(v.Value.Values.Single())))}");
                }
            }
        }

        return count;
    }

    // The Home tab's "I'll be away" button opens the time-away modal.
    private async Task OpenAwayModalFromHomeAsync()
    {
        await _host.Slack.SendAppHomeOpenedAsync(User);
        StoredView? home = null;
        await Eventually.ThatAsync(() => (home = _host.Slack.Workspace.HomeView(User)) is not null, "the bot publishes the Home tab", TimeSpan.FromSeconds(30));
        await _host.Slack.ClickViewButtonAsync(User, home!.Id, SupportHome.AwayActionId);
    }

    // A date picker sends a date, but which one is up to the person: the edges of the calendar included.
    private static string Date(Random random) => random.Next(4) switch
    {
        0 => EdgeDates[random.Next(EdgeDates.Length)],
        1 => $"{random.Next(1, 10000):D4}-{random.Next(1, 13):D2}-{random.Next(1, 32):D2}",
        2 => new DateOnly(2026, 1, 1).AddDays(random.Next(0, 3000)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => Text(random),
    };

    private async Task<StoredView> OpenModalAsync(string callback, Func<Task> open)
    {
        var current = Modal(callback);
        if (current is not null)
        {
            return current;
        }

        await open();
        StoredView? opened = null;
        await Eventually.ThatAsync(() => (opened = Modal(callback)) is not null, $"the bot opens the {callback} modal", TimeSpan.FromSeconds(30));
        return opened!;
    }

    private StoredView? Modal(string callback) =>
        _host.Slack.Workspace.ModalStack(User).LastOrDefault(v => v.View["callback_id"]?.GetValue<string>() == callback);

    private static IEnumerable<(string Block, string Action, JsonObject Input)> Inputs(JsonObject view)
    {
        foreach (var block in view["blocks"]?.AsArray() ?? [])
        {
            if (block is JsonObject input && input["type"]?.GetValue<string>() == "input" && input["block_id"] is { } id && input["element"]?["action_id"] is { } action)
            {
                yield return (id.GetValue<string>(), action.GetValue<string>(), input);
            }
        }
    }

    private static string Text(Random random)
    {
        var builder = new StringBuilder();
        switch (random.Next(10))
        {
            case 0:
                // Random code units, lone surrogates included: what a broken client could send.
                for (var i = random.Next(1, 60); i > 0; i--)
                {
                    builder.Append((char)random.Next(0, 0x10000));
                }

                return ToValidText(builder.ToString());
            case 1:
                return new string(Fragments[random.Next(Fragments.Length)][0], random.Next(1, 4000));
            default:
                for (var i = random.Next(1, 8); i > 0; i--)
                {
                    builder.Append(Fragments[random.Next(Fragments.Length)]);
                    if (random.Next(3) > 0)
                    {
                        builder.Append(' ');
                    }
                }

                return builder.ToString();
        }
    }

    // Slack's JSON cannot carry a lone surrogate (the endpoint answers 400 to one), so none is sent as a person's text.
    private static string ToValidText(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\ufffd';
            }
        }

        return new string(chars);
    }

    private static string Join(string word, string text) => word.Length == 0 ? text : word + " " + text;

    private static string Describe((string Command, string Text) input) => $"{input.Command} `{Short(input.Text)}`";

    private static string Short(string text)
    {
        var visible = new string(text.Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return visible.Length > 80 ? visible[..80] + $"… ({text.Length} chars)" : visible;
    }

    private long InboxCount(string condition)
    {
        using var connection = _host.Database.Open();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM slack_inbox WHERE {condition}");
    }

    private List<string> Parked()
    {
        using var connection = _host.Database.Open();
        return connection.Query<(string Kind, string? Error, string Payload)>("SELECT kind, last_error, payload FROM slack_inbox WHERE status <> 1")
            .Select(r => $"{r.Kind}: {r.Error} ({Short(r.Payload)})").ToList();
    }
}
