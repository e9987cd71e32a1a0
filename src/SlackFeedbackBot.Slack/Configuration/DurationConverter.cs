using System.ComponentModel;
using System.Globalization;

namespace SlackFeedbackBot.Slack.Configuration;

/// <summary>
/// Reads every TimeSpan setting with <see cref="Duration"/>. The configuration binder asks the type's converter (not a
/// property's), so <see cref="Register"/> puts this one on TimeSpan itself, once per process.
/// </summary>
public sealed class DurationConverter : TimeSpanConverter
{
    private static readonly Lazy<bool> Registration = new(() =>
    {
        TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(DurationConverter)));
        return true;
    });

    public static void Register() => _ = Registration.Value;

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Duration.Parse(text) : base.ConvertFrom(context, culture, value);
}
