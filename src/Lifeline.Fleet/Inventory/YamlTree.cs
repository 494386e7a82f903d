using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lifeline.Fleet.Inventory;

/// <summary>A YAML value with the line it starts on.</summary>
internal abstract class YamlValue(int line)
{
    public int Line { get; } = line;
}

internal sealed class YamlScalar(int line, string value, bool isNull) : YamlValue(line)
{
    public string Value { get; } = value;

    /// <summary>A plain <c>null</c>, <c>~</c> or nothing at all.</summary>
    public bool IsNull { get; } = isNull;
}

internal sealed class YamlSequence(int line) : YamlValue(line)
{
    public List<YamlValue> Items { get; } = [];
}

internal sealed class YamlMapping(int line) : YamlValue(line)
{
    public List<KeyValuePair<YamlScalar, YamlValue>> Entries { get; } = [];
}

/// <summary>
/// Reads one YAML document into a small tree, with limits that keep hostile input cheap: aliases are refused (no
/// billion laughs: every value in an inventory is written out), nesting is capped, and so is the number of values.
/// The parser underneath (YamlDotNet's event parser) is not recursive, so deep input cannot exhaust the stack.
/// </summary>
internal static class YamlTree
{
    public const int MaxDepth = 16;

    public const int MaxValues = 2_000_000;

    /// <summary>The document's root, or null for an empty file.</summary>
    /// <exception cref="InventoryImportException">Syntax errors, aliases, too deep or too big.</exception>
    public static YamlValue? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<YamlValue>();
        YamlScalar? pendingKey = null;
        var pendingKeys = new Stack<YamlScalar?>();
        YamlValue? root = null;
        int documents = 0;
        int values = 0;

        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                int line = checked((int)current.Start.Line);
                switch (current)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            throw Error(line, "the file holds more than one YAML document ('---'); put the whole inventory in one");
                        }

                        break;
                    case AnchorAlias alias:
                        throw Error(line, $"YAML aliases (*{alias.Value}) are not accepted in an inventory; write the values out");
                    case Scalar scalar:
                        Add(new YamlScalar(line, scalar.Value, scalar.Style == ScalarStyle.Plain && IsNullWord(scalar.Value)));
                        break;
                    case SequenceStart:
                        Open(new YamlSequence(line));
                        break;
                    case MappingStart:
                        Open(new YamlMapping(line));
                        break;
                    case SequenceEnd or MappingEnd:
                        var done = stack.Pop();
                        pendingKey = pendingKeys.Pop();
                        Add(done, opened: true);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            int line = checked((int)e.Start.Line);
            throw Error(line, $"not valid YAML: {Describe(e)}");
        }

        return root;

        void Open(YamlValue container)
        {
            if (stack.Count >= MaxDepth)
            {
                throw Error(container.Line, $"nested deeper than {MaxDepth} levels; an inventory needs at most 5");
            }

            Count(container.Line);
            if (stack.Count > 0 && stack.Peek() is YamlMapping && pendingKey is null)
            {
                throw Error(container.Line, "a mapping key must be a plain value, not a list or a mapping");
            }

            pendingKeys.Push(pendingKey);
            pendingKey = null;
            stack.Push(container);
        }

        void Add(YamlValue value, bool opened = false)
        {
            if (!opened)
            {
                Count(value.Line);
            }

            if (stack.Count == 0)
            {
                root = value;
                return;
            }

            switch (stack.Peek())
            {
                case YamlSequence sequence:
                    sequence.Items.Add(value);
                    break;
                case YamlMapping mapping when pendingKey is null:
                    pendingKey = value as YamlScalar
                        ?? throw Error(value.Line, "a mapping key must be a plain value, not a list or a mapping");
                    break;
                case YamlMapping mapping:
                    mapping.Entries.Add(new(pendingKey, value));
                    pendingKey = null;
                    break;
            }
        }

        void Count(int line)
        {
            if (++values > MaxValues)
            {
                throw Error(line, $"more than {MaxValues:N0} values; split the inventory into several files");
            }
        }
    }

    private static bool IsNullWord(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its message with the position ("(Line: 3, Col: 5, Idx: 20) - (…): "); we give the line.
        string message = e.Message;
        int cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }

    private static InventoryImportException Error(int line, string message) => new([new InventoryImportError(line, message)]);
}
