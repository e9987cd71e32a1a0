using System.Globalization;
using System.Text;
using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// The demo behind the local try-out: #customer-feedback listened to, a support rotation of the six demo people,
/// and a few weeks of past feedback, so every feature has something to show on a first run.
/// </summary>
public static class LocalDemo
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Dieter = "U0DIETER04";
    private const string Ciara = "U0CIARA003";
    private const string Priya = "U0PRIYA005";
    private const string Sam = "U0SAM00006";
    private const string FeedbackChannel = "C0FEEDBK01";
    private const string SupportChannel = "C0SUPPORT1";
    private const string SupportNowGroup = "S0SUPNOW01";
    private static readonly string[] People = [Ana, Ben, Ciara, Dieter, Priya, Sam];

    public static IReadOnlyDictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feedback:PassiveChannels:0"] = FeedbackChannel,
            ["Feedback:Admins:0"] = Ana,
            ["Feedback:Thresholds:AlertChannel"] = SupportChannel,
            ["Feedback:Thresholds:ReportCount"] = "3",
            ["Feedback:Thresholds:HighValueCustomers:0"] = "Acme",
            ["Digests:Subscriptions:0:Channel"] = FeedbackChannel,
            ["Digests:Subscriptions:0:Cadence"] = "weekly",
            ["Digests:Subscriptions:0:TimeZone"] = "Europe/Dublin",
            ["Rotations:Admins:0"] = Ana,
            ["Rotations:Rotations:0:Name"] = "support",
            ["Rotations:Rotations:0:SupportChannel"] = SupportChannel,
            ["Rotations:Rotations:0:Owners:0"] = Ana,
            ["Rotations:Rotations:0:TimeZone"] = "Europe/Dublin",
            ["Rotations:Rotations:0:ShiftLength"] = "1h",
            ["Rotations:Rotations:0:Cadence"] = "1/month",
            ["Rotations:Rotations:0:SupportHours"] = "00:00-00:00",
            ["Rotations:Rotations:0:WorkingDays"] = "mon-fri",
            ["Rotations:Rotations:0:SetTopic"] = "true",
            ["Rotations:Rotations:0:UserGroupId"] = SupportNowGroup,
        };
        for (var i = 0; i < People.Length; i++)
        {
            settings[$"Rotations:Rotations:0:Members:{i}:UserId"] = People[i];
        }

        return settings;
    }

    /// <summary>Adds the past feedback once, to an empty database.</summary>
    public sealed class PastFeedback(FeedbackDigestQueries feedback, FeedbackImporter importer, TimeProvider time, ILogger<PastFeedback> log) : IHostedService
    {
        private static readonly (int DaysAgo, string Customer, string Reporter, string Source, string Text)[] Rows =
        [
            (2, "Acme", Ana, "support", "How do I integrate this with Trello?"),
            (3, "Globex", Ben, "sales", "Can you guys integrate with Trello?"),
            (4, "Initech", Ciara, "support", "how do i connect my trello board"),
            (5, "Umbrella", Dieter, "success", "How do I export my reports to Excel?"),
            (6, "Acme", Priya, "support", "How do I invite my whole team at once?"),
            (8, "Hooli", Sam, "sales", "Can I use this with Salesforce?"),
            (9, "Globex", Ana, "research", "I'm probably not your target customer, but can I use it to plan weddings?"),
            (10, "Stark", Ben, "support", "The export button does nothing in Safari"),
            (12, "Wayne", Ciara, "support", "How do I change the owner of a workspace?"),
            (13, "Initech", Dieter, "sales", "Do you support single sign-on with Okta?"),
            (15, "Acme", Priya, "support", "How can I integrate this with Trello automatically?"),
            (17, "Soylent", Sam, "success", "I'm sure I'm wrong about this, but I thought this was a CRM"),
            (19, "Hooli", Ana, "support", "What do I do when the sync gets stuck?"),
            (22, "Umbrella", Ben, "sales", "Is it possible to host it on our own servers?"),
            (26, "Wayne", Ciara, "support", "How do I export to Excel with the custom fields?"),
            (30, "Stark", Dieter, "success", "Love the new dashboard, thanks!"),
            (34, "Globex", Priya, "support", "How do I set up reminders for my team?"),
            (40, "Soylent", Sam, "sales", "Can you send invoices in euros?"),
            (47, "Acme", Ana, "support", "How do I integrate with Trello and keep the labels?"),
            (55, "Initech", Ben, "research", "Maybe this isn't for us, we are a team of two"),
        ];

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (feedback.HasAny())
            {
                return Task.CompletedTask;
            }

            var now = time.GetUtcNow();
            var csv = new StringBuilder("created_at,customer,reporter,source,text\n");
            foreach (var row in Rows)
            {
                var created = now.AddDays(-row.DaysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"{created},{row.Customer},{row.Reporter},{row.Source},\"{row.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
            }

            var result = importer.Import(new StringReader(csv.ToString()));
            log.LogInformation("Local demo: added {Count} past feedback items to try /feedback list, search and digest with", result.Added);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
