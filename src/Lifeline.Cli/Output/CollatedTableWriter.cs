using Lifeline.Drivers;
using Lifeline.Cli.FanOut;

namespace Lifeline.Cli.Output;

/// <summary>
/// The <c>-o table</c> output, collated like Confluent's <c>collate</c>: nodes whose result renders identically are
/// printed once, prefixed by their folded range. A one-line result prints after the range
/// (<c>127.0.1.[1-250]: on</c>, or <c>n[1-20]: on</c> in fleet mode); a multi-line or list result (sensors, SEL) prints as
/// an indented block under it. Groups come in the order of their first node (see <see cref="NodeFolding"/>). Nothing is
/// written before <see cref="Complete"/>.
/// </summary>
public sealed class CollatedTableWriter<T> : IResultWriter<T>
{
    private readonly TextWriter _output;
    private readonly IResultView<T> _view;
    private readonly NodeFolding _folding;
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    public CollatedTableWriter(TextWriter output, IResultView<T> view, NodeFolding? folding = null)
    {
        _output = output;
        _view = view;
        _folding = folding ?? NodeFolding.Hosts;
    }

    public void Add(NodeResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<string> lines = result.Error is { } error
            ? [ResultViews.ErrorLine(error)]
            : _view.Lines(result.Value!).Select(l => l.ReplaceLineEndings(" ")).ToArray();
        string key = string.Join('\n', lines);
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new Group(lines, result.Error is null && _view.IsBlock(result.Value!));
        }

        group.Add(result.Index, result.Node);
    }

    public void Complete()
    {
        var groups = _folding.Order is { } order
            ? _groups.Values.OrderBy(g => g.Nodes.Min(order)!, order)
            : _groups.Values.OrderBy(g => g.FirstIndex);
        foreach (var group in groups)
        {
            string nodes = _folding.Fold(group.Nodes);
            if (group.Lines.Count == 1 && !group.Block)
            {
                _output.WriteLine($"{nodes}: {group.Lines[0]}");
                continue;
            }

            _output.WriteLine($"{nodes}:");
            foreach (var line in group.Lines)
            {
                _output.WriteLine($"    {line}");
            }
        }

        _output.Flush();
    }

    private sealed class Group(IReadOnlyList<string> lines, bool block)
    {
        public IReadOnlyList<string> Lines { get; } = lines;

        public bool Block { get; } = block;

        public List<string> Nodes { get; } = [];

        public int FirstIndex { get; private set; } = int.MaxValue;

        public void Add(int index, string node)
        {
            Nodes.Add(node);
            FirstIndex = Math.Min(FirstIndex, index);
        }
    }
}
