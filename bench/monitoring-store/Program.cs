using System.Diagnostics;
using Lifeline.Bench.MonitoringStore;
using Lifeline.Drivers;
using Lifeline.Monitoring.Model;
using Lifeline.Monitoring.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Simulates the sensor collector of a fleet (synthetic readings, no BMCs): every node is polled once a minute, its
// poll spread over the minute, written as the collector would (one batch per second, nodes/60 polls each), at full
// speed. Prints write throughput and CPU, disk per simulated minute and per day, rollup cost and read latency.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

string directory = Path.Combine(Path.GetTempPath(), $"lifeline-monbench-{Environment.ProcessId}");
Directory.CreateDirectory(directory);
try
{
    var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    var storageOptions = new MonitoringStorageOptions
    {
        Provider = options.Provider == "postgres" ? MonitoringStorageProvider.Postgres : MonitoringStorageProvider.Sqlite,
        ConnectionString = options.ConnectionString,
        DataDirectory = directory,
    };
    await using var store = await MonitoringStoreFactory.CreateAsync(storageOptions, NullLoggerFactory.Instance, CancellationToken.None);
    var disk = new DiskMeter(options, Path.Combine(directory, MonitoringStorageOptions.DefaultDatabaseFileName));
    var fleet = new SyntheticFleet(options.Nodes, options.Sensors);

    Console.WriteLine($"monitoring store benchmark: {options.Provider}, {options.Nodes} nodes × {options.Sensors} sensors every 60 s, " +
        $"{options.Minutes} simulated minutes, one batch per second ({(options.Nodes + 59) / 60} polls)");

    // Minute 0 numbers every node and sensor (a one-off at first start); measured apart.
    var (firstWall, firstCpu, firstServer) = await Measure(options, () => WriteMinute(store, fleet, start, 0));
    Console.WriteLine($"first minute (creates the sensor catalog): {firstWall.TotalSeconds:F1} s wall, {firstCpu.TotalMilliseconds:F0} ms CPU" + ServerText(firstServer));

    long bytesBefore = await disk.SamplesBytesAsync();
    var (wall, cpu, server) = await Measure(options, async () =>
    {
        for (int minute = 1; minute < options.Minutes; minute++)
        {
            await WriteMinute(store, fleet, start, minute);
        }
    });
    long bytesAfter = await disk.SamplesBytesAsync();
    int measured = options.Minutes - 1;
    double values = (double)options.Nodes * options.Sensors * measured;
    double bytesPerMinute = (bytesAfter - bytesBefore) / (double)measured;
    Console.WriteLine($"writes: {measured} simulated minutes in {wall.TotalSeconds:F1} s wall = {values / wall.TotalSeconds:N0} values/s sustained " +
        $"({values / wall.TotalSeconds / (options.Nodes * options.Sensors / 60.0):F0}× real time)");
    Console.WriteLine($"write CPU per minute of fleet data: {cpu.TotalMilliseconds / measured:F0} ms client" +
        (server is { } s ? $" + {s.TotalMilliseconds / measured:F0} ms PostgreSQL server" : "") +
        $" (of 60,000 ms per core)");
    Console.WriteLine($"raw tier on disk: {bytesPerMinute / 1e6:F2} MB per simulated minute = {bytesPerMinute * 1440 / 1e9:F2} GB per day " +
        $"({bytesPerMinute / (options.Nodes * options.Sensors):F1} bytes per value incl. indexes)");

    // The 5-minute tier: roll up every complete bucket.
    long rollupBefore = await disk.RollupBytesAsync();
    var rollupWatch = Stopwatch.StartNew();
    int buckets = await store.RollUpAsync(start.AddMinutes(options.Minutes), CancellationToken.None);
    rollupWatch.Stop();
    long rollupAfter = await disk.RollupBytesAsync();
    if (buckets > 0)
    {
        double perBucket = (rollupAfter - rollupBefore) / (double)buckets;
        Console.WriteLine($"rollup: {buckets} buckets in {rollupWatch.Elapsed.TotalSeconds:F2} s = {rollupWatch.Elapsed.TotalMilliseconds / buckets:F0} ms per bucket " +
            $"({options.Nodes} nodes); 5-minute tier {perBucket / 1e6:F2} MB per bucket = {perBucket * 288 * 30 / 1e9:F2} GB for 30 days");
    }

    // One node × 24 h: write a day of polls for one extra node, then read it back.
    string dayNode = "bench-day-node";
    var day = Enumerable.Range(0, 1440).Select(m => fleet.Poll(dayNode, options.Nodes, start.AddMinutes(m))).ToList();
    foreach (var chunk in day.Chunk(180))
    {
        await store.WriteSamplesAsync(chunk, CancellationToken.None);
    }

    await store.RollUpAsync(start.AddDays(1), CancellationToken.None);
    var query = new SeriesQuery([dayNode], null, start, start.AddDays(1).AddTicks(-1), SeriesResolution.Raw);
    await store.ReadSeriesAsync(query, CancellationToken.None); // warm
    var readWatch = Stopwatch.StartNew();
    const int reads = 5;
    int points = 0;
    for (int i = 0; i < reads; i++)
    {
        points = (await store.ReadSeriesAsync(query, CancellationToken.None)).Sum(s => s.Points.Count);
    }

    readWatch.Stop();
    var fiveWatch = Stopwatch.StartNew();
    int fivePoints = (await store.ReadSeriesAsync(query with { Resolution = SeriesResolution.FiveMinutes }, CancellationToken.None)).Sum(s => s.Points.Count);
    fiveWatch.Stop();
    var oneWatch = Stopwatch.StartNew();
    int onePoints = (await store.ReadSeriesAsync(query with { Sensor = "P12V_3" }, CancellationToken.None)).Sum(s => s.Points.Count);
    oneWatch.Stop();
    Console.WriteLine($"read one node × 24 h raw: {readWatch.Elapsed.TotalMilliseconds / reads:F1} ms ({points} points, all {options.Sensors} sensors); " +
        $"one sensor: {oneWatch.Elapsed.TotalMilliseconds:F1} ms ({onePoints} points); 5-minute tier: {fiveWatch.Elapsed.TotalMilliseconds:F1} ms ({fivePoints} points)");
    return 0;
}
finally
{
    NpgsqlConnection.ClearAllPools();
    SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

static async Task WriteMinute(IMonitoringStore store, SyntheticFleet fleet, DateTimeOffset start, int minute)
{
    for (int second = 0; second < 60; second++)
    {
        var time = start.AddMinutes(minute).AddSeconds(second);
        var batch = new List<SensorSnapshot>();
        for (int node = second; node < fleet.Nodes; node += 60)
        {
            batch.Add(fleet.Poll(SyntheticFleet.NodeName(node), node, time));
        }

        await store.WriteSamplesAsync(batch, CancellationToken.None);
    }
}

static async Task<(TimeSpan Wall, TimeSpan Cpu, TimeSpan? Server)> Measure(BenchOptions options, Func<Task> work)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var serverBefore = ServerCpu.Of(options.PostmasterPid);
    var watch = Stopwatch.StartNew();
    await work();
    watch.Stop();
    process.Refresh();
    var serverAfter = ServerCpu.Of(options.PostmasterPid);
    return (watch.Elapsed, process.TotalProcessorTime - cpuBefore, serverAfter - serverBefore);
}

