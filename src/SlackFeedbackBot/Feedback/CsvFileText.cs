using System.Diagnostics.CodeAnalysis;
using System.Text;
using UtfUnknown;

namespace SlackFeedbackBot.Feedback;

/// <summary>A file's text and the encoding it was read in.</summary>
public sealed record DecodedText(string Text, string EncodingName)
{
    public bool IsUtf8 => EncodingName == "utf-8";
}

/// <summary>
/// Reads a CSV file as people save it from a spreadsheet: UTF-8 with or without BOM, UTF-16 with BOM, or one of the
/// Western single-byte encodings Excel on Windows writes (Windows-1252, ISO-8859-1 and -15). Anything else is refused
/// with the encoding it looks like and the iconv line that converts it: read as UTF-8 it would import as "K�nnen".
/// </summary>
public static class CsvFileText
{
    // Latin-1 and Latin-9 differ from Windows-1252 only where 1252 has printable characters (0x80–0x9F) and in a handful
    // of Latin-9 letters; the detector cannot tell them apart on a short file, so all three are read as 1252.
    private static readonly HashSet<string> Western = new(StringComparer.OrdinalIgnoreCase) { "windows-1252", "iso-8859-1", "iso-8859-15" };

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvFileText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool TryDecode(byte[] bytes, string fileName, [NotNullWhen(true)] out DecodedText? decoded, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (Bom(bytes) is { } bom)
        {
            decoded = new DecodedText(bom.Encoding.GetString(bytes, bom.Length, bytes.Length - bom.Length), bom.Encoding.WebName);
            return true;
        }

        try
        {
            decoded = new DecodedText(StrictUtf8.GetString(bytes), "utf-8");
            return true;
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: ask the detector below.
        }

        var detected = CharsetDetector.DetectFromBytes(bytes).Detected;
        var windows1252 = Encoding.GetEncoding(1252).GetString(bytes);
        if (detected is not null && (Western.Contains(detected.EncodingName) || ReadsTheSame(detected.Encoding, bytes, windows1252)))
        {
            decoded = new DecodedText(windows1252, "windows-1252");
            return true;
        }

        decoded = null;
        var source = detected?.EncodingName ?? "WINDOWS-1252";
        error = $"{fileName} is not UTF-8 ({(detected is null ? "its encoding could not be recognised" : $"it looks like {detected.EncodingName}")}); " +
                $"convert it first, for example: iconv -f {source.ToUpperInvariant()} -t UTF-8 {Quote(fileName)} > {Quote(Path.GetFileNameWithoutExtension(fileName) + "-utf8.csv")}";
        return false;
    }

    // On a short file the detector often names a neighbour such as Windows-1250 for German or French text, which has
    // the same letters at the same bytes; when both read the same text, the choice does not matter.
    private static bool ReadsTheSame(Encoding? detected, byte[] bytes, string windows1252) =>
        detected is not null && detected.GetString(bytes) == windows1252;

    private static (Encoding Encoding, int Length)? Bom(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), 3),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => null,
    };

    private static string Quote(string name) => name.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '&' or ';' or '(' or ')')
        ? "'" + name.Replace("'", "'\\''", StringComparison.Ordinal) + "'"
        : name;
}
