using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests;

/// <summary>Stops the run's throwaway PostgreSQL cluster once every test is done.</summary>
[SetUpFixture]
public sealed class PostgresServerShutdown
{
    [OneTimeTearDown]
    public Task StopAsync() => PostgresServer.StopSharedAsync();
}