static string ServerText(TimeSpan? server) => server is { } s ? $" + {s.TotalMilliseconds:F0} ms PostgreSQL server CPU" : "";

/// <summary>Readings that look like a BMC's: fans around 3000-9000 RPM, temperatures 20-80 °C, voltages; 0.1 % of polls fail.</summary>
internal sealed class SyntheticFleet(int nodes, int sensors)
{
    private static readonly string[] Kinds = ["Fan", "Temperature", "Voltage"];

    public int Nodes { get; } = nodes;

    public static string NodeName(int node) => $"node{node:D5}";

    public SensorSnapshot Poll(string name, int node, DateTimeOffset time)
    {
        long minute = time.UtcTicks / TimeSpan.TicksPerMinute;
        if ((minute * 7919 + node) % 1000 == 0)
        {
            return new SensorSnapshot(name, time, [], "timeout: no answer from the BMC within 5 s");
        }

        var points = new SensorPoint[sensors];
        for (int s = 0; s < sensors; s++)
        {
            string kind = Kinds[s % Kinds.Length];
            double wobble = Math.Sin((minute + node + s) / 9.0);
            (string label, string unit, double value) = kind switch
            {
                "Fan" => ($"Fan{s + 1}", "RPM", Math.Round(6000 + 3000 * wobble, 0) - (Math.Round(6000 + 3000 * wobble, 0) % 60)),
                "Temperature" => ($"Temp{s + 1}", "degrees C", Math.Round(50 + 30 * wobble)),
                _ => ($"P12V_{s + 1}", "Volts", Math.Round(12 + 0.3 * wobble, 2)),
            };
            points[s] = new SensorPoint(label, kind, unit, value, SensorStatus.Ok);
        }

        return new SensorSnapshot(name, time, points);
    }
}

/// <summary>Bytes the history tiers take: SQLite file pages in use (after a WAL checkpoint); PostgreSQL relation sizes.</summary>
internal sealed class DiskMeter(BenchOptions options, string sqlitePath)
{
    public Task<long> SamplesBytesAsync() => BytesAsync("mon_samples");

    public Task<long> RollupBytesAsync() => BytesAsync("mon_rollups");

    private async Task<long> BytesAsync(string table)
    {
        if (options.ConnectionString is { } pg)
        {
            await using var connection = new NpgsqlConnection(pg);
            await connection.OpenAsync();
            await using (var vacuum = new NpgsqlCommand($"VACUUM {table}", connection))
            {
                await vacuum.ExecuteNonQueryAsync();
            }

            await using var size = new NpgsqlCommand($"SELECT pg_total_relation_size('{table}')", connection);
            return (long)(await size.ExecuteScalarAsync())!;
        }

        await using var sqlite = new SqliteConnection($"Data Source={sqlitePath};Pooling=False");
        await sqlite.OpenAsync();
        await using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await command.ExecuteNonQueryAsync();
        // dbstat is not compiled into every SQLite; the file's pages in use are the honest total for the whole file.
        command.CommandText = "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count())";
        long pages = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA page_size";
        long pageSize = (long)(await command.ExecuteScalarAsync())!;
        return pages * pageSize;
    }
}

/// <summary>CPU time of a PostgreSQL cluster: the postmaster and its children, from /proc.</summary>
internal static class ServerCpu
{
    public static TimeSpan? Of(int? postmaster)
    {
        if (postmaster is not { } root || !Directory.Exists("/proc"))
        {
            return null;
        }

        long ticks = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                int parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                if (pid == root || parent == root)
                {
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }
}
