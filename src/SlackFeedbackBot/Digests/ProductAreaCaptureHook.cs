using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Digests;

/// <summary>Tags each new feedback item with its product area (ProductAreaTagger), so digests can be filtered by area.</summary>
public sealed class ProductAreaCaptureHook(ProductAreaTagger tagger, Database database) : IFeedbackCaptureHook
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
