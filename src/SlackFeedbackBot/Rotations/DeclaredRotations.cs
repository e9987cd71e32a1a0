using Microsoft.Extensions.Options;
using SlackFeedbackBot.Rotations.Storage;

namespace SlackFeedbackBot.Rotations;

/// <summary>
/// At start, writes the rotations declared in configuration to the database. Configuration wins for the definition
/// and for a declared member's time zone and hours; who joined or left from Slack, and time off, stay as they are.
/// A declared rotation that does not parse stops the start with a sentence saying which setting is wrong.
/// </summary>
public sealed class DeclaredRotations(IOptions<RotationsOptions> options, RotationRepository rotations, TimeProvider time, ILogger<DeclaredRotations> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await ApplyAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ApplyAsync()
    {
        var now = time.GetUtcNow();
        for (var i = 0; i < options.Value.Rotations.Count; i++)
        {
            var declared = options.Value.Rotations[i];
            var where = $"{RotationsOptions.Section}:Rotations:{i} ({declared.Name})";
            RotationSettings settings;
            try
            {
                if (string.IsNullOrWhiteSpace(declared.Name))
                {
                    throw new RotationSettingException("Name is empty.");
                }

                settings = RotationSettingsText.Apply(new RotationSettings { Name = declared.Name.Trim(), SupportChannel = "" }, declared.AsSettings());
                foreach (var member in declared.Members)
                {
                    RotationSettingsText.ParseUser(member.UserId);
                    RotationSettingsText.ParseHours(member.WorkingHours);
                    RotationSettingsText.ParseDays(member.WorkingDays);
                    if (member.TimeZone is not null)
                    {
                        RotationSettingsText.ParseZone(member.TimeZone);
                    }

                    if (member.HolidayCountry is not null)
                    {
                        RotationSettingsText.ParseCountry(member.HolidayCountry);
                    }
                }
            }
            catch (RotationSettingException ex)
            {
                throw new InvalidOperationException($"{where}: {ex.Message}", ex);
            }

            var id = await rotations.UpsertAsync(settings, declared: true, now);
            foreach (var member in declared.Members)
            {
                var hours = RotationSettingsText.FormatHours(RotationSettingsText.ParseHours(member.WorkingHours));
                var days = RotationSettingsText.FormatDays(RotationSettingsText.ParseDays(member.WorkingDays));
                var country = member.HolidayCountry is null ? null : RotationSettingsText.ParseCountry(member.HolidayCountry);
                if (!await rotations.HasMemberRecordAsync(id, member.UserId))
                {
                    await rotations.JoinAsync(id, member.UserId, now, member.TimeZone, hours, days);
                }

                await rotations.UpdateMemberSettingsAsync(id, member.UserId, member.TimeZone, hours, days, country);
            }

            log.LogInformation("Rotation {Rotation} from configuration: {Members} declared members", settings.Name, declared.Members.Count);
        }
    }
}
