using System.Diagnostics;
using Lifeline.Interop.Tests.Infrastructure;

namespace Lifeline.Consoles.Tests.Infrastructure;

/// <summary>
/// An OpenSSH server on 127.0.0.1 for one test class: a fresh ed25519 host key and client key in a temp directory, key
/// authentication only, for the user running the tests (CI runs as root).
/// </summary>
public sealed class OpenSshServer : IAsyncLifetime
{
    private PeerProcess? _sshd;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("lifeline-sshd-").FullName;

    public int Port { get; } = TestPorts.For(4);

    public string UserName { get; } = Environment.UserName;

    public string ClientKey => File.ReadAllText(Path.Combine(Directory, "client"));

    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        var sshd = Peers.Find("sshd");
        var keygen = Peers.Find("ssh-keygen");
        if (sshd is null || keygen is null)
        {
            Unavailable = "OpenSSH server is not installed (apt-get install -y openssh-server)";
            return;
        }
        await KeygenAsync(keygen, "host");
        await KeygenAsync(keygen, "client");
        File.Copy(Path.Combine(Directory, "client.pub"), Path.Combine(Directory, "authorized_keys"));
        System.IO.Directory.CreateDirectory("/run/sshd"); // privilege separation directory sshd insists on
        string config = Path.Combine(Directory, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {Path.Combine(Directory, "host")}
            PidFile {Path.Combine(Directory, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}
            StrictModes no
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PrintMotd no

            """);
        _sshd = PeerProcess.Start(sshd, "-D", "-e", "-f", config);
        await _sshd.WaitUntilAsync(() => _sshd.Output.Contains("Server listening", StringComparison.Ordinal), $"sshd listening on 127.0.0.1:{Port}");
    }

    /// <summary>The server's host key fingerprint as ssh-keygen prints it ("SHA256:…").</summary>
    public async Task<string> HostFingerprintAsync()
    {
        var output = await RunAsync(Peers.Find("ssh-keygen")!, "-l", "-E", "sha256", "-f", Path.Combine(Directory, "host.pub"));
        return output.Split(' ')[1];
    }

    private async Task KeygenAsync(string keygen, string name) =>
        await RunAsync(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "lifeline-test", "-f", Path.Combine(Directory, name));

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await process.StandardError.ReadToEndAsync()}");
        }
        return output;
    }

    public void RequireAvailable()
    {
        if (Unavailable is not null)
        {
            Peers.Require(false, Unavailable);
        }
    }

    public async Task DisposeAsync()
    {
        if (_sshd is not null)
        {
            await _sshd.DisposeAsync();
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
