using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Privacy;
using SlackFeedbackBot.Slack.Directory;

namespace SlackFeedbackBot.Customers;

public static class CustomersServiceCollectionExtensions
{
    /// <summary>Customer records: options (section <c>Customers</c>, validated at start), the repository, the CSV import and the query API.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CustomerOptions>()
            .Bind(configuration.GetSection(CustomerOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CustomerOptions>, CustomerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CustomerRepository>();
        services.TryAddSingleton<CustomerImporter>();
        services.TryAddSingleton<CustomerValues>();
        services.TryAddSingleton<WorkspaceDirectory>();
        services.TryAddSingleton<CustomerQueries>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataEraser, CustomerErasure>());
        return services;
    }
}
