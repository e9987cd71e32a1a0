using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>A digest is its sections: each loads, builds and renders itself, and a new one is one class and one line.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class DigestSectionsTests(StorageProvider provider)
{
    private static readonly DateTimeOffset W48 = DigestJobSeed.Week48;
    private ProviderDatabase _db = null!;
    private Database _database = null!;
    private DigestJobSeed _seed = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await ProviderDatabase.CreateAsync(provider);
        _database = _db.Database;
        _seed = new DigestJobSeed(_database);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private static DigestQuery Week48Query() =>
        DigestQuery.LastComplete(DigestPeriodKind.Week, TimeZoneInfo.Utc, W48.AddDays(7).AddHours(9));

    private ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddDigests();
        var buckets = new FeedbackBuckets(SpotlightClassifier.CreateDefault());
        services.AddSingleton(new DigestSources(
            new FeedbackDigestQueries(_database), new RotationDigestQueries(_database), new DigestBucketCatalog(buckets, Options.Create(new SpotlightOptions()))));
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task ANewSection_RegisteredInOneLine_LoadsItsOwnFacts_AndShowsInBlockKitAndText()
    {
        _seed.Item("How do I export to Excel?", "user_experience", W48.AddDays(1), "Acme");
        _seed.Item("Can you integrate with Trello?", "product_marketing", W48.AddDays(2), "Globex");
        _seed.Item("Can I pay yearly?", "product_marketing", W48.AddDays(-3));
        using var provider = Services(services => services.AddDigestSection<NewItemsSection>());
        var builder = provider.GetRequiredService<DigestBuilder>();

        var digest = builder.Build(await builder.LoadAsync(Week48Query(), CancellationToken.None));

        var text = DigestTextRenderer.Render(digest);
        Assert.That(text, Does.Contain("New this period: 2 items").And.EndWith("New this period: 2 items" + Environment.NewLine));
        var blocks = JsonDocument.Parse(DigestJsonRenderer.Render(digest)).RootElement.GetProperty("blocks").EnumerateArray().ToList();
        Assert.That(blocks[^1].GetProperty("type").GetString(), Is.EqualTo("section"));
        Assert.That(blocks[^1].GetProperty("text").GetProperty("text").GetString(), Is.EqualTo("*New this period:* 2 items"));
        Assert.That(digest.Sections[^1], Is.InstanceOf<NewItemsSection>());
    }

    [Test]
    public async Task TheRegisteredBuiltInSections_GiveTheSameDigest_AsTheBuiltInList()
    {
        var export = _seed.Item("How do I export to Excel?", "user_experience", W48.AddDays(1), "Acme", "UANN");
        _seed.MeToo(export, "UBO", "Globex", W48.AddDays(2));
        _seed.Item("The export page is blank", "unclassified", W48.AddDays(3));
        _seed.Resolve(_seed.Item("Can I pay yearly?", "product_marketing", W48.AddDays(-9)), "Yes, in settings", W48.AddDays(2), "UANN");
        _seed.Ledger("UANN", "served", W48.AddDays(1).AddHours(9));
        using var provider = Services();
        var registered = provider.GetRequiredService<DigestBuilder>();

        var input = await registered.LoadAsync(Week48Query(), CancellationToken.None);
        var digest = registered.Build(input);

        Assert.That(registered.Sections, Is.EqualTo(DigestSections.All));
        Assert.That(DigestTextRenderer.Render(digest), Is.EqualTo(DigestTextRenderer.Render(new DigestBuilder().Build(input))));
        Assert.That(DigestJsonRenderer.Render(digest), Is.EqualTo(DigestJsonRenderer.Render(new DigestBuilder().Build(input))));
        Assert.That(DigestTextRenderer.Render(digest), Does.Contain("Waiting for triage: 1 unclassified item").And.Contain("UANN: 1 served"));
    }

    [Test]
    public void ABuilderWithoutSources_SaysWhatIsMissing()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => new DigestBuilder().LoadAsync(Week48Query(), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("DigestSources"));
    }

    /// <summary>A section as someone would add one: its own facts, loaded from a feature's query API, in one class.</summary>
    private sealed class NewItemsSection : IDigestSection
    {
        private sealed record NewItems(int Count);

        public Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct)
        {
            var count = load.Sources.Feedback.ItemsCreatedPerBucket(load.Query.Period.From, load.Query.Period.To, load.Filter).Sum(row => row.Count);
            return Task.FromResult(input with { SectionData = input.SectionData.With(new NewItems(count)) });
        }

        public Digest Build(DigestInput input, Digest digest) =>
            digest with { SectionData = digest.SectionData.With(input.SectionData.Get<NewItems>() ?? new NewItems(0)) };

        public IEnumerable<DigestPart> Blocks(Digest digest) =>
            [new DigestPart(DigestPartKind.Text, $"*New this period:* {Plural.Of(digest.SectionData.Get<NewItems>()!.Count, "item")}")];

        public IEnumerable<string> Text(Digest digest) =>
            ["", $"New this period: {Plural.Of(digest.SectionData.Get<NewItems>()!.Count, "item")}"];
    }
}
