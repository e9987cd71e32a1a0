using System.Threading.Channels;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// One queue of inbox work with its own workers. Requests a person waits on (commands, shortcuts, buttons, modals)
/// have a lane of their own, so a backlog of events never stands between someone and the answer in their ack.
/// </summary>
internal sealed class InboxLane(string name, int workers)
{
    private readonly Channel<InboxWork> _queue = Channel.CreateUnbounded<InboxWork>();

    public string Name { get; } = name;

    /// <summary>Whether a request of this kind goes in the interactive lane rather than the event lane.</summary>
    public static bool IsInteractive(SlackRequestKind kind) => kind is
        SlackRequestKind.SlashCommand or SlackRequestKind.GlobalShortcut or SlackRequestKind.MessageShortcut
        or SlackRequestKind.BlockActions or SlackRequestKind.ViewSubmission or SlackRequestKind.ViewClosed
        or SlackRequestKind.BlockSuggestion;

    public void Enqueue(InboxWork work) => _queue.Writer.TryWrite(work);

    /// <summary>Runs the lane's workers until <paramref name="ct"/> is cancelled; each takes the next work item in turn.</summary>
    public Task RunAsync(Func<InboxWork, CancellationToken, Task> handle, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(handle, ct), ct)));

    private async Task WorkAsync(Func<InboxWork, CancellationToken, Task> handle, CancellationToken ct)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(ct))
            {
                await handle(work, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: unhandled rows stay pending and are picked up at the next start.
        }
    }
}

/// <summary>A request for a worker to handle, with the ack slot its reply may go in (only on its first attempt).</summary>
internal sealed record InboxWork(InboxRecord Record, AckSlot? Slot);
