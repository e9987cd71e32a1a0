using PublicHoliday;

namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>
/// National public holidays by ISO country code, computed by the <c>PublicHoliday</c> package (no network, the same
/// answer for the same year), so the planner stays a pure function of its input.
/// </summary>
public static class PublicHolidayCalendar
{
    private static readonly IReadOnlyDictionary<string, Func<IPublicHolidays>> ByCountry = new Dictionary<string, Func<IPublicHolidays>>(StringComparer.OrdinalIgnoreCase)
    {
        ["AT"] = () => new AustriaPublicHoliday(),
        ["AU"] = () => new AustraliaPublicHoliday(),
        ["BE"] = () => new BelgiumPublicHoliday(),
        ["BR"] = () => new BrazilPublicHoliday(),
        ["CA"] = () => new CanadaPublicHoliday(),
        ["CH"] = () => new SwitzerlandPublicHoliday(),
        ["CZ"] = () => new CzechRepublicPublicHoliday(),
        ["DE"] = () => new GermanPublicHoliday(),
        ["DK"] = () => new DenmarkPublicHoliday(),
        ["EE"] = () => new EstoniaPublicHoliday(),
        ["ES"] = () => new SpainPublicHoliday(),
        ["FI"] = () => new FinlandPublicHoliday(),
        ["FR"] = () => new FrancePublicHoliday(),
        ["GB"] = () => new UKBankHoliday(),
        ["GR"] = () => new GreecePublicHoliday(),
        ["HR"] = () => new CroatiaPublicHoliday(),
        ["HU"] = () => new HungaryPublicHoliday(),
        ["IE"] = () => new IrelandPublicHoliday(),
        ["IT"] = () => new ItalyPublicHoliday(),
        ["JP"] = () => new JapanPublicHoliday(),
        ["LT"] = () => new LithuaniaPublicHoliday(),
        ["LU"] = () => new LuxembourgPublicHoliday(),
        ["LV"] = () => new LatviaPublicHoliday(),
        ["MX"] = () => new MexicoPublicHoliday(),
        ["NL"] = () => new DutchPublicHoliday(),
        ["NO"] = () => new NorwayPublicHoliday(),
        ["NZ"] = () => new NewZealandPublicHoliday(),
        ["PL"] = () => new PolandPublicHoliday(),
        ["PT"] = () => new PortugalPublicHoliday(),
        ["RO"] = () => new RomanianPublicHoliday(),
        ["SE"] = () => new SwedenPublicHoliday(),
        ["SI"] = () => new SloveniaPublicHoliday(),
        ["SK"] = () => new SlovakiaPublicHoliday(),
        ["US"] = () => new USAPublicHoliday(),
        ["ZA"] = () => new SouthAfricaPublicHoliday(),
    };

    public static IEnumerable<string> Countries => ByCountry.Keys.Order(StringComparer.Ordinal);

    public static bool Supports(string country) => ByCountry.ContainsKey(country);

    /// <summary>The country's public holidays, with their names, in the years from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyDictionary<DateOnly, string> Between(string country, DateOnly from, DateOnly to)
    {
        var days = new Dictionary<DateOnly, string>();
        if (!ByCountry.TryGetValue(country, out var create))
            return days;
        var calendar = create();
        for (var year = from.Year; year <= to.Year; year++)
        {
            foreach (var (date, name) in calendar.PublicHolidayNames(year))
            {
                var day = DateOnly.FromDateTime(date);
                if (day >= from && day <= to)
                    days.TryAdd(day, name);
            }
        }
        return days;
    }
}
