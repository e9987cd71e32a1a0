using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Storage;

public sealed class DatabaseLockTests
{
    [Test]
    public void SecondAcquire_WhileHeld_IsRefusedWithTheHoldersPid_AndSucceedsOnceReleased()
    {
        using var dir = new TempDirectory();
        var db = dir.File("data/bot.db");

        Assert.That(DatabaseLock.TryAcquire(db, out var first, out _), Is.True);
        Assert.That(File.Exists(dir.File("data/bot.db.lock")), Is.True);
        using (first)
        {
            Assert.That(DatabaseLock.TryAcquire(db, out var second, out var holder), Is.False);
            Assert.That(second, Is.Null);
            Assert.That(holder, Is.EqualTo(Environment.ProcessId));
        }

        Assert.That(DatabaseLock.TryAcquire(db, out var third, out _), Is.True);
        third!.Dispose();
    }

    [Test]
    public void OtherDatabaseFiles_InTheSameFolder_AreLockedSeparately()
    {
        using var dir = new TempDirectory();

        Assert.That(DatabaseLock.TryAcquire(dir.File("a.db"), out var a, out _), Is.True);
        Assert.That(DatabaseLock.TryAcquire(dir.File("b.db"), out var b, out _), Is.True);
        a!.Dispose();
        b!.Dispose();
    }

    [Test]
    public void AlreadyInUse_NamesTheFileThePidAndTheWayOut()
    {
        var line = DatabaseLock.AlreadyInUse("/srv/bot/data/x.db", 4242);

        Assert.That(line, Is.EqualTo("Another SlackFeedbackBot is already using /srv/bot/data/x.db (pid 4242); stop it first or set Storage:DatabasePath to another file."));
    }
}
