using System.CommandLine;
using System.Net.Sockets;

namespace SlackFeedbackBot.Cli;

/// <summary>
/// `health`: asks a running bot's <c>/healthz/live</c> and exits 0 when it answers 200, else 1, with one line either way.
/// The container's HEALTHCHECK runs it, so the image needs no curl.
/// </summary>
public static class HealthCommand
{
    public const string DefaultAddress = "http://127.0.0.1:8080";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create(BotConsole console)
    {
        var url = new Option<string?>("--url")
        {
            Description = $"The bot's address (default: the first of ASPNETCORE_URLS, else {DefaultAddress}).",
        };
        var command = new Command("health", "Ask the running bot whether it is alive (GET /healthz/live): exit 0 when it is, 1 when not.") { url };
        command.SetAction((result, ct) => CheckAsync(result.GetValue(url) ?? console.Environment["ASPNETCORE_URLS"], console.Out, ct));
        return command;
    }

    public static async Task<int> CheckAsync(string? address, TextWriter output, CancellationToken ct)
    {
        if (LiveUri(address) is not { } live)
        {
            output.WriteLine($"\"{address}\" is not a web address; give it like --url {DefaultAddress}.");
            return 1;
        }

        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(live, ct);
            if (response.IsSuccessStatusCode)
            {
                output.WriteLine($"Alive: {live} answered {(int)response.StatusCode}.");
                return 0;
            }

            output.WriteLine($"Not alive: {live} answered {(int)response.StatusCode}; see the bot's log.");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.Message;
            output.WriteLine($"Not alive: nothing answered at {live} ({why}); is the bot running and listening there (--url)?");
            return 1;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            output.WriteLine($"Not alive: {live} gave no answer within {Timeout.TotalSeconds:0} s.");
            return 1;
        }
    }

    /// <summary>The live endpoint of the first listen address; an address that listens everywhere is asked on loopback.</summary>
    public static Uri? LiveUri(string? addresses)
    {
        var first = (addresses ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultAddress;
        first = first.Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return Uri.TryCreate(first, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new Uri(uri, "/healthz/live")
            : null;
    }
}
