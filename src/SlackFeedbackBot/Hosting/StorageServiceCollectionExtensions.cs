using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The database (section <c>Storage</c>), prepared and migrated when first asked for. A PostgreSQL server that does
    /// not answer stops the start in one line (<see cref="PostgresStartup"/>).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var database = Database.From(options);
            if (database.Provider == StorageProvider.Postgres)
            {
                PostgresStartup.Reach(database);
            }

            database.Initialize();
            return database;
        });
        services.TryAddSingleton<OnceOnly>();
        return services;
    }
}
