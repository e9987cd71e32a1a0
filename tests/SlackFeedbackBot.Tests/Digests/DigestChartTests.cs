using System.Buffers.Binary;
using SlackFeedbackBot.Digests;
using static SlackFeedbackBot.Tests.Digests.DigestData;

namespace SlackFeedbackBot.Tests.Digests;

public class DigestChartTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    internal static Digest TwelveWeeks()
    {
        var weeks = DigestPeriods.ChartWeeks(Week48, TimeZoneInfo.Utc, 12);
        var counts = weeks.SelectMany((week, index) => new WeeklyBucketCount[]
        {
            new(week, "user_experience", 3 + index % 4),
            new(week, "product_marketing", 1 + index % 3),
            new(week, "positioning", index % 5 == 0 ? 1 : 0),
            new(week, DigestBucket.UnclassifiedId, 2),
        }).ToList();
        return new DigestBuilder().Build(new DigestInput
        {
            Period = Week48,
            Buckets = Buckets,
            Items = TrelloVariants(),
            WeeklyCounts = counts,
            ChartWeeks = weeks,
        });
    }

    [Test]
    public void RenderPng_TwelveWeeksOfFourBuckets_IsAPngOfTheChartsSize()
    {
        var png = DigestChart.RenderPng(TwelveWeeks());

        Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(PngSignature));
        Assert.That(png, Has.Length.GreaterThan(10_000));
        Assert.That(ChunkType(png), Is.EqualTo("IHDR"));
        Assert.That((Width(png), Height(png)), Is.EqualTo((DigestChart.Width, DigestChart.Height)));
    }

    [Test]
    public void RenderPng_NoData_StillGivesAPng()
    {
        var chart = new ChartData(DigestPeriods.ChartWeeks(Week48, TimeZoneInfo.Utc, 8), []);

        var png = DigestChart.RenderPng(chart, "Feedback per week");

        Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(PngSignature));
        Assert.That((Width(png), Height(png)), Is.EqualTo((DigestChart.Width, DigestChart.Height)));
    }

    [Test]
    public void RenderPng_MoreData_DrawsMore()
    {
        var empty = DigestChart.RenderPng(new ChartData(DigestPeriods.ChartWeeks(Week48, TimeZoneInfo.Utc, 8), []), "t");
        var full = DigestChart.RenderPng(TwelveWeeks().Chart, "t");

        Assert.That(full, Is.Not.EqualTo(empty));
    }

    private static string ChunkType(byte[] png) => System.Text.Encoding.ASCII.GetString(png, 12, 4);

    private static int Width(byte[] png) => BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));

    private static int Height(byte[] png) => BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
}
