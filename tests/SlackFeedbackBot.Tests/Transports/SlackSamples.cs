using System.Text;

namespace SlackFeedbackBot.Tests.Transports;

/// <summary>Request bodies shaped like Slack's documented examples, as both transports deliver them.</summary>
internal static class SlackSamples
{
    public const string SampleEventId = "Ev123ABC456";

    public const string EventCallbackJson =
        """{"type":"event_callback","token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456","event":{"type":"app_mention","user":"U123ABC456","text":"What is the hour of the pearl, <@U0LAN0Z89>?","ts":"1515449522.000016","channel":"C123ABC456","event_ts":"1515449522.000016"},"event_context":"EC123ABC456","event_id":"Ev123ABC456","event_time":1515449522,"authorizations":[{"enterprise_id":"E123ABC456","team_id":"T123ABC456","user_id":"U123ABC456","is_bot":false,"is_enterprise_install":false}],"is_ext_shared_channel":false,"context_team_id":"T123ABC456","context_enterprise_id":null}""";

    public const string UrlVerification =
        """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

    public const string SlashTriggerId = "13345224609.738474920.8088930838d88f008e0";

    public const string SlashCommandForm =
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=/weather&text=94070&response_url=https://hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8088930838d88f008e0&api_app_id=A123456";

    /// <summary>The same command as Socket Mode sends it: a JSON object with the form's keys.</summary>
    public const string SlashCommandSocketPayload =
        """{"token":"gIkuvaNzQIHg97ATvDxqgjtO","team_id":"T0001","team_domain":"example","enterprise_id":"E0001","enterprise_name":"Globular Construct Inc","channel_id":"C2147483705","channel_name":"test","user_id":"U2147483697","user_name":"Steve","command":"/weather","text":"94070","response_url":"https://hooks.slack.com/commands/1234/5678","trigger_id":"13345224609.738474920.8088930838d88f008e0","api_app_id":"A123456"}""";

    public const string SslCheckForm = "ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO";

    public const string BlockActions =
        """{"type":"block_actions","user":{"id":"U2147483697","username":"steve","name":"steve","team_id":"T0001"},"api_app_id":"A123456","token":"gIkuvaNzQIHg97ATvDxqgjtO","container":{"type":"message","message_ts":"1548261231.000200","channel_id":"C2147483705","is_ephemeral":false},"trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3","team":{"id":"T0001","domain":"example"},"channel":{"id":"C2147483705","name":"test"},"response_url":"https://hooks.slack.com/actions/T0001/123/abc","actions":[{"action_id":"feedback_confirm","block_id":"b1","text":{"type":"plain_text","text":"Confirm"},"value":"yes","type":"button","action_ts":"1548426417.840180"}]}""";

    public const string GlobalShortcut =
        """{"type":"shortcut","token":"XXXXXXXXXXXXX","action_ts":"1581106241.371594","team":{"id":"TXXXXXXXX","domain":"shortcuts-test"},"user":{"id":"UXXXXXXXXX","username":"aman","team_id":"TXXXXXXXX"},"callback_id":"shortcut_create_task","trigger_id":"944799105734.773906753841.38b5894552bdd4a780554ee59d1f3bbb"}""";

    public const string MessageShortcut =
        """{"type":"message_action","callback_id":"chirp_message","trigger_id":"13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536","response_url":"https://hooks.slack.com/app-actions/T0MJR11A4/21974584944/yk1S9ndf35Q1flupVG5JbpM6","team":{"id":"T0MJRM1A7","domain":"pandamonium"},"channel":{"id":"D0LFFBKLZ","name":"cats"},"user":{"id":"U0D15K92L","name":"dr_maomao"},"message":{"type":"message","user":"U0MJRG1AL","ts":"1516229207.000133","text":"World's smallest big cat! <https://youtube.com/watch?v=W86cTIoMv2U>"},"message_ts":"1516229207.000133","action_ts":"1516229207.000133","token":"Nj2rfC2hU8mAfgaJLemZgO7H"}""";

    public const string ViewSubmission =
        """{"type":"view_submission","team":{"id":"T0001","domain":"example"},"user":{"id":"U2147483697","username":"steve","name":"steve","team_id":"T0001"},"api_app_id":"A123456","token":"gIkuvaNzQIHg97ATvDxqgjtO","trigger_id":"12466734323.1395872398.ac6af0d1ee5e0b9b1ba6d0b1f1e1d96e","view":{"id":"V0PKB1ZFV","type":"modal","callback_id":"feedback_modal","private_metadata":"C2147483705","state":{"values":{"bucket":{"pick":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"Onboarding"},"value":"onboarding"}}},"note":{"text":{"type":"plain_text_input","value":"Setup took two days"}}}},"hash":"156663117.cd33ad1f"},"response_urls":[]}""";

    public const string ViewClosed =
        """{"type":"view_closed","team":{"id":"T0001","domain":"example"},"user":{"id":"U2147483697","name":"steve"},"api_app_id":"A123456","token":"gIkuvaNzQIHg97ATvDxqgjtO","view":{"id":"V0PKB1ZFV","type":"modal","callback_id":"feedback_modal","hash":"156663117.cd33ad1f"},"is_cleared":false}""";

    public const string BlockSuggestion =
        """{"type":"block_suggestion","user":{"id":"U2147483697","username":"steve","name":"steve","team_id":"T0001"},"container":{"type":"view","view_id":"V0PKB1ZFV"},"api_app_id":"A123456","token":"gIkuvaNzQIHg97ATvDxqgjtO","action_id":"pick_team","block_id":"team","value":"sup","team":{"id":"T0001","domain":"example"},"view":{"id":"V0PKB1ZFV","type":"modal","callback_id":"feedback_modal"}}""";

    public static string InteractionForm(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);

    public static string Envelope(string type, string payloadJson, string envelopeId = "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545", int retryAttempt = 0) =>
        $$"""{"envelope_id":"{{envelopeId}}","payload":{{payloadJson}},"type":"{{type}}","accepts_response_payload":{{(type == "events_api" ? "false" : "true")}},"retry_attempt":{{retryAttempt}},"retry_reason":"{{(retryAttempt > 0 ? "timeout" : "")}}"}""";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
