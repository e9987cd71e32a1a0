using System.Text.Json;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Transports.SocketMode;
using static SlackFeedbackBot.Tests.Transports.SlackSamples;

namespace SlackFeedbackBot.Tests.Transports;

public class SlackRequestParserTests
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Interactions()
    {
        yield return new TestCaseData(BlockActions, SlackRequestKind.BlockActions, "ia:12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3").SetArgDisplayNames("block_actions");
        yield return new TestCaseData(GlobalShortcut, SlackRequestKind.GlobalShortcut, "ia:944799105734.773906753841.38b5894552bdd4a780554ee59d1f3bbb").SetArgDisplayNames("shortcut");
        yield return new TestCaseData(MessageShortcut, SlackRequestKind.MessageShortcut, "ia:13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536").SetArgDisplayNames("message_action");
        yield return new TestCaseData(ViewSubmission, SlackRequestKind.ViewSubmission, "ia:12466734323.1395872398.ac6af0d1ee5e0b9b1ba6d0b1f1e1d96e").SetArgDisplayNames("view_submission");
        yield return new TestCaseData(ViewClosed, SlackRequestKind.ViewClosed, "ia:view_closed:V0PKB1ZFV").SetArgDisplayNames("view_closed");
    }

    [Test]
    public void EventOverHttp_IsAnEventKeyedByEventIdWithTheRawBody()
    {
        var request = AcceptedHttp(Json, EventCallbackJson, retryNum: 0);

        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.Event));
        Assert.That(request.PayloadJson, Is.EqualTo(EventCallbackJson));
        Assert.That(request.DedupeKey, Is.EqualTo("ev:" + SampleEventId));
        Assert.That(request.RetryNum, Is.Zero);
        Assert.That(request.ReceivedAt, Is.EqualTo(Now));
    }

    [Test]
    public void EventOverSocketMode_MatchesTheHttpRequestAndCarriesRetryAttempt()
    {
        var overHttp = AcceptedHttp(Json, EventCallbackJson, retryNum: 0);
        var overSocket = AcceptedEnvelope(Envelope("events_api", EventCallbackJson, retryAttempt: 2));

        Assert.That(overSocket.Kind, Is.EqualTo(SlackRequestKind.Event));
        Assert.That(overSocket.PayloadJson, Is.EqualTo(overHttp.PayloadJson));
        Assert.That(overSocket.DedupeKey, Is.EqualTo(overHttp.DedupeKey));
        Assert.That(overSocket.RetryNum, Is.EqualTo(2));
    }

    [Test]
    public void EventRetry_KeepsTheDedupeKeyAndReportsTheRetryNumber()
    {
        var first = AcceptedHttp(Json, EventCallbackJson, retryNum: 0);
        var retry = AcceptedHttp(Json, EventCallbackJson, retryNum: 1);

        Assert.That(retry.DedupeKey, Is.EqualTo(first.DedupeKey));
        Assert.That(retry.RetryNum, Is.EqualTo(1));
    }

    [Test]
    public void EventWhoseInnerObjectsComeFirst_IsClassifiedByTheTopLevelFieldsOnly()
    {
        const string body = """{"event":{"type":"message","event_id":"inner","text":"x"},"authorizations":[{"type":"nope"}],"event_id":"Ev999","type":"event_callback"}""";

        var request = AcceptedHttp(Json, body, retryNum: 0);

        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.Event));
        Assert.That(request.DedupeKey, Is.EqualTo("ev:Ev999"));
    }

    [Test]
    public void JsonWithoutContentType_IsStillReadAsJson()
    {
        var request = AcceptedHttp(null, EventCallbackJson, retryNum: 0);

        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.Event));
    }

    [Test]
    public void UrlVerification_ReturnsTheChallenge()
    {
        var result = SlackRequestParser.ParseHttp("application/json; charset=utf-8", Utf8(UrlVerification), 0, Now);

        Assert.That(result.Outcome, Is.EqualTo(SlackParseOutcome.UrlVerification));
        Assert.That(result.Challenge, Is.EqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    [Test]
    public void UrlVerificationWithoutChallenge_IsInvalid()
    {
        var result = SlackRequestParser.ParseHttp(Json, Utf8("""{"type":"url_verification"}"""), 0, Now);

        Assert.That(result.Outcome, Is.EqualTo(SlackParseOutcome.Invalid));
    }

    [Test]
    public void SslCheck_IsRecognisedWhateverElseTheFormHolds()
    {
        var result = SlackRequestParser.ParseHttp(Form, Utf8(SslCheckForm), 0, Now);

        Assert.That(result.Outcome, Is.EqualTo(SlackParseOutcome.SslCheck));
    }

    [Test]
    public void SlashCommandForm_BecomesAJsonObjectWithTheFormKeys()
    {
        var request = AcceptedHttp(Form, SlashCommandForm, retryNum: 0);

        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.SlashCommand));
        Assert.That(request.DedupeKey, Is.EqualTo("cmd:" + SlashTriggerId));
        var command = SlackJson.Deserialize<SlashCommand>(request.PayloadJson);
        Assert.That(command.Command, Is.EqualTo("/weather"));
        Assert.That(command.Text, Is.EqualTo("94070"));
        Assert.That(command.UserId, Is.EqualTo("U2147483697"));
        Assert.That(command.ChannelId, Is.EqualTo("C2147483705"));
        Assert.That(command.ResponseUrl, Is.EqualTo("https://hooks.slack.com/commands/1234/5678"));
        Assert.That(command.TriggerId, Is.EqualTo(SlashTriggerId));
        using var document = JsonDocument.Parse(request.PayloadJson);
        Assert.That(document.RootElement.GetProperty("enterprise_name").GetString(), Is.EqualTo("Globular Construct Inc"));
    }

    [Test]
    public void SlashCommandText_IsFormDecoded()
    {
        var request = AcceptedHttp(Form, "command=%2Ffeedback&text=signup+is+slow+%26+confusing%21&trigger_id=1.2.3", retryNum: 0);

        Assert.That(SlackJson.Deserialize<SlashCommand>(request.PayloadJson).Text, Is.EqualTo("signup is slow & confusing!"));
    }

    [Test]
    public void SlashCommandOverSocketMode_GivesTheSamePayloadAndKeyAsOverHttp()
    {
        var overHttp = AcceptedHttp(Form, SlashCommandForm, retryNum: 0);
        var overSocket = AcceptedEnvelope(Envelope("slash_commands", SlashCommandSocketPayload));

        Assert.That(overSocket.Kind, Is.EqualTo(SlackRequestKind.SlashCommand));
        Assert.That(overSocket.PayloadJson, Is.EqualTo(overHttp.PayloadJson));
        Assert.That(overSocket.DedupeKey, Is.EqualTo(overHttp.DedupeKey));
    }

    [Test]
    public void SlashCommandOverSocketMode_WritesNonStringValuesAsTheFormWould()
    {
        var payload = """{"command":"/support","text":"","trigger_id":"9.9.9","is_enterprise_install":false}""";

        var request = AcceptedEnvelope(Envelope("slash_commands", payload));

        Assert.That(request.PayloadJson, Is.EqualTo("""{"command":"/support","text":"","trigger_id":"9.9.9","is_enterprise_install":"false"}"""));
    }

    [Test]
    public void SlashCommandWithoutTriggerId_GetsAFreshKeyEachTime()
    {
        var first = AcceptedHttp(Form, "command=%2Fsupport&text=who", retryNum: 0);
        var second = AcceptedHttp(Form, "command=%2Fsupport&text=who", retryNum: 0);

        Assert.That(first.DedupeKey, Does.StartWith("cmd:"));
        Assert.That(second.DedupeKey, Is.Not.EqualTo(first.DedupeKey));
    }

    [TestCaseSource(nameof(Interactions))]
    public void InteractionOverHttp_IsClassifiedByPayloadType(string payload, SlackRequestKind kind, string dedupeKey)
    {
        var request = AcceptedHttp("application/x-www-form-urlencoded; charset=utf-8", InteractionForm(payload), retryNum: 0);

        Assert.That(request.Kind, Is.EqualTo(kind));
        Assert.That(request.PayloadJson, Is.EqualTo(payload));
        Assert.That(request.DedupeKey, Is.EqualTo(dedupeKey));
    }

    [TestCaseSource(nameof(Interactions))]
    public void InteractionOverSocketMode_MatchesTheHttpRequest(string payload, SlackRequestKind kind, string dedupeKey)
    {
        var overHttp = AcceptedHttp(Form, InteractionForm(payload), retryNum: 0);
        var overSocket = AcceptedEnvelope(Envelope("interactive", payload));

        Assert.That(overSocket.Kind, Is.EqualTo(kind));
        Assert.That(overSocket.PayloadJson, Is.EqualTo(overHttp.PayloadJson));
        Assert.That(overSocket.DedupeKey, Is.EqualTo(dedupeKey));
    }

    [Test]
    public void BlockSuggestion_IsClassifiedAndNeverDeduplicated()
    {
        var overHttp = AcceptedHttp(Form, InteractionForm(BlockSuggestion), retryNum: 0);
        var overSocket = AcceptedEnvelope(Envelope("interactive", BlockSuggestion));

        Assert.That(overHttp.Kind, Is.EqualTo(SlackRequestKind.BlockSuggestion));
        Assert.That(overSocket.Kind, Is.EqualTo(SlackRequestKind.BlockSuggestion));
        Assert.That(overSocket.DedupeKey, Is.Not.EqualTo(overHttp.DedupeKey));
    }

    [Test]
    public void InteractionWithoutTriggerId_FallsBackToTheActionTimestamp()
    {
        const string payload = """{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"a","action_ts":"1548426417.840180"}]}""";

        var request = AcceptedHttp(Form, InteractionForm(payload), retryNum: 0);

        Assert.That(request.DedupeKey, Is.EqualTo("ia:block_actions:1548426417.840180"));
    }

    [Test]
    public void UnknownInteractionType_IsHandedOnAsUnknown()
    {
        var request = AcceptedHttp(Form, InteractionForm("""{"type":"interactive_message","trigger_id":"1.2.3"}"""), retryNum: 0);

        Assert.That(request.Kind, Is.EqualTo(SlackRequestKind.Unknown));
    }

    [TestCase(Json, "{not json")]
    [TestCase(Json, "[1,2]")]
    [TestCase(Json, """{"event_id":"Ev1"}""")]
    [TestCase(Form, "team_id=T1&user_id=U1")]
    [TestCase(Form, "payload=%7Bnot+json")]
    [TestCase("text/plain", "hello")]
    public void UnparseableBody_IsInvalid(string contentType, string body)
    {
        var result = SlackRequestParser.ParseHttp(contentType, Utf8(body), 0, Now);

        Assert.That(result.Outcome, Is.EqualTo(SlackParseOutcome.Invalid));
        Assert.That(result.Error, Is.Not.Empty);
    }

    [Test]
    public void UnknownEnvelopeType_IsInvalid()
    {
        var result = SlackRequestParser.ParseSocketPayload("something_new", Utf8("{}"), 0, Now);

        Assert.That(result.Outcome, Is.EqualTo(SlackParseOutcome.Invalid));
    }

    [Test]
    public void DocumentedHelloWithBrokenDebugInfo_IsStillReadAsHello()
    {
        const string hello = """
            {
                "type": "hello",
                "connection_info": { "app_id": "A1234" },
                "num_connections": 1,
                "debug_info": { "host": "applink-1", "started" "2020-10-11 12:12:12.120", "build_number": 54 }
            }
            """;

        var frame = SocketModeFrame.Read(Utf8(hello));

        Assert.That(frame.Type, Is.EqualTo("hello"));
    }

    [Test]
    public void DisconnectFrame_CarriesTheReason()
    {
        var frame = SocketModeFrame.Read(Utf8("""{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"wss-111.slack.com"}}"""));

        Assert.That(frame.Type, Is.EqualTo("disconnect"));
        Assert.That(frame.Reason, Is.EqualTo("refresh_requested"));
    }

    private static SlackInboundRequest AcceptedHttp(string? contentType, string body, int retryNum)
    {
        var result = SlackRequestParser.ParseHttp(contentType, Utf8(body), retryNum, Now);
        Assert.That(result.Outcome, Is.EqualTo(SlackParseOutcome.Request), result.Error);
        return result.Request!;
    }

    private static SlackInboundRequest AcceptedEnvelope(string envelope)
    {
        var bytes = Utf8(envelope);
        var frame = SocketModeFrame.Read(bytes);
        Assert.That(frame.EnvelopeId, Is.EqualTo("dbdd0ef3-1543-4f94-bfb4-133d0e6c1545"));
        var result = SlackRequestParser.ParseSocketPayload(frame.Type!, bytes.AsSpan(frame.PayloadStart, frame.PayloadLength), frame.RetryAttempt, Now);
        Assert.That(result.Outcome, Is.EqualTo(SlackParseOutcome.Request), result.Error);
        return result.Request!;
    }
}
