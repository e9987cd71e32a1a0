using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>Finds a feedback item's product area from its words; the feature that knows the areas registers its own.</summary>
public interface IProductAreaTagger
{
    /// <summary>The area the text belongs to, or null when none fits.</summary>
    string? Tag(string text);
}

/// <summary>Used until product areas are configured: no item gets an area.</summary>
public sealed class NoProductAreaTagger : IProductAreaTagger
{
    public string? Tag(string text) => null;
}

/// <summary>Stores each new item's product area (column <c>feedback_items.product_area</c>, Feedback's own), as the tagger finds it.</summary>
public sealed class ProductAreaCaptureHook(IProductAreaTagger tagger, Database database) : IFeedbackCaptureHook
{
    public void Captured(FeedbackItem item)
    {
        if (tagger.Tag(item.Text) is not { } area)
        {
            return;
        }

        using var connection = database.Open();
        connection.Execute("UPDATE feedback_items SET product_area = @area WHERE id = @id", new { area, id = item.Id });
    }
}
