using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the tests that need one: the server named by <c>SLACKFEEDBACKBOT_TEST_POSTGRES</c> (an
/// Npgsql connection string whose user may create databases), else a throwaway cluster this run starts from Debian's
/// binaries (<c>/usr/lib/postgresql/N/bin</c>) in a temp directory, on a free loopback port, with durability off, and
/// stops at the end of the run. Each test asks for a database of its own (<see cref="CreateDatabaseAsync"/>), so tests
/// run side by side. Where there is no server, the tests that need one are skipped with the fix, unless
/// <c>SLACKFEEDBACKBOT_TEST_POSTGRES_REQUIRED=1</c> (CI), where they fail.
/// </summary>
public sealed class PostgresServer
{
    public const string ServerVariable = "SLACKFEEDBACKBOT_TEST_POSTGRES";
    public const string RequiredVariable = "SLACKFEEDBACKBOT_TEST_POSTGRES_REQUIRED";

    private const int SpareCopies = 2;

    private static readonly Lazy<Task<PostgresServer?>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _adminConnectionString;
    private readonly ThrowawayCluster? _cluster;
    private readonly SemaphoreSlim _templateGate = new(1, 1);
    private readonly Queue<Task<string>> _spareCopies = new();
    private readonly List<Task> _pendingDrops = [];
    private string? _migratedTemplate;

    private PostgresServer(string adminConnectionString, ThrowawayCluster? cluster)
    {
        _adminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>The run's server; skips (or fails, in CI) the calling test when there is none.</summary>
    public static async Task<PostgresServer> GetAsync()
    {
        var server = await Shared.Value;
        if (server is not null)
        {
            return server;
        }

        const string Fix = "install PostgreSQL (apt-get install postgresql) or set " + ServerVariable + " to a server's connection string";
        if (Environment.GetEnvironmentVariable(RequiredVariable) == "1")
        {
            Assert.Fail($"No PostgreSQL server for this run: {Fix}.");
        }

        Assert.Ignore($"No PostgreSQL server: {Fix}.");
        throw new UnreachableException();
    }

    /// <summary>A new, empty database for one test; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync() => CreateDatabaseAsync(template: null);

    /// <summary>
    /// A new database for one test that <paramref name="migrate"/> has already brought up to date: the first call
    /// migrates a template database once for the run, and every call copies it (<c>CREATE DATABASE … TEMPLATE</c>),
    /// which is much quicker than running the migrations again for each test. A few copies are made ahead, while the
    /// tests that asked for the last ones run, so a test rarely waits for its copy.
    /// </summary>
    public async Task<string> CreateMigratedDatabaseAsync(Action<string> migrate)
    {
        await _templateGate.WaitAsync();
        try
        {
            if (_migratedTemplate is null)
            {
                var template = await CreateDatabaseAsync(template: null);
                // No pooled connection may stay open on a template, or PostgreSQL refuses to copy it.
                migrate(new NpgsqlConnectionStringBuilder(template) { Pooling = false }.ToString());
                _migratedTemplate = new NpgsqlConnectionStringBuilder(template).Database;
            }
        }
        finally
        {
            _templateGate.Release();
        }

        Task<string> copy;
        lock (_spareCopies)
        {
            copy = _spareCopies.TryDequeue(out var spare) ? spare : CreateDatabaseAsync(_migratedTemplate);
            while (_spareCopies.Count < SpareCopies)
            {
                _spareCopies.Enqueue(CreateDatabaseAsync(_migratedTemplate));
            }
        }

        return await copy;
    }

    private async Task<string> CreateDatabaseAsync(string? template)
    {
        var name = "sfb_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            // FILE_COPY copies the template's files where the default (WAL_LOG) writes every page through the log:
            // with durability off, twice as quick for a small template.
            var from = template is null ? "" : admin.PostgreSqlVersion.Major >= 15 ? $" TEMPLATE {template} STRATEGY FILE_COPY" : $" TEMPLATE {template}";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}{from}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ToString();
    }

    /// <summary>
    /// Drops a test's database while the next test starts, for tests that have no use for seeing it gone; the run's
    /// end waits for every such drop.
    /// </summary>
    public void DropDatabaseLater(string connectionString)
    {
        var drop = DropDatabaseAsync(connectionString);
        lock (_pendingDrops)
        {
            // A drop that failed stays, so the run's end reports it.
            _pendingDrops.RemoveAll(pending => pending.IsCompletedSuccessfully);
            _pendingDrops.Add(drop);
        }
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        // Only this database's pool: clearing every pool would close the connections of the tests running alongside.
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task FinishAsync()
    {
        Task<string>[] spares;
        lock (_spareCopies)
        {
            spares = [.. _spareCopies];
            _spareCopies.Clear();
        }

        foreach (var spare in spares)
        {
            await DropDatabaseAsync(await spare);
        }

        Task[] drops;
        lock (_pendingDrops)
        {
            drops = [.. _pendingDrops];
        }

        await Task.WhenAll(drops);
    }

    internal static async Task StopSharedAsync()
    {
        if (Shared.IsValueCreated && await Shared.Value is { } server)
        {
            await server.FinishAsync();
            NpgsqlConnection.ClearAllPools();
            server._cluster?.Stop();
        }
    }

    private static async Task<PostgresServer?> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            var builder = new NpgsqlConnectionStringBuilder(given);
            if (string.IsNullOrEmpty(builder.Database))
            {
                builder.Database = "postgres";
            }

            return new PostgresServer(builder.ToString(), cluster: null);
        }

        var cluster = ThrowawayCluster.TryStart();
        if (cluster is null)
        {
            return null;
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = cluster.Port,
            Username = ThrowawayCluster.Superuser,
            Database = "postgres",
            Pooling = false,
        }.ToString();
        var ready = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var probe = new NpgsqlConnection(admin);
                await probe.OpenAsync();
                return new PostgresServer(new NpgsqlConnectionStringBuilder(admin) { Pooling = true }.ToString(), cluster);
            }
            catch (NpgsqlException) when (ready.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>initdb, pg_ctl start and stop, as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses root).</summary>
    private sealed class ThrowawayCluster
    {
        public const string Superuser = "postgres";

        private readonly string _binaries;
        private readonly string _directory;
        private readonly string? _runAs;

        private ThrowawayCluster(string binaries, string directory, string? runAs, int port)
        {
            _binaries = binaries;
            _directory = directory;
            _runAs = runAs;
            Port = port;
        }

        public int Port { get; }

        private string Data => Path.Combine(_directory, "data");

        public static ThrowawayCluster? TryStart()
        {
            var binaries = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(version => Path.Combine(version, "bin"))
                    .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
                    .OrderByDescending(bin => bin, StringComparer.Ordinal)
                    .FirstOrDefault()
                : null;
            if (binaries is null)
            {
                return null;
            }

            var runAs = Environment.UserName == "root" ? "postgres" : null;
            var directory = Path.Combine(Path.GetTempPath(), "sfb-postgres", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            if (runAs is not null)
            {
                Run("chown", $"-R {runAs} {directory}", runAs: null);
                Run("chmod", $"755 {Path.GetDirectoryName(directory)}", runAs: null);
            }

            var cluster = new ThrowawayCluster(binaries, directory, runAs, FreePort());
            cluster.Pg("initdb", $"-D {cluster.Data} -U {Superuser} -A trust --no-sync --no-instructions -E UTF8 --locale=C.UTF-8");
            var settings = string.Join(' ',
                $"-p {cluster.Port}",
                $"-k {directory}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=300",
                "-c shared_buffers=64MB");
            cluster.Pg("pg_ctl", $"-D {cluster.Data} -l {Path.Combine(directory, "server.log")} -w -t 60 -o \"{settings}\" start");
            return cluster;
        }

        public void Stop()
        {
            try
            {
                Pg("pg_ctl", $"-D {Data} -m immediate -w stop");
            }
            finally
            {
                try
                {
                    Directory.Delete(_directory, recursive: true);
                }
                catch (IOException)
                {
                    // The server's files are still being let go of; the temp cleaner takes them.
                }
            }
        }

        private void Pg(string program, string arguments) => Run(Path.Combine(_binaries, program), arguments, _runAs);

        private static void Run(string program, string arguments, string? runAs)
        {
            var start = runAs is null
                ? new ProcessStartInfo(program, arguments)
                : new ProcessStartInfo("runuser", $"-u {runAs} -- {program} {arguments}");
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{program} {arguments} did not finish in 120 s.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}: {output.Result}{error.Result}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
