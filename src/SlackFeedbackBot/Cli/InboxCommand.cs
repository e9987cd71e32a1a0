using System.CommandLine;
using System.Globalization;
using SlackFeedbackBot.Slack.Hosting;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// <c>inbox parked</c>, <c>inbox retry ID|--all</c>, <c>inbox drop ID|--all</c>: the Slack requests whose handling
/// failed and was parked, on SQLite or PostgreSQL. These run beside a running bot (each change is one short statement,
/// and a request set back to pending is picked up by the bot, or by one of the instances, within seconds); unlike
/// <c>migrate</c> they change no schema.
/// </summary>
public static class InboxCommand
{
    public static Command Create(BotConsole console)
    {
        var inbox = new Command("inbox", "Look at the Slack requests whose handling failed and was parked; retry or drop them.");

        var listDb = BotCommandLine.DbOption();
        var parked = new Command("parked", "List the parked requests: id, kind, when, attempts and the last error.") { listDb };
        parked.SetAction((result, ct) => RunAsync(console, result.GetValue(listDb), requests => ListAsync(requests, console.Out, ct)));
        inbox.Add(parked);

        inbox.Add(Change(console, "retry", "Set a parked request (or --all) back to pending: the running bot handles it again within seconds, else the next start does.", RetryAsync));
        inbox.Add(Change(console, "drop", "Delete a parked request (or --all) for good.", DropAsync));
        return inbox;
    }

    private delegate Task<int> ChangeAction(ParkedRequests requests, long? id, BotConsole console, CancellationToken ct);

    private static Command Change(BotConsole console, string name, string description, ChangeAction action)
    {
        var db = BotCommandLine.DbOption();
        var id = new Argument<string?>("id") { Description = "The parked request's id, as `inbox parked` lists it.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every parked request." };
        var command = new Command(name, description) { id, all, db };
        command.SetAction((result, ct) =>
        {
            var typed = result.GetValue(id);
            var everything = result.GetValue(all);
            if (everything == (typed is not null))
            {
                console.Error.WriteLine($"Give either a request id or --all, e.g. `inbox {name} 42` or `inbox {name} --all`; `inbox parked` lists the ids.");
                return Task.FromResult(1);
            }

            long? requestId = null;
            if (typed is not null)
            {
                if (!long.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    console.Error.WriteLine($"\"{Shown(typed)}\" is not a request id: ids are whole numbers, as `inbox parked` lists them.");
                    return Task.FromResult(1);
                }

                requestId = parsed;
            }

            return RunAsync(console, result.GetValue(db), requests => action(requests, requestId, console, ct));
        });
        return command;
    }

    private static Task<int> RunAsync(BotConsole console, FileInfo? db, Func<ParkedRequests, Task<int>> action) =>
        CliDatabase.RunAsync(console, db, async database =>
        {
            var requests = new ParkedRequests(
                database.ConnectionString,
                database.Provider == StorageProvider.Postgres ? SlackStorageProvider.Postgres : SlackStorageProvider.Sqlite);
            if (!await requests.ExistsAsync(CancellationToken.None))
            {
                console.Out.WriteLine($"No Slack requests have been received into {CliDatabase.Describe(database)} yet, so none are parked.");
                return 0;
            }

            return await action(requests);
        }, migrate: false);

    private static async Task<int> ListAsync(ParkedRequests requests, TextWriter output, CancellationToken ct)
    {
        var parked = await requests.ListAsync(ct);
        if (parked.Count == 0)
        {
            await output.WriteLineAsync("No parked Slack requests.");
            return 0;
        }

        await output.WriteLineAsync($"{parked.Count} parked Slack request{(parked.Count == 1 ? "" : "s")}:");
        foreach (var request in parked)
        {
            var when = (request.ParkedAt ?? request.ReceivedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var attempts = request.Attempts == 1 ? "1 attempt" : $"{request.Attempts} attempts";
            await output.WriteLineAsync($"  {request.Id}  {request.Kind}  parked {when}  {attempts}  {Shown(request.LastError ?? "(no error kept)")}");
        }

        await output.WriteLineAsync("Retry one with `inbox retry ID` (or --all), or drop it with `inbox drop ID` (or --all).");
        return 0;
    }

    private static async Task<int> RetryAsync(ParkedRequests requests, long? id, BotConsole console, CancellationToken ct)
    {
        var output = console.Out;
        if (id is not { } one)
        {
            var count = await requests.RetryAllAsync(ct);
            await output.WriteLineAsync(count == 0 ? "No parked Slack requests to retry." : $"{count} parked Slack request{(count == 1 ? " is" : "s are")} pending again; the running bot handles them within seconds, or the next start does.");
            return 0;
        }

        if (!await requests.RetryAsync(one, ct))
        {
            await console.Error.WriteLineAsync($"No parked Slack request has id {one}; `inbox parked` lists them.");
            return 1;
        }

        await output.WriteLineAsync($"Request {one} is pending again; the running bot handles it within seconds, or the next start does.");
        return 0;
    }

    private static async Task<int> DropAsync(ParkedRequests requests, long? id, BotConsole console, CancellationToken ct)
    {
        var output = console.Out;
        if (id is not { } one)
        {
            var count = await requests.DropAllAsync(ct);
            await output.WriteLineAsync(count == 0 ? "No parked Slack requests to drop." : $"Dropped {count} parked Slack request{(count == 1 ? "" : "s")}.");
            return 0;
        }

        if (!await requests.DropAsync(one, ct))
        {
            await console.Error.WriteLineAsync($"No parked Slack request has id {one}; `inbox parked` lists them.");
            return 1;
        }

        await output.WriteLineAsync($"Dropped request {one}.");
        return 0;
    }

    // Errors and typed ids are printed on one line, without control characters.
    private static string Shown(string text)
    {
        var flat = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return flat.Length > 200 ? flat[..200] + "…" : flat;
    }
}
