namespace SlackFeedbackBot.Tests.Support;

/// <summary>Waits for a condition with a generous deadline, polling briefly: never a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task ThatAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}. {detail?.Invoke()}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task ThatAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}. {detail?.Invoke()}");
            }

            await Task.Delay(20);
        }
    }
}
