using System.Text.Json;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Output;

/// <summary>
/// Lists (nodes, users, tokens, audit, state) as aligned columns for people, or one JSON object per line
/// (<c>-o json</c>, in the API's own shape) for scripts.
/// </summary>
public static class ListOutput
{
    /// <summary>Writes a header and rows with columns padded to their widest cell; the last column is not padded.</summary>
    public static void Table(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows.Select(r => r.Select(Flatten).ToArray()));
        if (all.Count == 1)
        {
            output.Flush();
            return;
        }

        int columns = headers.Count;
        var widths = new int[columns];
        foreach (var row in all)
        {
            for (int c = 0; c < columns - 1 && c < row.Count; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        foreach (var row in all)
        {
            var cells = Enumerable.Range(0, columns).Select(c => c < row.Count ? row[c] : "");
            output.WriteLine(string.Join("  ", cells.Select((cell, c) => c < columns - 1 ? cell.PadRight(widths[c]) : cell)).TrimEnd());
        }

        output.Flush();
    }

    /// <summary>Writes each item as one compact JSON object per line, with the API's naming (<see cref="FleetJson.Options"/>).</summary>
    public static void JsonLines<T>(TextWriter output, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            output.WriteLine(JsonSerializer.Serialize(item, FleetJson.Options));
        }

        output.Flush();
    }

    /// <summary>Control characters (a newline in a description) would break the columns.</summary>
    private static string Flatten(string cell) => cell.Any(char.IsControl)
        ? new string(cell.Select(c => char.IsControl(c) ? ' ' : c).ToArray())
        : cell;
}
