using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Tests.Feedback;

public sealed class FeedbackOptionsTests
{
    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        var options = new FeedbackOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(FeedbackOptions.Section).Bind(options);
        return new FeedbackOptionsValidator().Validate(null, options);
    }

    [Test]
    public void Defaults_AreValid()
    {
        var options = new FeedbackOptions();

        Assert.That(new FeedbackOptionsValidator().Validate(null, options).Succeeded, Is.True);
        Assert.That((options.CaptureReactionName, options.ReactionConfirmation, options.FollowUpQuestion, options.MaxTextLength), Is.EqualTo(("bulb", ReactionConfirmation.ThreadReply, true, 10_000)));
        Assert.That(options.EffectiveSources, Is.EqualTo(new[] { "support", "sales", "success", "research", "other" }));
        Assert.That((options.Thresholds.ReportCount, options.Thresholds.WithinDays), Is.EqualTo((10, 30)));
    }

    [Test]
    public void ConfiguredSources_ReplaceTheDefaults()
    {
        var options = new FeedbackOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Feedback:Sources:0"] = "zendesk" }).Build().GetSection("Feedback").Bind(options);

        Assert.That(options.EffectiveSources, Is.EqualTo(new[] { "zendesk" }));
    }

    [Test]
    public void BadSettings_AreNamedWithWhatToDo()
    {
        var result = Validate(new Dictionary<string, string?>
        {
            ["Feedback:CaptureReaction"] = " ",
            ["Feedback:PassiveChannels:0"] = "#customer-feedback",
            ["Feedback:MaxTextLength"] = "0",
            ["Feedback:Thresholds:ReportCount"] = "1",
            ["Feedback:Thresholds:WithinDays"] = "0",
            ["Feedback:Thresholds:HighValueCustomers:0"] = "Acme",
        });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Feedback:CaptureReaction").And.Contain("#customer-feedback").And.Contain("MaxTextLength")
            .And.Contain("ReportCount").And.Contain("WithinDays").And.Contain("AlertChannel"));
    }

    [Test]
    public void HostStart_WithBadFeedbackSettings_FailsWithTheMessage()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Feedback:MaxTextLength"] = "999999" }).Build();
        var services = new ServiceCollection();
        services.AddOptions<FeedbackOptions>().Bind(configuration.GetSection(FeedbackOptions.Section));
        services.AddSingleton<IValidateOptions<FeedbackOptions>, FeedbackOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<FeedbackOptions>>().Value);
        Assert.That(ex!.Message, Does.Contain("Feedback:MaxTextLength (Feedback__MaxTextLength) is 999999"));
    }
}
