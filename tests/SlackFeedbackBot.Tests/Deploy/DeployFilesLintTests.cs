using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Deploy;

/// <summary>
/// A lint of deploy/: the Dockerfile, compose file and systemd unit say what the deployment needs. No Docker engine
/// runs here, so the images are not built by the tests; the unit's sandbox is scored by systemd-analyze where it is installed.
/// </summary>
public sealed partial class DeployFilesLintTests
{
    private static string Dockerfile => File.ReadAllText(Repository.File("deploy/Dockerfile"));

    private static string Compose => File.ReadAllText(Repository.File("deploy/docker-compose.yml"));

    private static string Unit => File.ReadAllText(Repository.File("deploy/systemd/slackfeedbackbot.service"));

    [Test]
    public void Lint_Dockerfile_PinsItsBaseImagesByDigest_InArgs()
    {
        Assert.That(PinnedImage().Matches(Dockerfile), Has.Count.EqualTo(2), "ARG SDK_IMAGE and ARG RUNTIME_IMAGE, each tag@sha256:<64 hex>");
        Assert.That(Regex.Matches(Dockerfile, @"^FROM \$\{(SDK|RUNTIME)_IMAGE\}", RegexOptions.Multiline), Has.Count.EqualTo(2));
    }

    [Test]
    public void Lint_Dockerfile_RestoresBeforeCopyingTheSource_AndPublishesForLinuxX64Only()
    {
        var restore = Dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        var source = Dockerfile.IndexOf("COPY src/ src/", StringComparison.Ordinal);
        Assert.That(restore, Is.GreaterThan(0));
        Assert.That(source, Is.GreaterThan(restore), "the restore layer comes before the source copy");
        Assert.That(Dockerfile, Does.Contain("dotnet publish").And.Contain("-r linux-x64"));
        Assert.That(Dockerfile, Does.Not.Contain("COPY . ."));
    }

    [Test]
    public void Lint_Dockerfile_RunsAsANonRootUser_OverReadOnlyAppFiles_WithTheBinarysOwnHealthCheck()
    {
        Assert.That(Dockerfile, Does.Contain("chmod -R a-w /app"));
        Assert.That(Dockerfile, Does.Contain("COPY --from=build --chown=root:root /app ."));
        Assert.That(Dockerfile, Does.Contain("USER $APP_UID"));
        Assert.That(Dockerfile, Does.Contain("""CMD ["dotnet", "/app/SlackFeedbackBot.dll", "health"]"""));
        Assert.That(Dockerfile, Does.Not.Contain("apt-get install"), "nothing installed for the health check");
        Assert.That(File.ReadAllText(Repository.File(".dockerignore")), Does.Contain("**/bin/").And.Contain("**/obj/").And.Contain(".git/").And.Contain("**/*.db"));
    }

    [Test]
    public void Lint_Compose_HasSecrets_AReadOnlyRoot_NoCapabilities_AndLogRotation()
    {
        Assert.That(Compose, Does.Contain("Secrets__Directory: /run/secrets"));
        Assert.That(Compose, Does.Contain("target: Slack__BotToken").And.Contain("target: Slack__AppToken"));
        Assert.That(Compose, Does.Match(@"(?m)^secrets:$"));
        Assert.That(Compose, Does.Contain("read_only: true"));
        Assert.That(Compose, Does.Contain("cap_drop: [ALL]"));
        Assert.That(Compose, Does.Contain("max-size:").And.Contain("max-file:"));
        Assert.That(Compose, Does.Not.Contain("SLACK_BOT_TOKEN:"), "tokens are not in the environment");
    }

    [Test]
    public void Lint_SystemdUnit_IsNotify_AndDoesNotRestartOnAConfigurationError()
    {
        Assert.That(Unit, Does.Match(@"(?m)^Type=notify$"));
        Assert.That(Unit, Does.Match(@"(?m)^RestartPreventExitStatus=2$"));
        Assert.That(Unit, Does.Match(@"(?m)^UMask=0077$"));
    }

    [Test]
    public async Task SystemdAnalyze_ScoresTheUnitAtOrUnderTwo()
    {
        Assume.That(File.Exists("/usr/bin/systemd-analyze") || File.Exists("/bin/systemd-analyze"), "systemd-analyze is not installed here");
        var start = new ProcessStartInfo("systemd-analyze", ["security", "--offline=yes", "--no-pager", Repository.File("deploy/systemd/slackfeedbackbot.service")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        var score = OverallExposure().Match(output);
        Assert.That(score.Success, Is.True, output);
        Assert.That(double.Parse(score.Groups[1].Value, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(2.0), output);
    }

    [GeneratedRegex(@"(?m)^ARG (SDK|RUNTIME)_IMAGE=mcr\.microsoft\.com/dotnet/(sdk|aspnet):10\.0@sha256:[0-9a-f]{64}$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex(@"Overall exposure level for [^:]+: (\d+\.\d)")]
    private static partial Regex OverallExposure();
}
