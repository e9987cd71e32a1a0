using System.Security.Cryptography;

namespace SlackFeedbackBot.Emulator.Workspace;

/// <summary>Makes identifiers shaped like Slack's: an upper-case type letter followed by upper-case letters and digits.</summary>
public sealed class SlackIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private long _counter;

    /// <summary>e.g. prefix 'C' gives "C08K3M2Q7ZT": counter-based so ids sort by creation and never collide.</summary>
    public string Next(char prefix)
    {
        var n = Interlocked.Increment(ref _counter);
        Span<char> tail = stackalloc char[6];
        for (var i = tail.Length - 1; i >= 0; i--)
        {
            tail[i] = Alphabet[(int)(n % Alphabet.Length)];
            n /= Alphabet.Length;
        }
        return $"{prefix}08{RandomLetters(2)}{tail}";
    }

    public static string RandomLetters(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(26)];
        return new string(chars);
    }

    public static string RandomHex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    public static string RandomDigits(int length)
    {
        var chars = new char[length];
        chars[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < length; i++) chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        return new string(chars);
    }
}

/// <summary>Hands out message timestamps ("1732390000.000100") that are strictly increasing, as Slack guarantees per channel.</summary>
public sealed class MessageClock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _lastMicros;

    public string NextTs()
    {
        lock (_gate)
        {
            var micros = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
            _lastMicros = Math.Max(micros, _lastMicros + 1);
            return Format(_lastMicros);
        }
    }

    /// <summary>Makes every later ts come after <paramref name="ts"/> (a message restored from a file).</summary>
    public void Observe(string ts)
    {
        var parts = ts.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var seconds) || !long.TryParse(parts[1], out var micros)) return;
        lock (_gate) _lastMicros = Math.Max(_lastMicros, seconds * 1_000_000 + micros);
    }

    public static string Format(long micros) => $"{micros / 1_000_000}.{micros % 1_000_000:D6}";
}
