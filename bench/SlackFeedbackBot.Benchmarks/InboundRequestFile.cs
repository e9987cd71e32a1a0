using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SlackFeedbackBot.Benchmarks;

/// <summary>
/// Writes distinct, signed Events API deliveries for the inbound load run: one line per request,
/// "timestamp signature body", read by inbound-load.lua. Signatures are made now, so the file is
/// good for Slack's five-minute window.
/// </summary>
public static class InboundRequestFile
{
    public static int Write(string[] args)
    {
        if (args.Length < 3 || !int.TryParse(args[2], out var count))
        {
            Console.Error.WriteLine("usage: inbound-requests <signing-secret> <output-file> <count> [team-id] [channel_created|message] [first-number]");
            return 2;
        }

        var secret = Encoding.UTF8.GetBytes(args[0]);
        var team = args.Length > 3 ? args[3] : "T0LOAD";
        var messages = args.Length > 4 && args[4] == "message";
        // Runs that feed one bot several files number their events on from where the last file stopped.
        var first = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var output = new StreamWriter(args[1], append: false, new UTF8Encoding(false), 1 << 20);
        for (var i = first; i < first + count; i++)
        {
            var n = i.ToString("D9", CultureInfo.InvariantCulture);
            var inner = messages
                ? "{\"type\":\"message\",\"user\":\"U0ANA00001\",\"channel\":\"C0GENERAL1\",\"text\":\"load message " + n + "\",\"ts\":\"" + timestamp + "." + (i % 1000000).ToString("D6", CultureInfo.InvariantCulture) + n[..3] + "\"}"
                : "{\"type\":\"channel_created\",\"channel\":{\"id\":\"C" + n + "\",\"name\":\"load-" + n + "\",\"created\":" + timestamp + ",\"creator\":\"U0LOAD\"},\"event_ts\":\"" + timestamp + "." + (i % 1000000).ToString("D6", CultureInfo.InvariantCulture) + "\"}";
            var body = "{\"type\":\"event_callback\",\"token\":\"x\",\"team_id\":\"" + team + "\",\"api_app_id\":\"A0LOAD\",\"event_id\":\"EvLOAD" + n
                + "\",\"event_time\":" + timestamp + ",\"event\":" + inner + "}";
            var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
            output.Write(timestamp);
            output.Write(' ');
            output.Write("v0=");
            output.Write(Convert.ToHexStringLower(mac));
            output.Write(' ');
            output.Write(body);
            output.Write('\n');
        }

        return 0;
    }
}
