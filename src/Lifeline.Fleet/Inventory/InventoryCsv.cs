using System.Globalization;
using System.Text;

namespace Lifeline.Fleet.Inventory;

/// <summary>
/// The inventory's nodes as CSV (RFC 4180; LF line ends written, CRLF read too). Header:
/// <c>name,groups,ipmi,redfish,management,credential,console,inband,site,rack,u</c> then one <c>attr.KEY</c> column per
/// attribute; groups are separated by ';'. An empty cell is unset; <c>""</c> is an empty value. CSV carries no group
/// definitions: import groups with YAML. Import is all or nothing with every problem reported by line.
/// </summary>
public static class InventoryCsv
{
    /// <summary>The fixed columns, in the order export writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["name", "groups", "ipmi", "redfish", "management", "credential", "console", "inband", "site", "rack", "u"];

    /// <summary>The prefix of attribute columns (<c>attr.role</c>).</summary>
    public const string AttributePrefix = "attr.";

    /// <summary>Reads nodes from CSV text (the document's groups and credentials are empty).</summary>
    /// <exception cref="InventoryImportException">Every problem found, with line numbers; nothing is returned.</exception>
    public static InventoryDocument Import(string text)
    {
        InventoryInput.CheckLength(text, InventoryInput.MaxBytes);
        var reader = new CsvRecordReader(text);
        if (!reader.TryRead(out var header, out int headerLine))
        {
            return new InventoryDocument([], []);
        }

        var errors = new List<InventoryImportError>();
        void Add(int line, string message)
        {
            errors.Add(new InventoryImportError(line, message));
            if (errors.Count >= InventoryImportException.MaxErrors)
            {
                throw new InventoryImportException(errors);
            }
        }

        var columns = new string[header.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            string column = header[i].Text.Trim().ToLowerInvariant();
            columns[i] = column;
            if (column.StartsWith(AttributePrefix, StringComparison.Ordinal))
            {
                if (InventoryValidator.CheckAttributeKey(column[AttributePrefix.Length..]) is { } problem)
                {
                    Add(headerLine, $"column {i + 1} '{column}': {problem}");
                }
            }
            else if (!Columns.Contains(column))
            {
                Add(headerLine, $"column {i + 1}: unknown column '{InventoryValidator.Shorten(header[i].Text)}' (expected {string.Join(", ", Columns)} or attr.KEY)");
            }

            if (!seen.Add(column))
            {
                Add(headerLine, $"column {i + 1}: '{column}' appears twice in the header");
            }
        }

        if (!seen.Contains("name"))
        {
            Add(headerLine, "the header has no 'name' column; the first line must name the columns (name,groups,ipmi,…)");
        }

        if (errors.Count > 0)
        {
            throw new InventoryImportException(errors);
        }

        var nodes = new List<NodeDefinition>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.TryRead(out var record, out int line))
        {
            if (record.Count != columns.Length)
            {
                Add(line, $"{record.Count} fields but the header has {columns.Length}; every line needs one field per column (empty ones too)");
                continue;
            }

            var node = new NodeDefinition { Name = "" };
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var location = new Location();
            for (int i = 0; i < columns.Length; i++)
            {
                var field = record[i];
                string? value = field.Text.Length == 0 && !field.Quoted ? null : field.Text;
                switch (columns[i])
                {
                    case "name":
                        node = node with { Name = value ?? "" };
                        break;
                    case "groups":
                        node = node with
                        {
                            Groups = value is null ? [] : [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                        };
                        break;
                    case "ipmi":
                        node = node with { IpmiUrl = value };
                        break;
                    case "redfish":
                        node = node with { RedfishUrl = value };
                        break;
                    case "management":
                        switch (value?.Trim().ToLowerInvariant())
                        {
                            case null or "" or "auto":
                                break;
                            case "ipmi":
                                node = node with { Management = ManagementProtocol.Ipmi };
                                break;
                            case "redfish":
                                node = node with { Management = ManagementProtocol.Redfish };
                                break;
                            default:
                                Add(line, $"management '{InventoryValidator.Shorten(value)}' is not auto, ipmi or redfish");
                                break;
                        }

                        break;
                    case "credential":
                        node = node with { Credential = value };
                        break;
                    case "console":
                        node = node with { ConsoleMethod = value };
                        break;
                    case "inband":
                        node = node with { InbandAddress = value };
                        break;
                    case "site":
                        location = location with { Site = value };
                        break;
                    case "rack":
                        location = location with { Rack = value };
                        break;
                    case "u":
                        if (value is not null)
                        {
                            if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int u))
                            {
                                location = location with { U = u };
                            }
                            else
                            {
                                Add(line, $"u '{InventoryValidator.Shorten(value)}' is not a whole number (the rack unit, like 3)");
                            }
                        }

                        break;
                    default:
                        if (value is not null)
                        {
                            attributes[columns[i][AttributePrefix.Length..]] = value;
                        }

                        break;
                }
            }

