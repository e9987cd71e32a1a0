using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Slack.Api;

public sealed record AuthTestResponse(string UserId, string? BotId, string TeamId, string? Team, string? Url);

public sealed record PostMessageResponse(string Channel, string Ts);

public sealed record ConversationInfo(string Id, string? Name, bool IsChannel, bool IsPrivate, bool IsIm, bool IsMember, string? Topic);

public sealed record SlackUser(
    string Id,
    string Name,
    string? RealName,
    string? DisplayName,
    string? Tz,
    int TzOffset,
    bool IsBot,
    bool Deleted,
    string? TeamId)
{
    /// <summary>The profile's email, present when the app has the <c>users:read.email</c> scope.</summary>
    public string? Email { get; init; }
}

public sealed record UserGroup(string Id, string Handle, string? Name, IReadOnlyList<string> Users);

/// <summary>A modal view for views.open / views.update.</summary>
public sealed record ModalView
{
    public string Title { get; init; } = "";
    public string? Submit { get; init; }
    public string? Close { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
    public string? ExternalId { get; init; }
    public bool NotifyOnClose { get; init; }
    public IReadOnlyList<Block> Blocks { get; init; } = [];
}

/// <summary>A file to upload and share.</summary>
public sealed record FileUpload(string FileName, byte[] Content)
{
    public string? Title { get; init; }
    public string? AltText { get; init; }
    public string? ChannelId { get; init; }
    public string? ThreadTs { get; init; }
    public string? InitialComment { get; init; }
}
