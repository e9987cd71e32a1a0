using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>The emulator's workspace file: messages, threads, reactions, edits and DMs outlive a restart; ephemeral replies do not.</summary>
public sealed class WorkspaceFileTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string General = EmulatorIds.GeneralChannelId;

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private Task<SlackEmulator> StartAsync() =>
        SlackEmulator.StartAsync(new EmulatorOptions
        {
            Port = 0,
            SeedDemoWorkspace = true,
            WorkspacePath = _dir.File("bot.db.workspace.json"),
            AckTimeout = TimeSpan.FromMilliseconds(300), // no app connects: each event waits this long before it is recorded as undelivered
        });

    [Test]
    public async Task AfterARestart_TheHistoryIsWhereItWas_AndNewMessagesComeAfterIt()
    {
        string parent, reply, dm;
        await using (var first = await StartAsync())
        {
            parent = (await first.PostUserMessageAsync(Ana, General, "How do I export to Excel?")).Ts;
            reply = (await first.PostUserMessageAsync(Ben, General, "Same question from Globex", parent)).Ts;
            await first.AddReactionAsync(Ben, General, parent, "bulb");
            await first.EditUserMessageAsync(General, reply, "Same question from Globex and Initech");
            dm = first.Workspace.OpenDm(Ana, first.BotUserId).Id;
            first.Workspace.AddMessage(new StoredMessage(dm, first.Workspace.Clock.NextTs(), first.BotUserId, first.BotId, "Your feedback #21 was resolved"));
            first.Workspace.AddMessage(new StoredMessage(General, first.Workspace.Clock.NextTs(), first.BotUserId, first.BotId, "only for Ana") { EphemeralFor = Ana });
            var gone = await first.PostUserMessageAsync(Ana, General, "Gone soon");
            await first.DeleteUserMessageAsync(General, gone.Ts);
        }

        await using var second = await StartAsync();

        var general = second.Workspace.Messages.Where(m => m.Channel == General).ToList();
        Assert.That(general.Select(m => m.Text), Is.EqualTo(new[] { "How do I export to Excel?", "Same question from Globex and Initech" }),
            "in order, edited, without the deleted message or the ephemeral reply");
        Assert.That(general[0].Reactions.Single(), Is.EqualTo(new MessageReaction("bulb", [Ben])).Using<MessageReaction>((a, b) => a.Name == b.Name && a.Users.SequenceEqual(b.Users)));
        Assert.That((general[1].ThreadTs, general[1].EditedTs is not null), Is.EqualTo(((string?)parent, true)));
        Assert.That(second.Workspace.OpenDm(Ana, second.BotUserId).Id, Is.EqualTo(dm), "the same DM channel");
        Assert.That(second.Workspace.Messages.Single(m => m.Channel == dm).Text, Is.EqualTo("Your feedback #21 was resolved"));
        var later = await second.PostUserMessageAsync(Ana, General, "After the restart");
        Assert.That(double.Parse(later.Ts, System.Globalization.CultureInfo.InvariantCulture),
            Is.GreaterThan(double.Parse(reply, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task AnUnreadableFile_StopsTheStart_SayingWhatToDo()
    {
        await File.WriteAllTextAsync(_dir.File("bot.db.workspace.json"), "{ not json");

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await (await StartAsync()).DisposeAsync());

        Assert.That(error!.Message, Does.Contain("bot.db.workspace.json").And.Contain("move it away"));
    }
}
