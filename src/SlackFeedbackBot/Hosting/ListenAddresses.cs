namespace SlackFeedbackBot.Hosting;

/// <summary>The addresses the bot listens on (<c>--urls</c> / <c>ASPNETCORE_URLS</c>), checked before Kestrel would refuse them at start.</summary>
public static class ListenAddresses
{
    public const string Setting = "urls (--urls or ASPNETCORE_URLS)";

    /// <summary>What is wrong with the listen addresses, with the fix; null when each one can be listened on.</summary>
    public static string? Problem(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            return null;
        }

        foreach (var address in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsListenAddress(address))
            {
                var shown = new string(address.Where(c => !char.IsControl(c)).Take(60).ToArray()).Replace("\"", "'", StringComparison.Ordinal);
                return $"{Setting} has \"{shown}\", not an address to listen on; write it like http://127.0.0.1:8080 or http://0.0.0.0:8080 (several separated by ;).";
            }
        }

        return null;
    }

    private static bool IsListenAddress(string address)
    {
        if (address.StartsWith("http://unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Kestrel takes * and + for "every address"; Uri does not.
        var host = address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(host, UriKind.Absolute, out var uri)
               && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
               && uri.Host.Length > 0;
    }
}
