using System.Buffers.Binary;
using System.Collections.Concurrent;
using Lifeline.Ipmi.Commands.Storage;

namespace Lifeline.Drivers.Ipmi;

/// <summary>
/// Caches each BMC's SDR repository (as FreeIPMI's sdr-cache does): in memory for the process and on disk under
/// $XDG_CACHE_HOME/lifeline/sdr (or ~/.cache). An entry is valid while the BMC's Get SDR Repository Info reports the
/// same record count and the same most-recent addition/erase timestamps (IPMI v2.0 §33.9), so a changed repository is
/// read again.
/// </summary>
public sealed class SdrCache
{
    private const uint Magic = 0x4C4C5344; // "DSLL"
    private readonly ConcurrentDictionary<string, (Stamp Stamp, byte[][] Records)> _memory = new();

    public SdrCache(string? directory)
    {
        Directory = directory;
    }

    public static SdrCache Default { get; } = new(DefaultDirectory());

    /// <summary>Where entries are kept on disk, or null for memory only.</summary>
    public string? Directory { get; }

    private readonly record struct Stamp(ushort Count, uint Added, uint Erased);

    public IReadOnlyList<byte[]>? TryGet(string bmc, SdrRepositoryInfoResponse info)
    {
        var stamp = new Stamp(info.RecordCount, info.MostRecentAddition, info.MostRecentErase);
        if (_memory.TryGetValue(bmc, out var hit) && hit.Stamp == stamp)
        {
            return hit.Records;
        }
        var fromDisk = Load(bmc, stamp);
        if (fromDisk is not null)
        {
            _memory[bmc] = (stamp, fromDisk);
        }
        return fromDisk;
    }

    public void Put(string bmc, SdrRepositoryInfoResponse info, IReadOnlyList<byte[]> records)
    {
        var stamp = new Stamp(info.RecordCount, info.MostRecentAddition, info.MostRecentErase);
        var copy = records.ToArray();
        _memory[bmc] = (stamp, copy);
        Save(bmc, stamp, copy);
    }

    private string? PathFor(string bmc) =>
        Directory is null ? null : System.IO.Path.Combine(Directory, string.Concat(bmc.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_')) + ".sdr");

    private byte[][]? Load(string bmc, Stamp stamp)
    {
        var path = PathFor(bmc);
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        try
        {
            var bytes = File.ReadAllBytes(path);
            var span = bytes.AsSpan();
            if (span.Length < 16 || BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic
                || new Stamp(BinaryPrimitives.ReadUInt16LittleEndian(span[4..]), BinaryPrimitives.ReadUInt32LittleEndian(span[6..]), BinaryPrimitives.ReadUInt32LittleEndian(span[10..])) != stamp)
            {
                return null;
            }
            int count = BinaryPrimitives.ReadUInt16LittleEndian(span[14..]);
            var records = new byte[count][];
            int at = 16;
            for (int i = 0; i < count; i++)
            {
                if (at + 2 > span.Length)
                {
                    return null;
                }
                int len = BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);
                at += 2;
                if (at + len > span.Length)
                {
                    return null;
                }
                records[i] = span.Slice(at, len).ToArray();
                at += len;
            }
            return records;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Save(string bmc, Stamp stamp, byte[][] records)
    {
        var path = PathFor(bmc);
        if (path is null)
        {
            return;
        }
        try
        {
            System.IO.Directory.CreateDirectory(Directory!);
            var buffer = new byte[16 + records.Sum(r => 2 + r.Length)];
            var span = buffer.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
            BinaryPrimitives.WriteUInt16LittleEndian(span[4..], stamp.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(span[6..], stamp.Added);
            BinaryPrimitives.WriteUInt32LittleEndian(span[10..], stamp.Erased);
            BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)records.Length);
            int at = 16;
            foreach (var r in records)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)r.Length);
                r.CopyTo(span[(at + 2)..]);
                at += 2 + r.Length;
            }
            var temp = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temp, buffer);
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            // a cache that cannot be written is only slower
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? DefaultDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetEnvironmentVariable("HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : !string.IsNullOrEmpty(home) ? System.IO.Path.Combine(home, ".cache") : null;
        return root is null ? null : System.IO.Path.Combine(root, "lifeline", "sdr");
    }
}
