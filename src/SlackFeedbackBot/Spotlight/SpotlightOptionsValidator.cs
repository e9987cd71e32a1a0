using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Spotlight;

/// <summary>Fails start-up with every broken Spotlight setting named, instead of at the first classified message.</summary>
internal sealed class SpotlightOptionsValidator : IValidateOptions<SpotlightOptions>
{
    public ValidateOptionsResult Validate(string? name, SpotlightOptions options) =>
        SpotlightRuleCompiler.TryCompile(options, out _, out var problems)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems);
}
