using System.Net;
using System.Security.Cryptography.X509Certificates;
using Lifeline.Simulator.Fleet;
using Lifeline.Simulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifeline.Simulator.Redfish;

/// <summary>
/// The simulator's Redfish face: ONE Kestrel server for the whole fleet, with a listener per node address and
/// port; a request goes to the node whose endpoint the connection arrived on
/// (<c>HttpContext.Connection.LocalIpAddress/LocalPort</c>). Every node is backed by the same <see cref="BmcModel"/>
/// as its IPMI face.
/// </summary>
public sealed class RedfishFace : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<IPEndPoint, RedfishNode> _byEndPoint;
    private readonly RedfishNode[] _nodes;

    private RedfishFace(WebApplication app, RedfishNode[] nodes, Dictionary<IPEndPoint, RedfishNode> byEndPoint,
        X509Certificate2? certificate)
    {
        _app = app;
        _nodes = nodes;
        _byEndPoint = byEndPoint;
        Certificate = certificate;
        CertificateFingerprint = certificate is null ? null : SelfSignedCertificate.Fingerprint(certificate);
    }

    /// <summary>The generated certificate (null with plain HTTP).</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>SHA-256 fingerprint of the certificate, "AB:CD:…", for the CLI to print and clients to pin.</summary>
    public string? CertificateFingerprint { get; }

    public IReadOnlyList<RedfishNode> Nodes => _nodes;

    /// <summary>Each node's service root URL, in fleet order.</summary>
    public IEnumerable<Uri> BaseUrls => _nodes.Select(n => n.BaseUrl);

    public RedfishNode this[int index] => _nodes[index];

    /// <summary>One BMC URL per line (redfish://user@host:port, or redfish+http:// without TLS) for --bmc-file.</summary>
    public IEnumerable<string> InventoryLines(string userName) => _nodes.Select(n =>
        $"{(n.BaseUrl.Scheme == "https" ? "redfish" : "redfish+http")}://{userName}@{n.EndPoint.Address}:{n.EndPoint.Port}");

    /// <summary>Starts the face for every node of a running fleet (the IPMI face keeps running beside it).</summary>
    public static Task<RedfishFace> StartAsync(SimulatedFleet fleet, RedfishFaceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return StartAsync(fleet.Nodes.Select(n => n.Model).ToArray(), options, cancellationToken,
            fleet.Nodes.Select(n => (int?)n.IpmiEndPoint.Port).ToArray());
    }

    /// <summary>Starts the face for models without an IPMI face (tests, Redfish-only nodes).</summary>
    public static async Task<RedfishFace> StartAsync(IReadOnlyList<BmcModel> models, RedfishFaceOptions options,
        CancellationToken cancellationToken, IReadOnlyList<int?>? ipmiPorts = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        if (models.Count == 0)
        {
            throw new ArgumentException("No nodes to serve.", nameof(models));
        }
        var time = models[0].TimeProvider;
        var mockup = options.MockupDirectory is { } dir ? MockupPersonality.Load(dir) : null;
        var nodes = new RedfishNode[models.Count];
        var byEndPoint = new Dictionary<IPEndPoint, RedfishNode>();
        for (int i = 0; i < models.Count; i++)
        {
            var endPoint = options.Placement?.EndPointOf(i) ?? new IPEndPoint(models[i].Lan.Address, options.Port);
            nodes[i] = new RedfishNode(models[i], endPoint, options.UseHttps, options, mockup, ipmiPorts?[i]);
            if (!byEndPoint.TryAdd(endPoint, nodes[i]))
            {
                throw new ArgumentException($"{models[i].Name} and {byEndPoint[endPoint].Model.Name} would both listen on {endPoint}.", nameof(options));
            }
        }
        var certificate = options.UseHttps ? SelfSignedCertificate.Create(nodes.Select(n => n.EndPoint.Address), time) : null;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // The face is part of a bigger process (the CLI, tests): it must not take over SIGINT/SIGTERM as the
        // default console lifetime does, which would keep the process alive after Ctrl+C.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            foreach (var node in nodes)
            {
                k.Listen(node.EndPoint, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                });
            }
        });
        var app = builder.Build();
        var face = new RedfishFace(app, nodes, byEndPoint, certificate);
        app.Run(face.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            var port = nodes[0].EndPoint.Port;
            throw new InvalidOperationException(
                $"cannot listen for Redfish on {nodes[0].EndPoint}…: {e.Message}" +
                (port < 1024 ? " (ports below 1024 need root: place the nodes on 127.0.0.1 with a port base such as 10443)" : ""), e);
        }
        return face;
    }

    private Task HandleAsync(HttpContext http)
    {
        var local = http.Connection.LocalIpAddress;
        if (local is not null && local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }
        if (local is null || !_byEndPoint.TryGetValue(new IPEndPoint(local, http.Connection.LocalPort), out var node))
        {
            http.Response.StatusCode = 421; // Misdirected Request: no node here
            return Task.CompletedTask;
        }
        return node.HandleAsync(http);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var n in _nodes)
        {
            n.Stop();
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate?.Dispose();
    }
}

/// <summary>A host lifetime that leaves process signals to the process that embeds the face.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
