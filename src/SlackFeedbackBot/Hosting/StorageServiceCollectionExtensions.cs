using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite database (section <c>Storage</c>), prepared and migrated when first asked for.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var database = new Database(options.DatabasePath, options.BusyTimeoutSeconds);
            database.Initialize();
            return database;
        });
        services.TryAddSingleton<OnceOnly>();
        return services;
    }
}
