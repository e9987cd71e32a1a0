namespace SlackFeedbackBot.Customers;

/// <summary>What a customer's voice weighs when thresholds count customers, and who is high value (section <c>Customers</c>).</summary>
public sealed class CustomerOptions
{
    public const string Section = "Customers";

    /// <summary>The weight of a customer on a tier (matched case-insensitively); a tier not listed weighs 1.</summary>
    public List<TierWeight> TierWeights { get; set; } = [];

    /// <summary>The weight of a customer by annual revenue: the highest band the revenue reaches; below every band, 1.</summary>
    public List<RevenueBand> RevenueBands { get; set; } = [];

    public ImportanceWeights ImportanceWeights { get; set; } = new();

    public HighValueOptions HighValue { get; set; } = new();
}

public sealed class TierWeight
{
    public string Tier { get; set; } = "";

    public double Weight { get; set; } = 1;
}

public sealed class RevenueBand
{
    /// <summary>What the band is called where it is named (optional).</summary>
    public string? Name { get; set; }

    /// <summary>The annual revenue (whole currency units) from which the band's weight applies.</summary>
    public int AtLeast { get; set; }

    public double Weight { get; set; } = 1;
}

/// <summary>How much the importance a reporter gave multiplies their customer's weight; none given counts as medium.</summary>
public sealed class ImportanceWeights
{
    public double Low { get; set; } = 0.5;

    public double Medium { get; set; } = 1;

    public double High { get; set; } = 2;

    public double For(string? importance) => importance?.Trim().ToLowerInvariant() switch
    {
        "low" => Low,
        "high" => High,
        _ => Medium,
    };
}

/// <summary>Customers whose feedback is passed on at once.</summary>
public sealed class HighValueOptions
{
    /// <summary>Annual revenue (whole currency units) at or above which a customer is high value; 0: revenue alone never is.</summary>
    public int AnnualRevenue { get; set; }

    /// <summary>Tiers (matched case-insensitively) whose customers are high value.</summary>
    public List<string> Tiers { get; set; } = [];
}
