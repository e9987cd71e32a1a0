using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// Checks what the bot needs before it runs: valid settings, a usable database, tokens Slack accepts, and the
/// scopes the features use. Prints one line per check and, for each problem, how to fix it.
/// </summary>
public sealed class BotDoctor(TextWriter output)
{
    /// <summary>Bot scopes the features use (as in deploy/slack/manifest.yml).</summary>
    public static readonly IReadOnlyList<string> RequiredScopes =
    [
        "app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "files:write",
        "im:write", "reactions:read", "users:read",
    ];

    public static readonly IReadOnlyList<string> OptionalScopes =
    [
        "channels:write.topic", "groups:history", "groups:read", "groups:write.topic", "im:history", "reactions:write", "usergroups:read", "usergroups:write",
    ];

    private int _problems;

    public async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        var local = LocalSlack.IsWanted(BotHost.CreateBuilder(args, overrides is null ? null : c => c.AddInMemoryCollection(overrides)).Configuration);
        var builder = BotHost.CreateBuilder(args, c =>
        {
            if (overrides is not null)
            {
                c.AddInMemoryCollection(overrides);
            }

            // Local mode supplies the emulator's tokens at start; check the other settings as they will run.
            if (local)
            {
                c.AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:Mode"] = "Socket", ["Slack:BotToken"] = "xoxb-local", ["Slack:AppToken"] = "xapp-local" });
            }
        });
        await using var app = builder.Build();
        var services = app.Services;

        if (!CheckSettings(services))
        {
            return Finish();
        }

        var slack = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        CheckDatabase(services.GetRequiredService<IOptions<StorageOptions>>().Value);
        if (local)
        {
            Info("No Slack bot token is set: `run` starts the built-in local Slack emulator. To connect a workspace set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (README: Connect a real Slack workspace).");
            return Finish();
        }

        await CheckBotTokenAsync(slack, ct);
        if (slack.Mode == SlackMode.Socket)
        {
            await CheckAppTokenAsync(services.GetRequiredService<ISlackApiClient>(), ct);
        }
        else
        {
            Pass("HTTP mode: a signing secret is set; point Slack's request URLs at https://<your host>/slack/events.");
        }

        return Finish();
    }

    private bool CheckSettings(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            Pass("Settings are valid.");
            return true;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Fail($"Setting: {failure}");
            }

            output.WriteLine("  Fix: see appsettings.example.json and docs/configuration.md for every setting and its environment variable.");
            return false;
        }
    }

    private void CheckDatabase(StorageOptions storage)
    {
        var path = Path.GetFullPath(storage.DatabasePath);
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(path)!;
            var existing = folder;
            while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            {
                existing = parent;
            }

            if (!CanWrite(existing))
            {
                Fail($"Database {path} does not exist and {existing} is not writable. Fix: set Storage:DatabasePath (env STORAGE__DATABASEPATH) to a writable place.");
                return;
            }

            Pass($"Database {path} will be created at the first start.");
            return;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var integrity = connection.ExecuteScalar<string>("PRAGMA quick_check;");
            var version = connection.ExecuteScalar<int>("PRAGMA user_version;");
            if (integrity != "ok")
            {
                Fail($"Database {path} failed its integrity check ({integrity}). Fix: restore the latest backup (docs/operations.md).");
            }
            else if (version > Migrator.LatestVersion)
            {
                Fail($"Database {path} is at schema version {version}, newer than this build ({Migrator.LatestVersion}). Fix: run the newer version of the bot, or restore a backup.");
            }
            else if (version < Migrator.LatestVersion)
            {
                Pass($"Database {path} is at schema version {version}; the next start (or `migrate`) brings it to {Migrator.LatestVersion}.");
            }
            else
            {
                Pass($"Database {path} is up to date (schema version {version}).");
            }

            if (!CanWrite(Path.GetDirectoryName(path)!))
            {
                Fail($"The folder of {path} is not writable; SQLite needs it for its journal. Fix: give the bot's user write access.");
            }
        }
        catch (SqliteException ex)
        {
            Fail($"Database {path} cannot be opened: {ex.Message}. Fix: check the path and its permissions, or restore a backup.");
        }
    }

    private async Task CheckBotTokenAsync(SlackOptions slack, CancellationToken ct)
    {
        if (!slack.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            Fail("SLACK_BOT_TOKEN does not look like a bot token (xoxb-...). Fix: copy the Bot User OAuth Token from OAuth & Permissions.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var baseUrl = slack.ApiBaseUrl.EndsWith('/') ? slack.ApiBaseUrl : slack.ApiBaseUrl + "/";
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "auth.test");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", slack.BotToken);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Fail($"Slack cannot be reached at {baseUrl}: {ex.Message}. Fix: check the network or proxy, and Slack:ApiBaseUrl.");
            return;
        }

        using (response)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = body.RootElement;
            if (!root.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : $"HTTP {(int)response.StatusCode}";
                Fail($"Slack refused the bot token: {error}. Fix: copy the Bot User OAuth Token again (it changes when the app is reinstalled) into SLACK_BOT_TOKEN.");
                return;
            }

            Pass($"Bot token works: workspace {Text(root, "team")} ({Text(root, "team_id")}), bot user {Text(root, "user_id")}.");
            if (!response.Headers.TryGetValues("x-oauth-scopes", out var values))
            {
                Info("Slack did not report the token's scopes; skipped the scope check.");
                return;
            }

            var granted = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
            var missing = RequiredScopes.Where(s => !granted.Contains(s)).ToList();
            var missingOptional = OptionalScopes.Where(s => !granted.Contains(s)).ToList();
            if (missing.Count > 0)
            {
                Fail($"The bot token lacks scopes: {string.Join(", ", missing)}. Fix: add them under OAuth & Permissions (or recreate the app from deploy/slack/manifest.yml) and reinstall the app.");
            }
            else
            {
                Pass("The bot token has every scope the features need.");
            }

            if (missingOptional.Count > 0)
            {
                Info($"Optional scopes not granted (topics, user groups, private channels, DMs): {string.Join(", ", missingOptional)}.");
            }
        }
    }

    private async Task CheckAppTokenAsync(ISlackApiClient api, CancellationToken ct)
    {
        try
        {
            await api.OpenSocketConnectionAsync(ct);
            Pass("App-level token works: Socket Mode can connect.");
            Info("Every copy running with this app token gets a share of the events; GET /healthz shows this bot's open_connections, and docs/operations.md (One bot per database) how to find a stray copy.");
        }
        catch (SlackApiException ex)
        {
            Fail($"Socket Mode cannot connect: {ex.ErrorCode}. Fix: create an app-level token with connections:write (Basic Information → App-Level Tokens), set SLACK_APP_TOKEN, and turn Socket Mode on.");
        }
    }

    private static string Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    private static bool CanWrite(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".doctor-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void Pass(string line) => output.WriteLine("✔ " + line);

    private void Info(string line) => output.WriteLine("ℹ " + line);

    private void Fail(string line)
    {
        _problems++;
        output.WriteLine("✘ " + line);
    }

    private int Finish()
    {
        output.WriteLine(_problems == 0 ? "No problems found." : $"{_problems} problem(s) found.");
        return _problems == 0 ? 0 : 1;
    }
}
