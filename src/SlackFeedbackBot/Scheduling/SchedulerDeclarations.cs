using System.Data.Common;
using Dapper;
using Quartz;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Scheduling;

/// <summary>
/// The one way the bot puts its own triggers on the calendar: "schedule unless the same trigger is there already", one
/// caller at a time. Instances that start together on PostgreSQL would otherwise both find a trigger missing and both
/// schedule it, or one would replace the trigger the other just fired and fire it again; so every declaration runs
/// under a PostgreSQL advisory lock all instances share (and a lock in this process, for the SQLite file too). A
/// trigger found unchanged is left alone: replacing it would reset its next fire time and forget a fire it still owes.
/// </summary>
public sealed class SchedulerDeclarations(ISchedulerFactory schedulers, Database? postgres)
{
    // Any fixed number, distinct from the Slack layer's schema lock.
    private const long DeclarationLock = 0x51ac_0002;

    private readonly SemaphoreSlim _inProcess = new(1, 1);

    /// <summary>Holds the declaration lock until the scope is disposed; declare through the scope.</summary>
    public async Task<Scope> HoldAsync(CancellationToken ct)
    {
        await _inProcess.WaitAsync(ct);
        DbConnection? connection = null;
        try
        {
            var scheduler = await schedulers.GetScheduler(ct);
            if (postgres is not null)
            {
                connection = postgres.Open();
                // A session lock rather than one in a transaction: Quartz writes through its own connections meanwhile.
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@DeclarationLock)", new { DeclarationLock }, cancellationToken: ct));
            }

            return new Scope(this, scheduler, connection);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _inProcess.Release();
            throw;
        }
    }

    /// <summary>Schedules <paramref name="wanted"/> unless <paramref name="unchanged"/> says the stored trigger under its key is the same.</summary>
    public async Task<bool> EnsureAsync(ITrigger wanted, Func<ITrigger, bool> unchanged, CancellationToken ct)
    {
        await using var scope = await HoldAsync(ct);
        return await scope.EnsureAsync(wanted, unchanged, ct);
    }

    /// <summary>The lock held: what may be declared while holding it.</summary>
    public sealed class Scope : IAsyncDisposable
    {
        private readonly SchedulerDeclarations _owner;
        private readonly DbConnection? _connection;
        private bool _disposed;

        internal Scope(SchedulerDeclarations owner, IScheduler scheduler, DbConnection? connection)
        {
            _owner = owner;
            Scheduler = scheduler;
            _connection = connection;
        }

        public IScheduler Scheduler { get; }

        /// <summary>Schedules <paramref name="wanted"/> (replacing what is under its key) unless the stored trigger is the same; true when it scheduled.</summary>
        public async Task<bool> EnsureAsync(ITrigger wanted, Func<ITrigger, bool> unchanged, CancellationToken ct)
        {
            if (await Scheduler.GetTrigger(wanted.Key, ct) is { } existing && unchanged(existing))
            {
                return false;
            }

            await Scheduler.ScheduleJob(wanted, new ScheduleJobOptions { Replace = true }, ct);
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (_connection is not null)
                {
                    try
                    {
                        await _connection.ExecuteAsync("SELECT pg_advisory_unlock(@DeclarationLock)", new { DeclarationLock });
                    }
                    finally
                    {
                        // Closing the session releases a session lock in any case; the pool resets the connection.
                        await _connection.DisposeAsync();
                    }
                }
            }
            finally
            {
                _owner._inProcess.Release();
            }
        }
    }
}
