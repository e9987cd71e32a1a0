using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Hosting;

/// <summary>
/// At start each settings section is bound and validated once, by the configuration check: the start-up validation
/// and the bot's readers take the checked value instead of binding and validating the section again.
/// </summary>
public sealed class SettingsReadOnceTests
{
    [Test]
    public void The_start_validates_a_section_once_and_the_bot_reads_the_checked_value()
    {
        using var dir = new TempDirectory();
        var builder = Builder(dir, busyTimeoutSeconds: "7");
        var validations = new CountingStorageValidator();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>>(validations));

        using var app = BotHost.Build(builder);
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        var read = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(validations.Count, Is.EqualTo(1));
            Assert.That(read.BusyTimeoutSeconds, Is.EqualTo(7));
            Assert.That(read, Is.SameAs(app.Services.GetRequiredService<IOptionsMonitor<StorageOptions>>().CurrentValue));
        });
    }

    [Test]
    public void A_section_the_check_refuses_still_stops_the_start()
    {
        using var dir = new TempDirectory();
        var builder = Builder(dir, busyTimeoutSeconds: "-1");

        var refused = Assert.Throws<ConfigurationProblemsException>(() => ((IDisposable)BotHost.Build(builder)).Dispose());

        Assert.That(refused!.Problems, Has.Some.Contains("BusyTimeoutSeconds"));
    }

    private static Microsoft.AspNetCore.Builder.WebApplicationBuilder Builder(TempDirectory dir, string busyTimeoutSeconds) =>
        BotHost.CreateBuilder([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-1-2-example",
            ["Slack:AppToken"] = "xapp-1-A1-2-example",
            ["LocalMode:Enabled"] = "false",
            ["Storage:DatabasePath"] = dir.File("bot.db"),
            ["Storage:BusyTimeoutSeconds"] = busyTimeoutSeconds,
        }));

    private sealed class CountingStorageValidator : IValidateOptions<StorageOptions>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            Interlocked.Increment(ref _count);
            return ValidateOptionsResult.Success;
        }
    }
}
