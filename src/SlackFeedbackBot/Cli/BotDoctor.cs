using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Configuration;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// Checks what the bot needs before it runs: valid settings, a usable database, tokens Slack accepts, and the
/// scopes the features use. Prints one line per check and, for each problem, how to fix it.
/// </summary>
/// <param name="environment">The environment variables to read settings from; none: this process's.</param>
/// <param name="time">The clock that ages check-ins and leases; none: the system's.</param>
public sealed partial class BotDoctor(TextWriter output, BotEnvironment? environment = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Bot scopes the features use (as in deploy/slack/manifest.yml).</summary>
    public static readonly IReadOnlyList<string> RequiredScopes =
    [
        "app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "files:write",
        "im:write", "reactions:read", "users:read",
    ];

    public static readonly IReadOnlyList<string> OptionalScopes =
    [
        "channels:write.topic", "groups:history", "groups:read", "groups:write.topic", "im:history", "reactions:write", "usergroups:read", "usergroups:write", "users:read.email",
    ];

    private static readonly TimeSpan SlackPatience = TimeSpan.FromSeconds(15);

    private int _problems;
    private int _warnings;

    private enum TokenCheck
    {
        Works,
        Refused,
        Unreachable,
    }

    public async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        WebApplication app;
        bool local;
        try
        {
            var builder = BotHost.CreateBuilder(args, c =>
            {
                if (overrides is not null)
                {
                    c.AddInMemoryCollection(overrides);
                }
            }, environment);

            // Local mode supplies the emulator's tokens at start; check the other settings as they will run.
            local = LocalSlack.IsWanted(builder.Configuration);
            if (local)
            {
                builder.Configuration.AddInMemoryCollection(LocalSlack.Placeholders);
            }

            // The doctor prints its own lines, and says at once when Slack cannot be reached instead of retrying.
            builder.Logging.ClearProviders();
            builder.Services.UseSlackApiWithoutRetries(SlackPatience);
            app = builder.Build();
        }
        catch (Exception ex) when (StartupFailure.Explain(ex) is { } lines)
        {
            foreach (var line in lines)
            {
                Fail(line);
            }

            return Finish();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail($"The bot cannot be set up: {ex.Message} ({ex.GetType().Name}).");
            return Finish();
        }

        await using (app)
        {
            try
            {
                return await CheckAsync(app.Services, local, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail($"The check stopped: {ex.Message} ({ex.GetType().Name}).");
                return Finish();
            }
        }
    }

    private async Task<int> CheckAsync(IServiceProvider services, bool local, CancellationToken ct)
    {
        var report = ConfigurationCheck.Run(services);
        foreach (var problem in report.Problems)
        {
            Fail(problem);
        }

        if (report.IsValid)
        {
            Pass("Settings are valid.");
        }

        if (report.Sound<StorageOptions>())
        {
            CheckDatabase(services.GetRequiredService<IOptions<StorageOptions>>().Value);
        }

        if (local)
        {
            Info("No Slack bot token is set: `run` starts the built-in local Slack emulator. To connect a workspace set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (README: Connect a real Slack workspace).");
            return Finish();
        }

        if (!report.Sound<SlackOptions>())
        {
            Info("Skipped the checks with Slack until the Slack settings above are fixed.");
            return Finish();
        }

        var slack = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (await CheckBotTokenAsync(slack, ct) != TokenCheck.Works)
        {
            return Finish();
        }

        var api = services.GetRequiredService<ISlackApiClient>();
        if (slack.Mode == SlackMode.Socket)
        {
            await CheckAppTokenAsync(api, slack, ct);
        }
        else
        {
            Pass("HTTP mode: a signing secret is set; point Slack's request URLs at https://<your host>/slack/events.");
        }

        if (report.Sound<FeedbackOptions>() && report.Sound<DigestOptions>() && report.Sound<RotationsOptions>())
        {
            await CheckIdsAsync(services, api, ct);
        }

        return Finish();
    }

    private void CheckDatabase(StorageOptions storage)
    {
        if (storage.Provider == StorageProvider.Postgres)
        {
            CheckPostgres(storage);
            return;
        }

        // Where it lives was checked with the settings; here: what is in it.
        var path = Path.GetFullPath(storage.DatabasePath);
        if (!File.Exists(path))
        {
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
        }
        catch (SqliteException ex)
        {
            Fail($"Database {path} cannot be opened: {ex.Message}. Fix: check the path and its permissions, or restore a backup.");
        }
    }

    private async Task<TokenCheck> CheckBotTokenAsync(SlackOptions slack, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = SlackPatience };
        var baseUrl = slack.ApiBaseUrl.EndsWith('/') ? slack.ApiBaseUrl : slack.ApiBaseUrl + "/";
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "auth.test");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", slack.BotToken!.Trim());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var reason = ex is HttpRequestException { Message: { Length: > 0 } message } ? message.TrimEnd('.') : $"no answer within {SlackPatience.TotalSeconds:0} s";
            Fail($"Could not reach Slack at {baseUrl}: {reason}; check the network (or proxy) or {SettingName.Of("Slack:ApiBaseUrl")}.");
            return TokenCheck.Unreachable;
        }

        using (response)
        {
            JsonElement root;
            try
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                root = body.RootElement.Clone();
            }
            catch (JsonException)
            {
                Fail($"{baseUrl} answered HTTP {(int)response.StatusCode} with something that is not Slack's Web API; check {SettingName.Of("Slack:ApiBaseUrl")} (default https://slack.com/api/).");
                return TokenCheck.Unreachable;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
            {
                var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e.GetString() : $"HTTP {(int)response.StatusCode}";
                Fail($"Slack refused the bot token: {error}. Fix: copy the Bot User OAuth Token again (it changes when the app is reinstalled) into SLACK_BOT_TOKEN.");
                return TokenCheck.Refused;
            }

            var teamId = Text(root, "team_id");
            Pass($"Bot token works: workspace {Text(root, "team")} ({teamId}), bot user {Text(root, "user_id")}.");
            if (SlackWorkspaceCheck.TeamMismatch(slack.TeamId, teamId) is { } mismatch)
            {
                Fail(mismatch);
            }

            CheckScopes(response);
            return TokenCheck.Works;
        }
    }

    private void CheckScopes(HttpResponseMessage response)
    {
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

    private async Task CheckAppTokenAsync(ISlackApiClient api, SlackOptions slack, CancellationToken ct)
    {
        try
        {
            await api.OpenSocketConnectionAsync(ct);
            Pass("App-level token works: Socket Mode can connect.");
            Info("Every copy running with this app token gets a share of the events. GET /healthz shows this bot's open_connections and app_connections, Slack's count of all the app's connections (num_connections in its hello); more than ours means a stray copy, and the bot logs a warning. docs/operations.md (One bot per database) says how to find and stop it.");
        }
        catch (SlackApiException ex) when (ex.ErrorCode == "network_error")
        {
            Fail($"Could not reach Slack at {slack.ApiBaseUrl} to open a Socket Mode connection; check the network (or proxy) or {SettingName.Of("Slack:ApiBaseUrl")}.");
        }
        catch (SlackApiException ex)
        {
            Fail($"Socket Mode cannot connect: {ex.ErrorCode}. Fix: create an app-level token with connections:write (Basic Information → App-Level Tokens), set SLACK_APP_TOKEN, and turn Socket Mode on.");
        }
    }

    private async Task CheckIdsAsync(IServiceProvider services, ISlackApiClient api, CancellationToken ct)
    {
        var ids = ConfiguredSlackIds.From(services);
        if (ids.Count == 0)
        {
            return;
        }

        var unknown = await ConfiguredSlackIds.FindUnknownAsync(api, ids, ct);
        foreach (var line in unknown)
        {
            Warn(line);
        }

        if (unknown.Count == 0)
        {
            Pass($"Slack knows every channel and user id in the settings ({ids.Select(i => i.Id).Distinct().Count()}).");
        }
    }

    private static string Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    private void Pass(string line) => output.WriteLine("✔ " + line);

    private void Info(string line) => output.WriteLine("ℹ " + line);

    private void Warn(string line)
    {
        _warnings++;
        output.WriteLine("⚠ " + line);
    }

    private void Fail(string line)
    {
        _problems++;
        output.WriteLine("✘ " + line);
    }

    private int Finish()
    {
        var warnings = _warnings == 0 ? "" : $" {_warnings} warning(s).";
        output.WriteLine((_problems == 0 ? "No problems found." : $"{_problems} problem(s) found.") + warnings);
        return _problems == 0 ? 0 : 1;
    }
}
