namespace Lifeline.Consoles.Ssh;

/// <summary>
/// Pinned SSH host keys, one per line: <c>[host]:port key-algorithm SHA256:base64-fingerprint</c> (our own format:
/// fingerprints only, so the file can be written from what SSH.NET reports). Trust on first use adds a line; a changed
/// key is refused until <see cref="Forget"/> removes the old pin (the operator's "re-trust").
/// </summary>
public sealed class KnownHostsFile
{
    private readonly Lock _lock = new();

    public KnownHostsFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    /// <summary>The key name used in the file for an endpoint.</summary>
    public static string EndpointKey(string host, int port) => $"[{host.ToLowerInvariant()}]:{port}";

    /// <summary>The pinned fingerprint of an endpoint, or null when it has none.</summary>
    public KnownHost? Find(string host, int port)
    {
        string key = EndpointKey(host, port);
        lock (_lock)
        {
            return ReadAll().LastOrDefault(h => h.Endpoint == key);
        }
    }

    /// <summary>Pins a fingerprint for an endpoint (replacing any earlier pin).</summary>
    public void Pin(string host, int port, string algorithm, string fingerprint)
    {
        if (algorithm.Any(char.IsWhiteSpace) || fingerprint.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("a key algorithm or fingerprint with white space cannot be pinned");
        }
        string key = EndpointKey(host, port);
        lock (_lock)
        {
            var rest = ReadAll().Where(h => h.Endpoint != key).ToList();
            rest.Add(new KnownHost(key, algorithm, fingerprint));
            WriteAll(rest);
        }
    }

    /// <summary>Removes the pin of an endpoint, so the next connection trusts its key again; true if there was one.</summary>
    public bool Forget(string host, int port)
    {
        string key = EndpointKey(host, port);
        lock (_lock)
        {
            var all = ReadAll();
            var rest = all.Where(h => h.Endpoint != key).ToList();
            if (rest.Count == all.Count)
            {
                return false;
            }
            WriteAll(rest);
            return true;
        }
    }

    private List<KnownHost> ReadAll()
    {
        if (!File.Exists(Path))
        {
            return [];
        }
        var hosts = new List<KnownHost>();
        foreach (var line in File.ReadAllLines(Path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && !line.StartsWith('#'))
            {
                hosts.Add(new KnownHost(parts[0], parts[1], parts[2]));
            }
        }
        return hosts;
    }

    private void WriteAll(List<KnownHost> hosts)
    {
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        string temp = Path + ".tmp";
        File.WriteAllLines(temp, hosts.Select(h => $"{h.Endpoint} {h.Algorithm} {h.Fingerprint}"));
        File.Move(temp, Path, overwrite: true);
    }
}

/// <summary>One pinned host key.</summary>
public sealed record KnownHost(string Endpoint, string Algorithm, string Fingerprint);
