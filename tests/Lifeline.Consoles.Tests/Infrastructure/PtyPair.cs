using Lifeline.Interop.Tests.Infrastructure;

namespace Lifeline.Consoles.Tests.Infrastructure;

/// <summary>Two kernel ptys joined by socat (<c>socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c>): bytes written to one come out of the other.</summary>
public sealed class PtyPair : IAsyncDisposable
{
    private readonly PeerProcess _socat;
    private readonly string _directory;

    private PtyPair(PeerProcess socat, string directory)
    {
        _socat = socat;
        _directory = directory;
        A = Path.Combine(directory, "A");
        B = Path.Combine(directory, "B");
    }

    public string A { get; }

    public string B { get; }

    public static async Task<PtyPair> StartAsync()
    {
        var socat = Peers.Require("socat", "socat");
        var directory = Directory.CreateTempSubdirectory("lifeline-pty-").FullName;
        var process = PeerProcess.Start(socat, "-d", "-d",
            $"pty,raw,echo=0,link={Path.Combine(directory, "A")}", $"pty,raw,echo=0,link={Path.Combine(directory, "B")}");
        var pair = new PtyPair(process, directory);
        await process.WaitUntilAsync(() => File.Exists(pair.A) && File.Exists(pair.B) && process.Output.Contains("starting data transfer loop", StringComparison.Ordinal),
            "pty links");
        return pair;
    }

    /// <summary>Opens one end as a plain byte stream (the "far side" of a console under test).</summary>
    public static FileStream OpenEnd(string path) => new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);

    public async ValueTask DisposeAsync()
    {
        await _socat.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
