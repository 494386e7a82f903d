using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lifeline.Redfish;
using Lifeline.Redfish.Tls;
using Client = Lifeline.Redfish.RedfishClient;

namespace Lifeline.Interop.Tests.RedfishClient;

/// <summary>
/// The TLS policies through the real SocketsHttpHandler against a loopback HTTPS responder whose certificate the test
/// swaps, as a replaced (or impersonated) BMC would: first use pins, a change is refused naming both fingerprints.
/// </summary>
public sealed class TlsPinningTests : IAsyncLifetime
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private X509Certificate2 _certificate = SelfSigned();
    private readonly Task _serving;

    public TlsPinningTests()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (tcp)
                {
                    try
                    {
                        await using var tls = new SslStream(tcp.GetStream());
                        await tls.AuthenticateAsServerAsync(_certificate);
                        var buffer = new byte[8192];
                        var seen = new StringBuilder();
                        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                        {
                            var n = await tls.ReadAsync(buffer);
                            if (n == 0)
                            {
                                return;
                            }
                            seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        }
                        var body = """{"@odata.id": "/redfish/v1", "@odata.type": "#ServiceRoot.v1_17_0.ServiceRoot", "Id": "RootService", "RedfishVersion": "1.17.0"}""";
                        var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                        await tls.WriteAsync(Encoding.ASCII.GetBytes(response));
                    }
                    catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                    {
                        // the client refused our certificate: that is the point of some tests
                    }
                }
            });
        }
    }

    private Client NewClient(TlsPolicy policy) => new(new RedfishClientOptions
    {
        Endpoint = RedfishEndpoint.Parse($"redfish://127.0.0.1:{Port}"),
        Auth = RedfishAuthMode.None,
        Tls = policy,
        RequestTimeout = TimeSpan.FromSeconds(15),
    });

    [Fact]
    public async Task TrustOnFirstUsePinsTheCertificateAndRefusesAChangedOneNamingBothFingerprints()
    {
        var store = new InMemoryCertificatePinStore();
        var first = CertificateFingerprint.Of(_certificate);
        await using (var client = NewClient(TlsPolicy.TrustOnFirstUse(store)))
        {
            Assert.Equal("RootService", (await client.GetServiceRootAsync()).Id);
        }
        Assert.Equal(first, store.Get($"127.0.0.1:{Port}"));

        _certificate = SelfSigned();
        var second = CertificateFingerprint.Of(_certificate);
        await using (var client = NewClient(TlsPolicy.TrustOnFirstUse(store)))
        {
            var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetServiceRootAsync());
            Assert.Equal(RedfishError.UntrustedCertificate, e.Error);
            Assert.Contains(first, e.Message, StringComparison.Ordinal);
            Assert.Contains(second, e.Message, StringComparison.Ordinal);
            Assert.False(e.IsRetryable);
        }

        store.Set($"127.0.0.1:{Port}", second);
        await using (var client = NewClient(TlsPolicy.TrustOnFirstUse(store)))
        {
            Assert.Equal("RootService", (await client.GetServiceRootAsync()).Id);
        }
    }

    [Fact]
    public async Task CaValidationRefusesASelfSignedBmcAndInsecureAcceptsIt()
    {
        await using (var client = NewClient(TlsPolicy.CertificateAuthority()))
        {
            var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetServiceRootAsync());
            Assert.Equal(RedfishError.UntrustedCertificate, e.Error);
        }
        await using (var client = NewClient(TlsPolicy.Insecure()))
        {
            Assert.Equal("1.17.0", (await client.GetServiceRootAsync()).RedfishVersion);
        }
        await using (var client = NewClient(TlsPolicy.Pin(CertificateFingerprint.Of(_certificate))))
        {
            Assert.Equal("1.17.0", (await client.GetServiceRootAsync()).RedfishVersion);
        }
    }

    [Fact]
    public async Task AClosedPortIsUnreachableNotAnUntrustedCertificate()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var client = new Client(new RedfishClientOptions { Endpoint = RedfishEndpoint.Parse($"redfish://127.0.0.1:{port}"), Auth = RedfishAuthMode.None });
        var e = await Assert.ThrowsAsync<RedfishException>(() => client.GetServiceRootAsync());
        Assert.Equal(RedfishError.Unreachable, e.Error);
        Assert.False(e.MayHaveBeenDelivered);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _certificate.Dispose();
        _stop.Dispose();
    }
}
