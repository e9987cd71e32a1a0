using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Transports;

namespace SlackFeedbackBot.Tests.Transports;

public class SlackOptionsValidatorTests
{
    private readonly SlackOptionsValidator _validator = new();

    [Test]
    public void HttpModeWithoutSigningSecret_FailsNamingTheSettingAndVariable()
    {
        var result = _validator.Validate(null, new SlackOptions { Mode = SlackMode.Http, BotToken = "xoxb-1" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Slack:SigningSecret (SLACK_SIGNING_SECRET) is required in HTTP mode"));
    }

    [Test]
    public void SocketModeWithoutAppToken_FailsNamingTheSettingAndVariable()
    {
        var result = _validator.Validate(null, new SlackOptions { Mode = SlackMode.Socket, BotToken = "xoxb-1" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Slack:AppToken (SLACK_APP_TOKEN)"));
    }

    [Test]
    public void SocketModeWithABotTokenAsAppToken_Fails()
    {
        var result = _validator.Validate(null, new SlackOptions { Mode = SlackMode.Socket, BotToken = "xoxb-1", AppToken = "xoxb-2" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("xapp-"));
        Assert.That(result.FailureMessage, Does.Not.Contain("xoxb-2"));
    }

    [Test]
    public void MoreSocketConnectionsThanSlackAllowsPerApp_Fails_SayingTheLimitCoversAllInstances()
    {
        var result = _validator.Validate(null, new SlackOptions { Mode = SlackMode.Socket, BotToken = "xoxb-1", AppToken = "xapp-1", SocketConnections = 11 });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Slack:SocketConnections"));
        Assert.That(result.FailureMessage, Does.Contain("at most 10 Socket Mode connections per app, across all instances"));
    }

    [Test]
    public void MissingBotToken_Fails()
    {
        var result = _validator.Validate(null, new SlackOptions { Mode = SlackMode.Socket, AppToken = "xapp-1" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Slack:BotToken (SLACK_BOT_TOKEN)"));
    }

    [TestCase(SlackMode.Socket)]
    [TestCase(SlackMode.Http)]
    public void CompleteSettings_Pass(SlackMode mode)
    {
        var options = new SlackOptions { Mode = mode, BotToken = "xoxb-1", AppToken = "xapp-1", SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5" };

        Assert.That(_validator.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public async Task HostInHttpModeWithoutSigningSecret_RefusesToStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<SlackOptions>(options =>
        {
            options.Mode = SlackMode.Http;
            options.BotToken = "xoxb-1";
        });
        builder.Services.AddSlackOptionsValidation();
        using var host = builder.Build();

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failure!.Message, Does.Contain("Slack:SigningSecret (SLACK_SIGNING_SECRET) is required in HTTP mode"));
        await host.StopAsync();
    }
}
