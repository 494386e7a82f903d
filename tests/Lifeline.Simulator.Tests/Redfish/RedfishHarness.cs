using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Model;
using Lifeline.Simulator.Redfish;
using Lifeline.Simulator.Tests.Model;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Simulator.Tests.Redfish;

/// <summary>
/// N models on a fake clock behind one Redfish face (plain HTTP unless asked), each on its own loopback address
/// 127.0.80.x (x from a process-wide counter, so no two harnesses share an address) and a port from the process id.
/// </summary>
internal sealed class RedfishHarness : IAsyncDisposable
{
    public const string Password = "rf-test-pw";
    private static int s_nextAddress;

    private RedfishHarness(FakeTimeProvider clock, BmcFleetModel fleet, RedfishFace face, HttpClient http)
    {
        Clock = clock;
        Fleet = fleet;
        Face = face;
        Http = http;
    }

    public FakeTimeProvider Clock { get; }
    public BmcFleetModel Fleet { get; }
    public RedfishFace Face { get; }
    public HttpClient Http { get; }

    public BmcModel Model(int i = 0) => Fleet[i];

    public static int Port => 19000 + Environment.ProcessId % 1000;

    public static IPEndPoint NextEndPoint()
    {
        int n = Interlocked.Increment(ref s_nextAddress);
        return new IPEndPoint(new IPAddress(new byte[] { 127, 0, (byte)(80 + n / 250), (byte)(1 + n % 250) }), Port);
    }

    public static async Task<RedfishHarness> StartAsync(int nodes = 1, RedfishFaceOptions? options = null, BmcOptions? defaults = null)
    {
        var clock = TestNodes.Clock();
        var fleet = new BmcFleetModel(new BmcFleetOptions
        {
            Count = nodes,
            Seed = 3,
            Password = Password,
            Defaults = defaults ?? TestNodes.Quiet,
        }, clock);
        var endPoints = Enumerable.Range(0, nodes).Select(_ => NextEndPoint()).ToArray();
        options = (options ?? new RedfishFaceOptions { UseHttps = false }) with
        {
            Placement = new SimulatorPlacement { EndPoints = endPoints },
        };
        var face = await RedfishFace.StartAsync(fleet.Nodes, options, CancellationToken.None);
        var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        { Timeout = TimeSpan.FromSeconds(20) };
        return new RedfishHarness(clock, fleet, face, http);
    }

    public Uri Url(string path, int node = 0) => new(Face[node].BaseUrl, path.StartsWith('/') ? path : "/redfish/v1/" + path);

    public static AuthenticationHeaderValue Basic(string user = "admin", string password = Password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, int node = 0,
        AuthenticationHeaderValue? auth = null, string? token = null, string? ifMatch = null, bool anonymous = false)
    {
        using var request = new HttpRequestMessage(method, Url(path, node));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }
        else if (!anonymous)
        {
            request.Headers.Authorization = auth ?? Basic();
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await Http.SendAsync(request);
    }

    public async Task<JsonObject> GetAsync(string path, int node = 0)
    {
        using var response = await SendAsync(HttpMethod.Get, path, node: node);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} on node {node}: {(int)response.StatusCode} {text}");
        return (JsonObject)JsonNode.Parse(text)!;
    }

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The first MessageId of a Redfish error body.</summary>
    public static async Task<string> MessageIdAsync(HttpResponseMessage response)
    {
        var body = await BodyAsync(response);
        return body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Face.DisposeAsync();
    }
}
