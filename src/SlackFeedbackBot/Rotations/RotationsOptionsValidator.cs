using Microsoft.Extensions.Options;
using Quartz;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// Refuses rotation settings that cannot work, naming the exact setting: a planning window of nothing, a cron Quartz
/// cannot read, admins that are not user ids, and declared rotations whose fields do not parse.
/// </summary>
public sealed class RotationsOptionsValidator : IValidateOptions<RotationsOptions>
{
    public const int LongestPlanAheadDays = 366;

    public ValidateOptionsResult Validate(string? name, RotationsOptions options)
    {
        var checks = new SettingChecks(RotationsOptions.Section);
        checks.Between(nameof(RotationsOptions.PlanAheadDays), options.PlanAheadDays, 1, LongestPlanAheadDays);
        if (!IsCron(options.PlanningCron))
        {
            checks.Add(nameof(RotationsOptions.PlanningCron),
                $"is \"{Shown(options.PlanningCron)}\", not a Quartz cron expression; write seconds minutes hours day-of-month month day-of-week, e.g. 0 0 3 * * ? (03:00 UTC daily).");
        }

        for (var i = 0; i < options.Admins.Count; i++)
        {
            Parse(checks, $"{nameof(RotationsOptions.Admins)}:{i}", () => RotationSettingsText.ParseUser(options.Admins[i] ?? ""));
        }

        for (var i = 0; i < options.CompanyDaysOff.Count; i++)
        {
            Parse(checks, $"{nameof(RotationsOptions.CompanyDaysOff)}:{i}", () => RotationSettingsText.ParseHolidays(options.CompanyDaysOff[i] ?? ""));
        }

        for (var i = 0; i < options.Rotations.Count; i++)
        {
            CheckDeclared(checks, $"{nameof(RotationsOptions.Rotations)}:{i}", options.Rotations[i]);
        }

        return checks.Result();
    }

    public static bool IsCron(string? cron) => !string.IsNullOrWhiteSpace(cron) && CronExpression.TryParse(cron, out _);

    private static void CheckDeclared(SettingChecks checks, string where, DeclaredRotation declared)
    {
        if (string.IsNullOrWhiteSpace(declared.Name))
        {
            checks.Add($"{where}:{nameof(DeclaredRotation.Name)}", "is empty; give the rotation a name, e.g. support.");
        }

        // Each field on its own, so the line names it; the nudge/escalate pair is checked together below.
        var probe = new RotationSettings { Name = "probe", SupportChannel = "", NudgeAfter = TimeSpan.Zero, EscalateAfter = TimeSpan.MaxValue };
        var fieldsParse = true;
        foreach (var (property, key, value) in declared.AsNamedSettings())
        {
            fieldsParse &= Parse(checks, $"{where}:{property}", () => RotationSettingsText.Apply(probe, [new(key, value)]));
        }

        if (fieldsParse)
        {
            Parse(checks, where, () => RotationSettingsText.Apply(new RotationSettings { Name = "probe", SupportChannel = "" }, declared.AsSettings()));
        }

        for (var m = 0; m < declared.Members.Count; m++)
        {
            var member = declared.Members[m];
            var at = $"{where}:{nameof(DeclaredRotation.Members)}:{m}";
            Parse(checks, $"{at}:{nameof(DeclaredMember.UserId)}", () => RotationSettingsText.ParseUser(member.UserId ?? ""));
            Parse(checks, $"{at}:{nameof(DeclaredMember.WorkingHours)}", () => RotationSettingsText.ParseHours(member.WorkingHours ?? ""));
            Parse(checks, $"{at}:{nameof(DeclaredMember.WorkingDays)}", () => RotationSettingsText.ParseDays(member.WorkingDays ?? ""));
            if (member.TimeZone is not null)
            {
                Parse(checks, $"{at}:{nameof(DeclaredMember.TimeZone)}", () => RotationSettingsText.ParseZone(member.TimeZone));
            }

            if (member.HolidayCountry is not null)
            {
                Parse(checks, $"{at}:{nameof(DeclaredMember.HolidayCountry)}", () => RotationSettingsText.ParseCountry(member.HolidayCountry) ?? "none");
            }
        }
    }

    private static bool Parse(SettingChecks checks, string key, Func<object> parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (RotationSettingException ex)
        {
            checks.Add(key, $"is wrong: {ex.Message}");
            return false;
        }
    }

    private static string Shown(string? value) =>
        new string((value ?? "").Trim().Where(c => !char.IsControl(c)).Take(60).ToArray()).Replace("\"", "'", StringComparison.Ordinal);
}
