using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

/// <summary>`import` and `export` through the executable's entry point, on CSV files as spreadsheets save them.</summary>
public sealed class ImportEncodingTests
{
    private const string German = "text,customer\nKönnen Sie die Größe ändern?,Müller GmbH\nDas Café ist zu süß,Bäckerei Weiß\n";

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _dir = new TempDirectory();
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string Db => _dir.File("bot.db");

    [TestCase(1252, "windows-1252")]
    [TestCase(28591, "iso-8859-1")]
    public async Task SingleByteWesternFile_ImportsItsUmlautsAndAccents(int codePage, string name)
    {
        var file = _dir.File($"{name}.csv");
        await File.WriteAllBytesAsync(file, Encoding.GetEncoding(codePage).GetBytes(German));

        var (code, output) = await BotInProcess.RunToExitAsync("import", file, "--db", Db);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"Read {name}.csv as windows-1252: it is not UTF-8."));
        Assert.That(Texts(), Is.EqualTo(new[] { ("Können Sie die Größe ändern?", "Müller GmbH"), ("Das Café ist zu süß", "Bäckerei Weiß") }));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Utf8File_WithOrWithoutBom_ImportsAsBefore(bool bom)
    {
        var file = _dir.File("utf8.csv");
        var bytes = Encoding.UTF8.GetBytes(German);
        await File.WriteAllBytesAsync(file, bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);

        var (code, output) = await BotInProcess.RunToExitAsync("import", file, "--db", Db);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Not.Contain("not UTF-8"));
        Assert.That(Texts().Select(t => t.Text), Is.EqualTo(new[] { "Können Sie die Größe ändern?", "Das Café ist zu süß" }));
    }

    [Test]
    public async Task FileInAnotherEncoding_IsRefusedInOneLine_AndImportsNothing()
    {
        var file = _dir.File("russian.csv");
        await File.WriteAllBytesAsync(file, Encoding.GetEncoding("koi8-r").GetBytes(
            "text,customer\nМожно ли изменить размер окна в настройках приложения? Спасибо большое за помощь.,Рога и копыта\n"));

        var (code, output) = await BotInProcess.RunToExitAsync("import", file, "--db", Db);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.Trim(), Is.EqualTo("Nothing imported: russian.csv is not UTF-8 (it looks like koi8-r); convert it first, for example: iconv -f KOI8-R -t UTF-8 russian.csv > russian-utf8.csv"));
    }

    [Test]
    public async Task ExportThenImport_IntoTheSameDatabase_AddsNothing_AndIntoAnEmptyOne_AddsAllOnce()
    {
        var seed = _dir.File("seed.csv");
        await File.WriteAllTextAsync(seed, "text,created_at\nFirst,2025-03-14T09:30:00.123Z\nSecond,2025-03-15\nThird,\n");
        Assert.That((await BotInProcess.RunToExitAsync("import", seed, "--db", Db)).ExitCode, Is.EqualTo(0));
        var export = _dir.File("export.csv");
        Assert.That((await BotInProcess.RunToExitAsync("export", "--out", export, "--db", Db)).ExitCode, Is.EqualTo(0));

        var same = await BotInProcess.RunToExitAsync("import", export, "--db", Db);
        var empty = _dir.File("empty.db");
        var intoEmpty = await BotInProcess.RunToExitAsync("import", export, "--db", empty);
        var intoEmptyAgain = await BotInProcess.RunToExitAsync("import", export, "--db", empty);

        Assert.That(same.Output, Does.Contain("Imported 0 new item(s) from 3 row(s); 3 were already there."));
        Assert.That(intoEmpty.Output, Does.Contain("Imported 3 new item(s) from 3 row(s)"));
        Assert.That(intoEmptyAgain.Output, Does.Contain("Imported 0 new item(s) from 3 row(s)"));
        Assert.That(Texts(empty).Select(t => t.Text), Is.EqualTo(new[] { "First", "Second", "Third" }));
    }

    private List<(string Text, string? Customer)> Texts(string? path = null)
    {
        using var connection = new SqliteConnection($"Data Source={path ?? Db};Pooling=False");
        connection.Open();
        return connection.Query<(string, string?)>("SELECT text, customer FROM feedback_items ORDER BY id").ToList();
    }
}
