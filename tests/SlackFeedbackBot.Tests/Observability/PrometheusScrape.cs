using System.Globalization;
using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Tests.Observability;

/// <summary>One sample of a Prometheus text exposition: <c>name{label="value",…} 12.5</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() => $"{Name}{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value}";
}

/// <summary>A scrape of <c>/metrics</c> over HTTP, read as samples.</summary>
public sealed partial class PrometheusScrape(string text, IReadOnlyList<PrometheusSample> samples)
{
    public string Text { get; } = text;

    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    public static async Task<PrometheusScrape> GetAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return new PrometheusScrape(text, Parse(text));
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one given ("key=value").</summary>
    public double Sum(string name, params string[] labels) => Matching(name, labels).Sum(s => s.Value);

    public IEnumerable<PrometheusSample> Matching(string name, params string[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l =>
        {
            var (key, value) = (l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..]);
            return s.Labels.TryGetValue(key, out var actual) && actual == value;
        }));

    public bool Has(string name, params string[] labels) => Matching(name, labels).Any();

    public string Describe(string prefix) => string.Join(Environment.NewLine, Samples.Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)));

    private static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups["key"].Value, m => Regex.Unescape(m.Groups["value"].Value));
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels, value));
        }

        return samples;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
