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
        ["KZ"] = () => new KazakhstanPublicHoliday(),
        ["LT"] = () => new LithuaniaPublicHoliday(),
        ["LU"] = () => new LuxembourgPublicHoliday(),
        ["LV"] = () => new LatviaPublicHoliday(),
        ["ME"] = () => new MontenegroPublicHoliday(),
        ["MX"] = () => new MexicoPublicHoliday(),
        ["NL"] = () => new DutchPublicHoliday(),
        ["NO"] = () => new NorwayPublicHoliday(),
        ["NZ"] = () => new NewZealandPublicHoliday(),
        ["PL"] = () => new PolandPublicHoliday(),
        ["PT"] = () => new PortugalPublicHoliday(),
        ["RO"] = () => new RomanianPublicHoliday(),
        ["RS"] = () => new SerbianPublicHoliday(),
        ["SE"] = () => new SwedenPublicHoliday(),
        ["SI"] = () => new SloveniaPublicHoliday(),
        ["SK"] = () => new SlovakiaPublicHoliday(),
        ["TR"] = () => new TurkeyPublicHoliday(),
        ["US"] = () => new USAPublicHoliday(),
        ["ZA"] = () => new SouthAfricaPublicHoliday(),
    };

    /// <summary>The country of well-known IANA zones (as in tzdata's zone.tab), for <c>country=auto</c>.</summary>
    private static readonly IReadOnlyDictionary<string, string> CountryByZone = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Europe/Vienna"] = "AT", ["Europe/Brussels"] = "BE", ["Europe/Zurich"] = "CH", ["Europe/Prague"] = "CZ",
        ["Europe/Berlin"] = "DE", ["Europe/Copenhagen"] = "DK", ["Europe/Tallinn"] = "EE", ["Europe/Madrid"] = "ES",
        ["Europe/Helsinki"] = "FI", ["Europe/Paris"] = "FR", ["Europe/London"] = "GB", ["Europe/Athens"] = "GR",
        ["Europe/Zagreb"] = "HR", ["Europe/Budapest"] = "HU", ["Europe/Dublin"] = "IE", ["Europe/Rome"] = "IT",
        ["Europe/Vilnius"] = "LT", ["Europe/Luxembourg"] = "LU", ["Europe/Riga"] = "LV", ["Europe/Amsterdam"] = "NL",
        ["Europe/Oslo"] = "NO", ["Europe/Warsaw"] = "PL", ["Europe/Lisbon"] = "PT", ["Europe/Bucharest"] = "RO",
        ["Europe/Stockholm"] = "SE", ["Europe/Ljubljana"] = "SI", ["Europe/Bratislava"] = "SK",
        ["America/New_York"] = "US", ["America/Chicago"] = "US", ["America/Denver"] = "US", ["America/Phoenix"] = "US",
        ["America/Los_Angeles"] = "US", ["America/Anchorage"] = "US", ["Pacific/Honolulu"] = "US",
        ["America/Toronto"] = "CA", ["America/Vancouver"] = "CA", ["America/Edmonton"] = "CA", ["America/Winnipeg"] = "CA",
        ["America/Halifax"] = "CA", ["America/Mexico_City"] = "MX", ["America/Sao_Paulo"] = "BR",
        ["Australia/Sydney"] = "AU", ["Australia/Melbourne"] = "AU", ["Australia/Brisbane"] = "AU", ["Australia/Perth"] = "AU",
        ["Australia/Adelaide"] = "AU", ["Pacific/Auckland"] = "NZ", ["Asia/Tokyo"] = "JP", ["Africa/Johannesburg"] = "ZA",
    };

    /// <summary>
    /// Every zone's country from the system's tzdata (<c>zone.tab</c>, read once; the same files the runtime's time zones
    /// come from), so zones beyond the short list above (America/Detroit, Asia/Kolkata …) still name their country.
    /// </summary>
    private static readonly Lazy<IReadOnlyDictionary<string, string>> CountryByZoneTab = new(() => ReadZoneTab(ZoneTabPath));

    private const string ZoneTabPath = "/usr/share/zoneinfo/zone.tab";

    /// <summary>
    /// The country of a time zone, as an ISO code; null when neither the list nor tzdata knows the zone. The country may
    /// still have no holiday calendar: see <see cref="Supports"/>.
    /// </summary>
    public static string? CountryOfZone(string timeZoneId) =>
        CountryByZone.GetValueOrDefault(timeZoneId) ?? CountryByZoneTab.Value.GetValueOrDefault(timeZoneId);

    /// <summary>Reads tzdata's <c>zone.tab</c> (country code, coordinates, zone, comment; <c>#</c> lines are comments).</summary>
    internal static IReadOnlyDictionary<string, string> ReadZoneTab(string path)
    {
        var countries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
            return countries;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#'))
                continue;
            var columns = line.Split('\t');
            if (columns.Length >= 3 && columns[0].Length == 2)
                countries.TryAdd(columns[2], columns[0].ToUpperInvariant());
        }
        return countries;
    }

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
