using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// Finds the values the configuration binder cannot read (a word for a number, an unknown mode, a duration in another
/// syntax) before it throws on the first one, and says for each what the setting takes.
/// </summary>
public static partial class SettingValues
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration, SettingsSection section)
    {
        var problems = new List<string>();
        CheckObject(configuration.GetSection(section.Path), section.OptionsType, problems);
        return problems;
    }

    /// <summary>
    /// A section read while services are registered, before <see cref="ConfigurationCheck"/> runs: a value that does not
    /// read gives the defaults here, and the check then stops the start naming it.
    /// </summary>
    public static TOptions ReadOrDefaults<TOptions>(IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException)
        {
            return new TOptions();
        }
    }

    /// <summary>One line for the binder's own "Failed to convert configuration value" error; null for anything else.</summary>
    public static string? Explain(InvalidOperationException ex)
    {
        var match = FailedBinding().Match(ex.Message);
        if (!match.Success)
        {
            return null;
        }

        var reason = ex.InnerException?.Message ?? "the value cannot be read";
        return $"{SettingName.Of(match.Groups["path"].Value)} cannot be read: {reason}";
    }

    /// <summary>What a setting of <paramref name="type"/> takes, for a value that is not it; null when it reads.</summary>
    public static string? Check(string? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || (value.Length == 0 && (target != type || target == typeof(string))))
        {
            return null;
        }

        var shown = Shown(value);
        if (target == typeof(TimeSpan))
        {
            return Duration.TryParse(value, out _) ? null : $"is \"{shown}\", not a duration; {Duration.Syntax}.";
        }

        if (target.IsEnum)
        {
            var names = Enum.GetNames(target);
            return names.Any(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase))
                ? null
                : $"is \"{shown}\"; set it to {string.Join(" or ", names)}.";
        }

        if (target == typeof(bool))
        {
            return bool.TryParse(value.Trim(), out _) ? null : $"is \"{shown}\"; set it to true or false.";
        }

        if (target == typeof(int) || target == typeof(long))
        {
            return long.TryParse(value.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                   && (target == typeof(long) || number is >= int.MinValue and <= int.MaxValue)
                ? null
                : $"is \"{shown}\", not a whole number; write digits only, e.g. 30.";
        }

        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return $"is \"{shown}\", which cannot be read as {target.Name}.";
        }
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not null)
            {
                CheckValue(child, property.PropertyType, problems);
            }
        }
    }

    private static void CheckValue(IConfigurationSection node, Type type, List<string> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            if (Check(node.Value, type) is { } problem)
            {
                problems.Add($"{SettingName.Of(node.Path)} {problem}");
            }

            return;
        }

        if (ElementType(target) is { } element)
        {
            foreach (var item in node.GetChildren())
            {
                CheckValue(item, element, problems);
            }

            return;
        }

        if (target.IsClass && !typeof(IEnumerable).IsAssignableFrom(target))
        {
            CheckObject(node, target, problems);
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri);

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var element]
            && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type))
        {
            return element;
        }

        return null;
    }

    private static string Shown(string value)
    {
        var printable = new string(value.Trim().Where(c => !char.IsControl(c)).Take(60).ToArray()).Replace("\"", "'", StringComparison.Ordinal);
        return value.Trim().Length > 60 ? printable + "…" : printable;
    }

    [GeneratedRegex(@"^Failed to convert configuration value (?:'[^']*' )?at '(?<path>[^']+)'")]
    private static partial Regex FailedBinding();
}
