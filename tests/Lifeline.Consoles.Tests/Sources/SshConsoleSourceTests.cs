using System.Text;
using Lifeline.Consoles.Sources;
using Lifeline.Consoles.Ssh;
using Lifeline.Consoles.Tests.Infrastructure;

namespace Lifeline.Consoles.Tests.Sources;

/// <summary>The SSH source against a real OpenSSH server running a login shell: key auth, host-key pinning, refusals.</summary>
public sealed class SshConsoleSourceTests(OpenSshServer server) : IClassFixture<OpenSshServer>
{
    private SshConsoleOptions Options(string knownHosts, string? key = null) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        UserName = server.UserName,
        PrivateKey = key ?? server.ClientKey,
        KnownHostsPath = knownHosts,
    };

    private string KnownHostsPath() => Path.Combine(server.Directory, $"known_hosts-{Guid.NewGuid():N}");

    [SkippableFact]
    public async Task AShellAnswersAndTheHostKeyIsPinnedOnFirstUse()
    {
        server.RequireAvailable();
        string knownHosts = KnownHostsPath();
        await using (var source = new SshConsoleSource(Options(knownHosts)))
        {
            await source.ConnectAsync(CancellationToken.None);
            await source.WriteAsync("echo lifeline-$((6*7))\n"u8.ToArray(), CancellationToken.None);
            await ByteReader.ReadUntilAsync(source, seen => Encoding.UTF8.GetString(seen).Contains("lifeline-42", StringComparison.Ordinal),
                "the shell's answer over SSH");
            Assert.Equal(await server.HostFingerprintAsync(), source.PresentedFingerprint);
            Assert.False(source.SupportsBreak);
        }
        var pinned = new KnownHostsFile(knownHosts).Find("127.0.0.1", server.Port);
        Assert.NotNull(pinned);
        Assert.Equal(await server.HostFingerprintAsync(), pinned.Fingerprint);

        // the second connection is checked against the pin and accepted
        await using var again = new SshConsoleSource(Options(knownHosts));
        await again.ConnectAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task AChangedHostKeyIsRefusedUntilReTrusted()
    {
        server.RequireAvailable();
        string knownHosts = KnownHostsPath();
        var file = new KnownHostsFile(knownHosts);
        file.Pin("127.0.0.1", server.Port, "ssh-ed25519", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await using (var source = new SshConsoleSource(Options(knownHosts)))
        {
            var error = await Assert.ThrowsAsync<ConsoleException>(() => source.ConnectAsync(CancellationToken.None));
            Assert.Equal(ConsoleErrorCategory.HostKeyChanged, error.Category);
            Assert.Contains("re-trust", error.NextStep, StringComparison.Ordinal);
            Assert.False(error.MayRetry);
        }
        Assert.True(file.Forget("127.0.0.1", server.Port));
        await using var retrusted = new SshConsoleSource(Options(knownHosts));
        await retrusted.ConnectAsync(CancellationToken.None);
        Assert.Equal(await server.HostFingerprintAsync(), file.Find("127.0.0.1", server.Port)?.Fingerprint);
    }

    [SkippableFact]
    public async Task AnUnknownKeyIsAnAuthenticationFailure()
    {
        server.RequireAvailable();
        string stranger = Path.Combine(server.Directory, "host"); // the host key is not an authorised client key
        await using var source = new SshConsoleSource(Options(KnownHostsPath(), key: await File.ReadAllTextAsync(stranger)));
        var error = await Assert.ThrowsAsync<ConsoleException>(() => source.ConnectAsync(CancellationToken.None));
        Assert.Equal(ConsoleErrorCategory.Authentication, error.Category);
    }
}
