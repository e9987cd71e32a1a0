using Microsoft.Extensions.Configuration;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>Tokens from files (Docker and compose secrets under /run/secrets): Secrets:Directory names the folder.</summary>
public sealed class SecretFilesTests
{
    [Test]
    public void ATokenFile_InTheSecretsDirectory_IsTheSetting()
    {
        using var dir = new TempDirectory();
        var secrets = Directory.CreateDirectory(dir.File("secrets")).FullName;
        // As `echo xoxb-... > file` writes it: the line break is not part of the token.
        File.WriteAllText(Path.Combine(secrets, "Slack__BotToken"), "xoxb-from-a-file\n");
        File.WriteAllText(Path.Combine(secrets, "Slack__AppToken"), "xapp-from-a-file");

        var builder = BotHost.CreateBuilder([$"--Secrets:Directory={secrets}"]);

        Assert.That(builder.Configuration["Slack:BotToken"], Is.EqualTo("xoxb-from-a-file"));
        Assert.That(builder.Configuration["Slack:AppToken"], Is.EqualTo("xapp-from-a-file"));
    }

    [Test]
    public void TheCommandLine_StillWinsOverAFile()
    {
        using var dir = new TempDirectory();
        var secrets = Directory.CreateDirectory(dir.File("secrets")).FullName;
        File.WriteAllText(Path.Combine(secrets, "Slack__Mode"), "Http");

        var builder = BotHost.CreateBuilder([$"--Secrets:Directory={secrets}", "--Slack:Mode=Socket"]);

        Assert.That(builder.Configuration["Slack:Mode"], Is.EqualTo("Socket"));
    }

    [Test]
    public async Task ASecretsDirectoryThatIsNotThere_StopsRunWithOneLineAndExitCodeTwo()
    {
        using var dir = new TempDirectory();

        var (code, output) = await BotInProcess.RunToExitAsync(
            "run", "--LocalMode:Enabled=false", "--Slack:BotToken=xoxb-1", "--Slack:AppToken=xapp-1",
            $"--Storage:DatabasePath={dir.File("bot.db")}", $"--Secrets:Directory={dir.File("no-such-folder")}");

        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"Secrets:Directory (Secrets__Directory) is {dir.File("no-such-folder")}, which is not a folder;"));
        Assert.That(output, Does.Not.Contain("   at "));
    }
}
