using Microsoft.Extensions.Logging.Abstractions;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Tests.Feedback;

namespace SlackFeedbackBot.Tests.Hosting;

public sealed class LocalDemoTests
{
    [Test]
    public async Task PastFeedback_IsReportedByDemoUsers_SoResolvingTellsSomeone()
    {
        using var h = new FeedbackHarness();
        var seed = new LocalDemo.PastFeedback(h.Get<FeedbackDigestQueries>(), h.Get<FeedbackImporter>(), h.Time, NullLogger<LocalDemo.PastFeedback>.Instance);

        await seed.StartAsync(CancellationToken.None);

        var reports = h.Repository.List(null, null, 100).SelectMany(i => h.Repository.Reports(i.Id)).ToList();
        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports.Select(r => r.ReporterId), Has.All.StartsWith("U0"), "every reporter is a demo workspace user");
    }
}
