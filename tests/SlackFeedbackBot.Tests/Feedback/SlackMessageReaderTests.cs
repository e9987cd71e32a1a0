using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Feedback;

public class SlackMessageReaderTests
{
    [Test]
    public async Task A_read_Slack_refuses_is_logged_as_a_warning_with_the_method_and_error()
    {
        var slack = new FakeSlackApi
        {
            CallResponder = (method, _) => throw new SlackApiException(method, "not_in_channel"),
        };
        var logger = new ListLogger();
        var reader = new SlackMessageReader(slack, new Logger<SlackMessageReader>(new SingleLoggerFactory(logger)));

        var message = await reader.ReadAsync("C123", "1700000000.000100", CancellationToken.None);

        Assert.That(message, Is.Null);
        var line = logger.Lines.Single();
        Assert.That(line, Does.StartWith($"{LogLevel.Warning}:"));
        Assert.That(line, Does.Contain("conversations.history").And.Contain("not_in_channel").And.Contain("C123"));
    }

    [Test]
    public async Task A_message_found_in_history_is_read_without_a_warning()
    {
        var slack = new FakeSlackApi
        {
            CallResponder = (_, _) => new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(new JsonObject { ["ts"] = "1.2", ["text"] = "hi", ["user"] = "U1" }) },
        };
        var logger = new ListLogger();
        var reader = new SlackMessageReader(slack, new Logger<SlackMessageReader>(new SingleLoggerFactory(logger)));

        var message = await reader.ReadAsync("C123", "1.2", CancellationToken.None);

        Assert.That(message?.Text, Is.EqualTo("hi"));
        Assert.That(logger.Lines, Is.Empty);
    }
}