            node = node with { Location = location, Attributes = attributes };
            if (node.Name.Length == 0)
            {
                Add(line, "the name is empty; every line needs a node name");
                continue;
            }

            if (!firstLine.TryAdd(node.Name, line))
            {
                Add(line, $"node '{InventoryValidator.Shorten(node.Name)}' is already on line {firstLine[node.Name]}");
                continue;
            }

            foreach (string problem in InventoryValidator.Validate(node))
            {
                Add(line, problem);
            }

            nodes.Add(node);
        }

        if (errors.Count > 0)
        {
            throw new InventoryImportException(errors);
        }

        return new InventoryDocument(nodes, []);
    }

    /// <summary>Reads nodes from a UTF-8 CSV stream of at most 32 MiB.</summary>
    /// <exception cref="InventoryImportException">Every problem found, with line numbers; nothing is returned.</exception>
    public static async Task<InventoryDocument> ImportAsync(Stream stream, CancellationToken cancellationToken)
    {
        string text = await InventoryInput.ReadAsync(stream, InventoryInput.MaxBytes, cancellationToken).ConfigureAwait(false);
        return Import(text);
    }

    /// <summary>The nodes as CSV, sorted by name, attribute columns sorted by key.</summary>
    public static string Export(IEnumerable<NodeDefinition> nodes)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Export(nodes, writer);
        return writer.ToString();
    }

    /// <inheritdoc cref="Export(IEnumerable{NodeDefinition})"/>
    public static void Export(IEnumerable<NodeDefinition> nodes, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(writer);
        var sorted = nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var keys = sorted.SelectMany(n => n.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var line = new StringBuilder();
        foreach (string column in Columns.Concat(keys.Select(k => AttributePrefix + k)))
        {
            AppendField(line, column);
        }

        WriteLine(writer, line);
        foreach (var node in sorted)
        {
            AppendField(line, node.Name);
            AppendField(line, node.Groups.Count == 0 ? null : string.Join(';', node.Groups));
            AppendField(line, node.IpmiUrl);
            AppendField(line, node.RedfishUrl);
            AppendField(line, node.Management == ManagementProtocol.Auto ? null : node.Management.ToString().ToLowerInvariant());
            AppendField(line, node.Credential);
            AppendField(line, node.ConsoleMethod);
            AppendField(line, node.InbandAddress);
            AppendField(line, node.Location.Site);
            AppendField(line, node.Location.Rack);
            AppendField(line, node.Location.U?.ToString(CultureInfo.InvariantCulture));
            foreach (string key in keys)
            {
                AppendField(line, node.Attributes.GetValueOrDefault(key));
            }

            WriteLine(writer, line);
        }
    }

    private static void AppendField(StringBuilder line, string? value)
    {
        if (line.Length > 0)
        {
            line.Append(',');
        }

        if (value is null)
        {
            return;
        }

        if (value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ')
        {
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value);
        }
    }

    private static void WriteLine(TextWriter writer, StringBuilder line)
    {
        writer.Write(line);
        writer.Write('\n');
        line.Clear();
    }
}
