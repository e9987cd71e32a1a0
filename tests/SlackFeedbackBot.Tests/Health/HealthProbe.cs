using System.Text.Json.Nodes;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Health;

/// <summary>A health endpoint's answer, read over real HTTP from the running bot host.</summary>
public sealed record HealthAnswer(int StatusCode, JsonObject Body)
{
    public string? Status => Body["status"]?.GetValue<string>();

    public IReadOnlyCollection<string> CheckNames => Body["checks"]!.AsObject().Select(c => c.Key).ToList();

    public string? CheckStatus(string check) => Body["checks"]?[check]?["status"]?.GetValue<string>();

    public string? Description(string check) => Body["checks"]?[check]?["description"]?.GetValue<string>();

    public JsonNode? Data(string check, string key) => Body["checks"]?[check]?["data"]?[key];

    public override string ToString() => $"HTTP {StatusCode}: {Body.ToJsonString()}";
}

public static class HealthProbe
{
    public static async Task<HealthAnswer> GetAsync(BotTestHost host, string path)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return new HealthAnswer((int)response.StatusCode, body);
    }

    /// <summary>Asks until <paramref name="condition"/> holds (real time, generous deadline); returns the answer that satisfied it.</summary>
    public static async Task<HealthAnswer> WaitForAsync(BotTestHost host, string path, Func<HealthAnswer, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            var answer = await GetAsync(host, path);
            if (condition(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}; the last answer was {answer}");
            }

            await Task.Delay(50);
        }
    }
}
