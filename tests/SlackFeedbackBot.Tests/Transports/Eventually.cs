using System.Diagnostics;

namespace SlackFeedbackBot.Tests.Transports;

/// <summary>Waits for a condition to hold, with a generous timeout; optionally nudges a fake clock between looks.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what, Action? betweenLooks = null)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Timeout)
            {
                Assert.Fail($"Timed out waiting until {what}");
            }

            betweenLooks?.Invoke();
            await Task.Delay(10);
        }
    }

    public static async Task<T> Within<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}");
            throw;
        }
    }

    public static async Task Within(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}");
        }
    }
}
