using System.Globalization;
using System.Text.RegularExpressions;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Ipmi.Tests.Vectors;

/// <summary>
/// The vector set captured from OpenIPMI's ipmi_sim by Vectors/ipmi-sim/capture.sh: raw SDR repository, FRU image,
/// SEL entries and Get Sensor Reading answers, next to what ipmitool 1.8.19 and FreeIPMI printed for them.
/// </summary>
internal static partial class IpmiSimVectors
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Vectors", "ipmi-sim");

    /// <summary>The sensor states captured: before any event, after the threshold/PSU events, with scanning disabled.</summary>
    public static readonly string[] States = ["initial", "events", "scanning-disabled"];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static string[] Lines(string name) =>
        File.ReadAllLines(Path.Combine(Directory, name)).Where(l => l.Trim().Length > 0).ToArray();

    public static SdrRepository Sdr() => SdrRepository.Parse(Bytes("sdr.bin"));

    /// <summary>Collapses runs of whitespace and trims: the comparisons are about words, not column padding.</summary>
    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>"NN rr ss t1 t2" lines: sensor number, then the Get Sensor Reading response data.</summary>
    public static Dictionary<byte, SensorReading> Readings(string state) => Lines(Path.Combine(state, "readings.txt"))
        .Select(Hex)
        .ToDictionary(b => b[0], b => ParseReading(b.AsSpan(1)));

    /// <summary>The wire bytes of each SEL entry (Get SEL Entry, whole record).</summary>
    public static byte[][] SelEntries() => Lines("sel-entries.txt").Select(Hex).ToArray();

    public static byte[] Hex(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    // IPMI v2.0 §35.14 Get Sensor Reading response data (after the completion code):
    //   0 reading, 1 [7] events enabled, [6] scanning enabled, [5] reading unavailable, 2-3 state bits (optional)
    public static SensorReading ParseReading(ReadOnlySpan<byte> data)
    {
        byte flags = data.Length > 1 ? data[1] : (byte)0;
        int states = (data.Length > 2 ? data[2] : 0) | (data.Length > 3 ? (data[3] & 0x7F) << 8 : 0);
        return new SensorReading(data.Length > 0 ? data[0] : (byte)0, (flags & 0x80) != 0, (flags & 0x40) != 0, (flags & 0x20) != 0,
            (ushort)states, (byte)Math.Clamp(data.Length - 2, 0, 2));
    }

    /// <summary>
    /// `ipmitool -v sdr list` blocks keyed by sensor name: " Upper critical : 90.000" → ("Upper critical", "90.000").
    /// </summary>
    public static Dictionary<string, Dictionary<string, string>> VerboseSdrList(string state)
    {
        var result = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (string line in File.ReadAllLines(Path.Combine(Directory, state, "sdr-v-list.txt")))
        {
            int colon = line.IndexOf(" : ", StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            string key = line[..colon].Trim();
            string value = line[(colon + 3)..].Trim();
            if (key == "Sensor ID")
            {
                current = [];
                result[value[..value.LastIndexOf(" (", StringComparison.Ordinal)]] = current;
            }
            else if (current is not null)
            {
                current.TryAdd(key, value);
            }
        }
        return result;
    }

    /// <summary>FreeIPMI tables ("ID | Name | ..."): one dictionary per row, keyed by the header's column names.</summary>
    public static List<Dictionary<string, string>> FreeIpmiTable(string name)
    {
        string[] lines = Lines(name);
        string[] header = lines[0].Split('|').Select(c => c.Trim()).ToArray();
        return lines.Skip(1)
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Select(cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
