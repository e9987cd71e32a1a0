using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Slack.Verification;

/// <summary>
/// Slack's v0 request signature: <c>v0=</c> + lowercase hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c>
/// keyed with the signing secret, accepted only while the timestamp is within five minutes of now (either side).
/// </summary>
public sealed class SlackRequestVerifier : ISlackRequestVerifier
{
    /// <summary>Requests whose timestamp is further than this from now are treated as replays.</summary>
    public const long ReplayWindowSeconds = 300;

    private const string VersionPrefix = "v0=";
    private const int HashSize = 32;
    private const int HexLength = HashSize * 2;
    private const int MaxTimestampLength = 19; // long.MaxValue has 19 digits

    // Above this size the base string is assembled in a pooled array rather than on the stack.
    private const int StackBaseStringLimit = 1024;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public SlackRequestVerifier(string signingSecret, TimeProvider time)
    {
        if (string.IsNullOrEmpty(signingSecret))
        {
            // An empty secret must never turn into "accept everything".
            throw new InvalidOperationException("Slack:SigningSecret is not configured; HTTP mode cannot verify requests without it.");
        }

        _key = Encoding.UTF8.GetBytes(signingSecret);
        _time = time;
    }

    public SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider time)
        : this(options.Value.SigningSecret ?? "", time)
    {
    }

    public bool IsValid(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader)
    {
        if (timestampHeader is null || signatureHeader is null
            || timestampHeader.Length is 0 or > MaxTimestampLength
            || signatureHeader.Length != VersionPrefix.Length + HexLength
            || !signatureHeader.StartsWith(VersionPrefix, StringComparison.Ordinal)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > ReplayWindowSeconds)
        {
            return false;
        }

        Span<char> expected = stackalloc char[HexLength];
        ComputeHex(_key, timestampHeader, rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(expected),
            MemoryMarshal.AsBytes(signatureHeader.AsSpan(VersionPrefix.Length)));
    }

    /// <summary>The <c>X-Slack-Signature</c> value Slack would send for this body and timestamp.</summary>
    public static string Sign(string signingSecret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        Span<char> hex = stackalloc char[HexLength];
        ComputeHex(Encoding.UTF8.GetBytes(signingSecret), timestamp.ToString(CultureInfo.InvariantCulture), body, hex);
        return string.Concat(VersionPrefix, hex);
    }

    /// <inheritdoc cref="Sign(string, long, ReadOnlySpan{byte})"/>
    public static string Sign(string signingSecret, long timestamp, string body) =>
        Sign(signingSecret, timestamp, Encoding.UTF8.GetBytes(body));

    private static void ComputeHex(byte[] key, string timestamp, ReadOnlySpan<byte> body, Span<char> hex)
    {
        // "v0:" + timestamp digits + ":" — the timestamp is ASCII digits, so one byte per char.
        var prefixLength = 3 + timestamp.Length + 1;
        var length = prefixLength + body.Length;
        byte[]? rented = null;
        var baseString = length <= StackBaseStringLimit
            ? stackalloc byte[StackBaseStringLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            "v0:"u8.CopyTo(baseString);
            Encoding.ASCII.GetBytes(timestamp, baseString[3..]);
            baseString[prefixLength - 1] = (byte)':';
            body.CopyTo(baseString[prefixLength..]);

            Span<byte> hash = stackalloc byte[HashSize];
            HMACSHA256.HashData(key, baseString[..length], hash);
            Convert.TryToHexStringLower(hash, hex, out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
