using System.Security.Cryptography;
using System.Text;

namespace SlackFeedbackBot.Emulator.Delivery;

/// <summary>Slack's v0 request signature: "v0=" + hex(HMAC-SHA256(secret, "v0:{timestamp}:{body}")).</summary>
public static class RequestSigner
{
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message));
    }
}
