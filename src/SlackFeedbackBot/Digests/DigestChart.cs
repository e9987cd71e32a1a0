using ScottPlot;

namespace SlackFeedbackBot.Digests;

/// <summary>Reports per bucket per week as a stacked bar chart (PNG), uploaded next to the digest.</summary>
public static class DigestChart
{
    public const int Width = 900;
    public const int Height = 450;

    public static byte[] RenderPng(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return RenderPng(digest.Chart, $"Feedback per week, up to {digest.Period.Label}"
            + (digest.ProductArea is null ? "" : $" ({digest.ProductArea})"));
    }

    public static byte[] RenderPng(ChartData chart, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var stackBase = new double[chart.Weeks.Count];
        var bars = new List<Bar>();
        var series = chart.Series;
        for (var index = 0; index < series.Count; index++)
        {
            if (!series[index].Counts.Any(count => count > 0))
            {
                continue;
            }
            // Colour follows the bucket's place in the list, so a bucket keeps its colour from one digest to the next.
            var color = palette.GetColor(index);
            for (var week = 0; week < chart.Weeks.Count; week++)
            {
                var count = week < series[index].Counts.Count ? series[index].Counts[week] : 0;
                if (count <= 0)
                {
                    continue;
                }
                bars.Add(new Bar
                {
                    Position = week,
                    ValueBase = stackBase[week],
                    Value = stackBase[week] + count,
                    FillColor = color,
                    LineWidth = 0,
                });
                stackBase[week] += count;
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[index].DisplayName, FillColor = color });
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
            plot.ShowLegend(Alignment.UpperLeft);
        }
        else
        {
            plot.Add.Annotation("No feedback in these weeks", Alignment.MiddleCenter);
        }

        plot.Title(title);
        plot.YLabel("Reports");
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, chart.Weeks.Count).Select(week => (double)week).ToArray(),
            chart.Weeks.Select(WeekLabel).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(-0.6, Math.Max(chart.Weeks.Count, 1) - 0.4);
        // Room above the tallest stack keeps the legend off the bars.
        plot.Axes.SetLimitsY(0, Math.Max(1, stackBase.DefaultIfEmpty(0).Max()) * 1.35);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string WeekLabel(DateOnly monday) => monday.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture);
}
