using System.Diagnostics;
using Npgsql;

namespace Lifeline.Fleet.Tests.Storage;

/// <summary>
/// A throw-away PostgreSQL 15 cluster for one test collection: Debian's binaries, a temporary directory, 127.0.0.1 on a
/// port derived from the process id, its socket in the temporary directory, trust authentication (loopback only, so no
/// password anywhere), durability off for speed. As root it runs as the <c>postgres</c> user. Stopped and deleted on
/// dispose. When the binaries are missing, <see cref="UnavailableReason"/> says so.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, Task<string>> _classDatabases = [];
    private string? _root;
    private bool _asPostgresUser;
    private int _databases;

    /// <summary>Why no server runs (binaries missing or it failed to start), or null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root!, "data");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            UnavailableReason = $"PostgreSQL 15 is not installed ({BinDirectory}/initdb missing; apt-get install postgresql)";
            return;
        }

        _asPostgresUser = Environment.IsPrivilegedProcess;
        if (_asPostgresUser && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            UnavailableReason = "running as root but runuser is missing: cannot start PostgreSQL as the postgres user";
            return;
        }

        _root = Path.Combine(Path.GetTempPath(), $"lifeline-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(Path.Combine(_root, "sock"));
        if (_asPostgresUser)
        {
            await RunAsync("chown", false, "-R", "postgres:postgres", _root);
        }

        await RunAsync(Path.Combine(BinDirectory, "initdb"), _asPostgresUser,
            "-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync");

        int basePort = 20000 + (Environment.ProcessId % 20000);
        string log = Path.Combine(_root, "postgres.log");
        for (int attempt = 0; attempt < 10; attempt++)
        {
            int port = basePort + (attempt * 997 % 20000);
            var (exit, output) = await TryRunAsync(Path.Combine(BinDirectory, "pg_ctl"), _asPostgresUser,
                "-D", DataDirectory, "-l", log, "-w", "-t", "60", "-o",
                $"-h 127.0.0.1 -p {port} -k {Path.Combine(_root, "sock")} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start");
            if (exit == 0)
            {
                Port = port;
                return;
            }

            string serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            if (!serverLog.Contains("could not bind", StringComparison.Ordinal) && !serverLog.Contains("already in use", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"PostgreSQL did not start: {output}\n{serverLog}");
            }
        }

        throw new InvalidOperationException($"PostgreSQL found no free port near {basePort}");
    }

    /// <summary>A connection string for <paramref name="database"/> (trust authentication: no password).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Timeout = 30,
            CommandTimeout = 60,
        }.ToString();

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>One database per test class (created on first use): its connection string.</summary>
    public Task<string> DatabaseForAsync(Type testClass)
    {
        lock (_classDatabases)
        {
            string key = testClass.FullName!;
            if (!_classDatabases.TryGetValue(key, out var database))
            {
                _classDatabases[key] = database = CreateDatabaseAsync();
            }

            return database;
        }
    }

    public async Task DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (Port != 0)
        {
            await TryRunAsync(Path.Combine(BinDirectory, "pg_ctl"), _asPostgresUser, "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    private static async Task RunAsync(string program, bool asPostgres, params string[] arguments)
    {
        var (exit, output) = await TryRunAsync(program, asPostgres, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({exit}): {output}");
        }
    }

    private static async Task<(int Exit, string Output)> TryRunAsync(string program, bool asPostgres, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (string prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
