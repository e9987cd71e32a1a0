using System.Text;
using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Tests.Feedback;

public sealed class CsvFileTextTests
{
    private const string German = "text,customer\nKönnen Sie die Größe ändern? Das Café ist süß.,Müller GmbH\nÜbersicht für Zoë,Bäckerei Weiß\n";

    static CsvFileTextTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [TestCase(1252)]
    [TestCase(28591)]
    public void WesternSingleByteFile_IsReadAsWindows1252(int codePage)
    {
        var bytes = Encoding.GetEncoding(codePage).GetBytes(German);

        Assert.That(CsvFileText.TryDecode(bytes, "old.csv", out var decoded, out var error), Is.True, error);
        Assert.That(decoded!.Text, Is.EqualTo(German));
        Assert.That(decoded.EncodingName, Is.EqualTo("windows-1252"));
    }

    [Test]
    public void Windows1252Punctuation_ComesThrough()
    {
        const string text = "text\n„Preis: 5 €“ – sagt Zoë’s Team\n";

        Assert.That(CsvFileText.TryDecode(Encoding.GetEncoding(1252).GetBytes(text), "old.csv", out var decoded, out var error), Is.True, error);
        Assert.That(decoded!.Text, Is.EqualTo(text));
    }

    [Test]
    public void Utf8_WithAndWithoutBom_IsReadAsUtf8()
    {
        var plain = Encoding.UTF8.GetBytes(German);
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(plain).ToArray();

        Assert.That(CsvFileText.TryDecode(plain, "a.csv", out var a, out _), Is.True);
        Assert.That(CsvFileText.TryDecode(withBom, "b.csv", out var b, out _), Is.True);
        Assert.That(a!.Text, Is.EqualTo(German));
        Assert.That(b!.Text, Is.EqualTo(German), "the BOM is not part of the first header");
        Assert.That(a.IsUtf8 && b.IsUtf8, Is.True);
    }

    [Test]
    public void Utf16WithBom_IsRead()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(German)).ToArray();

        Assert.That(CsvFileText.TryDecode(bytes, "unicode.txt", out var decoded, out _), Is.True);
        Assert.That(decoded!.Text, Is.EqualTo(German));
    }

    [Test]
    public void OtherEncoding_IsRefusedWithOneLineNamingItAndTheIconvCommand()
    {
        var russian = "text,customer\nМожно ли изменить размер окна в настройках приложения? Спасибо большое за помощь.,Рога и копыта\n";
        var bytes = Encoding.GetEncoding("koi8-r").GetBytes(russian);

        Assert.That(CsvFileText.TryDecode(bytes, "my export.csv", out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("my export.csv is not UTF-8 (it looks like koi8-r); convert it first, for example: iconv -f KOI8-R -t UTF-8 'my export.csv' > 'my export-utf8.csv'"));
        Assert.That(error, Does.Not.Contain("\n"));
    }
}
