using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Fleet.Tests.Storage;
using Lifeline.Interop.Tests.Infrastructure;

namespace Lifeline.Interop.Tests.Service;

/// <summary>
/// The issue's persistence proof: `lifeline serve` is killed with SIGKILL while clients are adding nodes; after a
/// restart on the same database every write the API acknowledged is there (the node and its audit entry). Run against
/// SQLite (the default) and a real PostgreSQL server.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ServiceDurabilityTests(PostgresServer postgres)
{
    private const string AdminPassword = "durability-Admin-pw-1";

    private static int s_nextPort = 26000 + Environment.ProcessId % 1000 * 4;

    [Fact]
    public Task AcknowledgedWritesSurviveSigkillOnSqlite() => KillDuringWritesAndRestartAsync(null);

    [SkippableFact]
    public async Task AcknowledgedWritesSurviveSigkillOnPostgres()
    {
        Peers.Require(postgres.UnavailableReason is null, postgres.UnavailableReason ?? "");
        await KillDuringWritesAndRestartAsync(await postgres.CreateDatabaseAsync());
    }

    private static async Task KillDuringWritesAndRestartAsync(string? postgresConnection)
    {
        int port = Interlocked.Add(ref s_nextPort, 4);
        var dataDir = Directory.CreateTempSubdirectory("lifeline-durability-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["LIFELINE_ADMIN_PASSWORD"] = AdminPassword,
            ["Lifeline__Cluster__SiloPort"] = (port + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lifeline__Cluster__GatewayPort"] = (port + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lifeline__Fleet__RefreshInterval"] = "00:00:00",
        };
        if (postgresConnection is not null)
        {
            environment["Lifeline__Storage__Provider"] = "Postgres";
            environment["Lifeline__Storage__ConnectionString"] = postgresConnection;
        }
        string[] args = ["serve", "--listen", baseAddress.ToString(), "--data-dir", dataDir];
        try
        {
            var acknowledged = new List<string>();
            await using (var service = await ServiceProcess.StartAsync(args, environment, "listening on", TimeSpan.FromSeconds(60)))
            {
                using var client = await ServiceProcess.LoginAsync(baseAddress, "admin", AdminPassword);
                using var stop = new CancellationTokenSource();
                async Task WriterAsync(int writer)
                {
                    for (int i = 0; !stop.IsCancellationRequested; i++)
                    {
                        string name = $"w{writer}n{i}";
                        try
                        {
                            using var response = await client.PostAsJsonAsync("/api/v1/nodes",
                                new { name, ipmi_url = $"ipmi://admin@127.0.99.{(i % 250) + 1}:623", groups = new[] { $"writer{writer}" } }, CancellationToken.None);
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                lock (acknowledged)
                                {
                                    acknowledged.Add(name);
                                }
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return; // the service is gone: this write was not acknowledged
                        }
                    }
                }

                var writers = Enumerable.Range(0, 3).Select(WriterAsync).ToArray();
                // kill while writes are in flight, once a good number has been acknowledged
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (Volatile.Read(ref acknowledged).Count < 60 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(20);
                }
                await service.KillAsync();
                stop.Cancel();
                await Task.WhenAll(writers);
            }

            Assert.True(acknowledged.Count >= 60, $"only {acknowledged.Count} writes acknowledged before the kill");
            await using var restarted = await ServiceProcess.StartAsync(args, environment, "listening on", TimeSpan.FromSeconds(60));
            using var admin = await ServiceProcess.LoginAsync(baseAddress, "admin", AdminPassword);
            var nodes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/nodes");
            var stored = nodes.EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToHashSet();
            var lost = acknowledged.Where(n => !stored.Contains(n)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged nodes lost: {string.Join(", ", lost.Take(10))}");

            var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=nodes.add&limit=1000");
            var audited = audit.EnumerateArray().Select(e => e.GetProperty("target").GetString()).ToHashSet();
            var unaudited = acknowledged.Where(n => !audited.Contains(n)).ToList();
            Assert.True(unaudited.Count == 0, $"{unaudited.Count} acknowledged additions have no audit entry: {string.Join(", ", unaudited.Take(10))}");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
