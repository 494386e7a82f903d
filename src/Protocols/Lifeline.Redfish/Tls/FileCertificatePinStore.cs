using System.Text;

namespace Lifeline.Redfish.Tls;

/// <summary>
/// Pins in a text file, one "host:port SHA256HEX" per line (# comments allowed), rewritten atomically (temp file +
/// rename) on every change so a crash never leaves half a file. Safe for several clients in one process.
/// </summary>
public sealed class FileCertificatePinStore : ICertificatePinStore
{
    private readonly string _path;
    private readonly Lock _lock = new();

    public FileCertificatePinStore(string path)
    {
        _path = path;
    }

    public string? Get(string hostPort)
    {
        lock (_lock)
        {
            return Load().TryGetValue(hostPort, out var v) ? v : null;
        }
    }

    public void Set(string hostPort, string sha256Fingerprint)
    {
        lock (_lock)
        {
            var pins = Load();
            pins[hostPort] = CertificateFingerprint.Normalize(sha256Fingerprint);
            Save(pins);
        }
    }

    public void Remove(string hostPort)
    {
        lock (_lock)
        {
            var pins = Load();
            if (pins.Remove(hostPort))
            {
                Save(pins);
            }
        }
    }

    private Dictionary<string, string> Load()
    {
        var pins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(_path))
        {
            return pins;
        }
        foreach (var line in File.ReadAllLines(_path))
        {
            var t = line.Trim();
            if (t.Length == 0 || t[0] == '#')
            {
                continue;
            }
            var parts = t.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2)
            {
                pins[parts[0]] = CertificateFingerprint.Normalize(parts[1]);
            }
        }
        return pins;
    }

    private void Save(Dictionary<string, string> pins)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        Directory.CreateDirectory(dir);
        var sb = new StringBuilder("# Lifeline Redfish certificate pins: host:port SHA-256 fingerprint\n");
        foreach (var (host, fp) in pins.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            sb.Append(host).Append(' ').Append(fp).Append('\n');
        }
        var temp = _path + ".tmp";
        File.WriteAllText(temp, sb.ToString());
        File.Move(temp, _path, overwrite: true);
    }
}
