using System.Globalization;

namespace SlackFeedbackBot.Customers;

/// <summary>Amounts as people say them in a sentence: $950, $250k, $1.2M.</summary>
public static class Money
{
    public static string Short(long amount) => amount switch
    {
        >= 1_000_000 => "$" + Trim(amount / 1_000_000m) + "M",
        >= 1_000 => "$" + Trim(amount / 1_000m) + "k",
        _ => "$" + amount.ToString(CultureInfo.InvariantCulture),
    };

    private static string Trim(decimal value) => Math.Round(value, 1, MidpointRounding.ToZero).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an amount as spreadsheets hold it: <c>250000</c>, <c>250,000</c>, <c>$250,000.00</c>, <c>250k</c>, <c>1.2m</c>.
    /// False for anything else (a negative amount, words).
    /// </summary>
    public static bool TryParse(string text, out long amount)
    {
        amount = 0;
        var value = text.Trim().TrimStart('$', '€', '£').Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim();
        var scale = 1m;
        if (value.Length > 1 && char.ToLowerInvariant(value[^1]) is 'k' or 'm')
        {
            scale = char.ToLowerInvariant(value[^1]) == 'k' ? 1_000m : 1_000_000m;
            value = value[..^1].TrimEnd();
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number * scale > long.MaxValue)
        {
            return false;
        }

        amount = (long)Math.Round(number * scale, MidpointRounding.AwayFromZero);
        return true;
    }
}
