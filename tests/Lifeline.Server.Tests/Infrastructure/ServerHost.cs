using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Tests.StandIns;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Tests.Infrastructure;

/// <summary>
/// The real service on 127.0.0.1 (port 0) with its SQLite store in a temp data directory, its Orleans silo on
/// pid-derived ports, and either the real fleet (node grains) or a stand-in that records what reached it. Every log
/// line of the service is captured.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    public const string AdminPassword = "admin-pw-Quartz-7741";
    private static int s_instances;

    private ServerHost(WebApplication app, string dataDirectory, FakeFleetOperations fleet, CapturingLoggerProvider logs, Uri baseAddress)
    {
        App = app;
        DataDirectory = dataDirectory;
        Fleet = fleet;
        Logs = logs;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public IFleetStore Store => App.Services.GetRequiredService<IFleetStore>();

    public FakeFleetOperations Fleet { get; }

    public CapturingLoggerProvider Logs { get; }

    public Uri BaseAddress { get; }

    /// <summary>Every response body this host's clients read through <see cref="ReadAsync"/> (for the secrets test).</summary>
    public List<string> Responses { get; } = [];

    public static async Task<ServerHost> StartAsync(TimeProvider? time = null, Action<LifelineServerOptions>? configure = null, IDictionary<string, string?>? settings = null, bool fakeFleet = true, string? dataDirectory = null)
    {
        int instance = Interlocked.Increment(ref s_instances);
        // below the ephemeral range (32768+), so a client socket cannot have taken the silo's port
        int portBase = 30000 + (Environment.ProcessId % 60 * 44) + (instance * 2);
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("lifeline-server-test-").FullName;
        var fleet = new FakeFleetOperations();
        var logs = new CapturingLoggerProvider();
        var app = LifelineServer.Build([], o =>
        {
            o.Settings["Lifeline:Listen"] = "http://127.0.0.1:0";
            o.Settings["Lifeline:DataDirectory"] = data;
            o.Settings["Lifeline:Auth:AdminPassword"] = AdminPassword;
            o.Settings["Lifeline:Cluster:SiloPort"] = portBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["Lifeline:Cluster:GatewayPort"] = (portBase + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["Logging:LogLevel:Default"] = "Trace";
            o.Settings["Logging:LogLevel:Microsoft"] = "Trace";
            o.Settings["Logging:LogLevel:Orleans"] = "Warning";
            // monitoring polls every node on its own schedule: only the tests of monitoring turn it on
            o.Settings["Lifeline:Monitoring:Enabled"] = "false";
            if (fakeFleet)
            {
                o.Settings["Lifeline:Fleet:RefreshInterval"] = "00:00:00"; // no grain checks behind the stand-in's back
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                o.Settings[key] = value;
            }

            o.TimeProvider = time;
            o.ConfigureLogging = l =>
            {
                l.ClearProviders();
                l.AddProvider(logs);
                l.SetMinimumLevel(LogLevel.Trace);
            };
            o.ConfigureServices = s =>
            {
                if (fakeFleet)
                {
                    s.AddSingleton<IFleetOperations>(fleet);
                }
            };
            configure?.Invoke(o);
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new ServerHost(app, data, fleet, logs, app.ListenAddresses()[0]);
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, "/api/v1/"), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>The stored password of a BMC credential, as text (tests check what was stored).</summary>
    public async Task<string?> CredentialPasswordAsync(string name)
    {
        var credential = await Store.GetCredentialAsync(name, CancellationToken.None);
        if (credential is not { } c)
        {
            return null;
        }

        using var secret = c.Password;
        return System.Text.Encoding.UTF8.GetString(secret.Bytes);
    }

    public async Task<string> LoginAsync(string user, string password)
    {
        using var client = Client();
        using var response = await client.PostAsJsonAsync("auth/login", new { user, password });
        var body = await ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"login of {user} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Reads a response body and keeps it for the secrets check.</summary>
    public async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        lock (Responses)
        {
            Responses.Add($"{(int)response.StatusCode} {response.Headers} {response.Content.Headers} {body}");
        }

        return body;
    }

    /// <summary>When set, <see cref="DisposeAsync"/> leaves the data directory for a second start.</summary>
    public bool KeepData { get; set; }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await App.DisposeAsync();
        if (KeepData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
