using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Slack.Configuration;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Hosting;

/// <summary>
/// docs/configuration.md and appsettings.example.json against the code: every documented setting is a real property
/// that the running bot binds, every property is documented, and the example holds the defaults and loads cleanly.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    private const string TestText = "docs-check";

    /// <summary>A setting of the table; a row naming two ("A / B") gives the first one's environment variable.</summary>
    public sealed record DocumentedSetting(string Section, string Name, string? EnvironmentVariable)
    {
        public string Path => $"{Section}:{Name}";

        public override string ToString() => Path;
    }

    public static IEnumerable<DocumentedSetting> Documented()
    {
        foreach (var line in File.ReadLines(Repository.File("docs/configuration.md")))
        {
            var row = TableRow().Match(line);
            if (!row.Success)
            {
                continue;
            }

            var names = row.Groups["settings"].Value.Split(" / ", StringSplitOptions.TrimEntries);
            for (var i = 0; i < names.Length; i++)
            {
                yield return new DocumentedSetting(row.Groups["section"].Value, names[i].Replace("[]", "", StringComparison.Ordinal), i == 0 ? row.Groups["env"].Value : null);
            }
        }
    }

    [Test]
    public void TheTableDocumentsSettings() => Assert.That(Documented().Count(), Is.GreaterThan(50));

    [TestCaseSource(nameof(Documented))]
    public void DocumentedSetting_IsAPropertyThatTheBotBinds(DocumentedSetting setting)
    {
        var (section, property) = Resolve(setting.Path);
        Assert.That(property, Is.Not.Null, $"{setting.Path} is documented but no options class has it");
        if (setting.EnvironmentVariable is { } variable)
        {
            Assert.That(variable, Does.StartWith(setting.Path.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()));
        }

        var (value, expected) = TestValue(property!, Default(section!, setting.Path));
        var bound = Bind(section!, new Dictionary<string, string?>(value.Select(v => new KeyValuePair<string, string?>(setting.Path + v.Key, v.Value))));

        Assert.That(Read(bound, section!, setting.Path), expected, $"{setting.Path} set in configuration did not reach the options");
    }

    [Test]
    public void EverySetting_IsDocumented()
    {
        var documented = Documented().Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var sections = Documented().Select(d => d.Section).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var section in BotSettings.Sections)
        {
            foreach (var property in Settable(section.OptionsType))
            {
                var path = $"{section.Path}:{property.Name}";
                var isSection = IsOptionsClass(property.PropertyType);
                if (isSection ? !sections.Contains(path) : !documented.Contains(path))
                {
                    missing.Add(path);
                }
            }
        }

        Assert.That(missing, Is.Empty, "settings missing from docs/configuration.md");
    }

    [Test]
    public void EveryBoundSection_IsCheckedByTheConfigurationCheck()
    {
        var builder = BotHost.CreateBuilder([]);
        var bound = builder.Services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>)
                        && d.ImplementationInstance?.GetType().Name.StartsWith("NamedConfigureFromConfigurationOptions", StringComparison.Ordinal) == true)
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("SlackFeedbackBot", StringComparison.Ordinal) == true)
            .ToHashSet();

        Assert.That(bound, Is.Not.Empty);
        Assert.That(bound, Is.SubsetOf(BotSettings.Sections.Select(s => s.OptionsType)));
    }

    [Test]
    public void ExampleSettings_HoldTheDefaults_AndPassTheCheck()
    {
        using var dir = new TempDirectory();
        var example = Repository.File("appsettings.example.json");

        var report = Check(dir, example);

        Assert.That(report.Problems, Is.Empty);
        foreach (var setting in Documented())
        {
            var (section, property) = Resolve(setting.Path);
            var loaded = Read(Bind(section!, [], example), section!, setting.Path);
            var fallback = Default(section!, setting.Path);
            if (loaded is IList list)
            {
                // The feedback sources are listed as the defaults they stand for; other lists hold ids or examples.
                var expected = setting.Path == "Feedback:Sources" ? FeedbackOptions.DefaultSources : (IEnumerable)Array.Empty<object>();
                Assert.That(list, Is.EqualTo(expected), $"{setting.Path} in appsettings.example.json is not the default");
            }
            else
            {
                Assert.That(Blank(loaded), Is.EqualTo(Blank(fallback)), $"{setting.Path} in appsettings.example.json is not the default");
            }

            Assert.That(property, Is.Not.Null);
        }
    }

    [Test]
    public void FeatureExamples_LoadAndPassTheCheck()
    {
        using var dir = new TempDirectory();

        var report = Check(dir, Repository.File("appsettings.example.json"), Repository.File("appsettings.example-features.json"));

        Assert.That(report.Problems, Is.Empty);
    }

    private static ConfigurationReport Check(TempDirectory dir, params string[] files)
    {
        var builder = BotHost.CreateBuilder([], c =>
        {
            foreach (var file in files)
            {
                c.AddJsonFile(file, optional: false);
            }

            c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Slack:BotToken"] = "xoxb-1-2-example",
                ["Slack:AppToken"] = "xapp-1-A1-2-example",
                ["Storage:DatabasePath"] = dir.File("bot.db"),
            });
        });
        using var app = builder.Build();
        return ConfigurationCheck.Run(app.Services);
    }

    /// <summary>The options of <paramref name="section"/> as the bot's own registrations bind them, without validation.</summary>
    private static object Bind(SettingsSection section, Dictionary<string, string?> settings, string? file = null)
    {
        var builder = BotHost.CreateBuilder([], c =>
        {
            if (file is not null)
            {
                c.AddJsonFile(file, optional: false);
            }

            c.AddInMemoryCollection(settings);
        });
        using var app = builder.Build();
        var options = Activator.CreateInstance(section.OptionsType)!;
        foreach (var configure in app.Services.GetServices(typeof(IConfigureOptions<>).MakeGenericType(section.OptionsType)))
        {
            configure!.GetType().GetMethod("Configure", [section.OptionsType])!.Invoke(configure, [options]);
        }

        return options;
    }

    private static (SettingsSection? Section, PropertyInfo? Property) Resolve(string path)
    {
        var section = BotSettings.Sections.Where(s => path.StartsWith(s.Path + ":", StringComparison.Ordinal)).MaxBy(s => s.Path.Length);
        if (section is null)
        {
            return (null, null);
        }

        var type = section.OptionsType;
        PropertyInfo? property = null;
        foreach (var name in path[(section.Path.Length + 1)..].Split(':'))
        {
            property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is null || !property.CanWrite)
            {
                return (section, null);
            }

            type = property.PropertyType;
        }

        return (section, property);
    }

    private static object? Default(SettingsSection section, string path) => Read(Activator.CreateInstance(section.OptionsType)!, section, path);

    private static object? Read(object options, SettingsSection section, string path)
    {
        object? value = options;
        foreach (var name in path[(section.Path.Length + 1)..].Split(':'))
        {
            value = value!.GetType().GetProperty(name)!.GetValue(value);
        }

        return value;
    }

    /// <summary>Configuration values for the setting (keys relative to it) and what the bound property must then be.</summary>
    private static (Dictionary<string, string?> Values, NUnit.Framework.Constraints.IResolveConstraint Expected) TestValue(PropertyInfo property, object? current)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string))
        {
            return (new() { [""] = TestText }, Is.EqualTo(TestText));
        }

        if (type == typeof(bool))
        {
            var flipped = !(bool)current!;
            return (new() { [""] = flipped.ToString() }, Is.EqualTo(flipped));
        }

        if (type == typeof(double))
        {
            var more = (double)current! + 1;
            return (new() { [""] = more.ToString(CultureInfo.InvariantCulture) }, Is.EqualTo(more));
        }

        if (type == typeof(int))
        {
            var next = (int)current! + 1;
            return (new() { [""] = next.ToString(CultureInfo.InvariantCulture) }, Is.EqualTo(next));
        }

        if (type == typeof(double))
        {
            // Halved, so a fraction (0-1) stays one.
            var other = (double)current! / 2;
            return (new() { [""] = other.ToString(CultureInfo.InvariantCulture) }, Is.EqualTo(other));
        }

        if (type == typeof(TimeSpan))
        {
            var longer = (TimeSpan)current! + TimeSpan.FromSeconds(1);
            return (new() { [""] = Duration.Format(longer) }, Is.EqualTo(longer));
        }

        if (type.IsEnum)
        {
            var other = Enum.GetValues(type).Cast<object>().First(v => !v.Equals(current));
            return (new() { [""] = other.ToString() }, Is.EqualTo(other));
        }

        var element = type.GetGenericArguments().Single();
        if (element == typeof(string))
        {
            return (new() { [":0"] = TestText }, Does.Contain(TestText));
        }

        var field = Settable(element).First(p => p.PropertyType == typeof(string));
        return (new() { [$":0:{field.Name}"] = TestText }, Has.Some.Property(field.Name).EqualTo(TestText));
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetSetMethod() is not null);

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static object? Blank(object? value) => value is "" ? null : value;

    [GeneratedRegex(@"^\| `(?<section>[A-Za-z:]+)` \| `(?<settings>[^`]+)` \| [^|]* \| `(?<env>[A-Z0-9_]+)`")]
    private static partial Regex TableRow();
}
