using System.Text;

namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// The reverse of <see cref="NodeRange.Expand"/>: folds a set of node names into a short noderange for collated
/// output, e.g. n1..n20 and n22 into <c>n[1-20,22]</c>, and r1u01..r3u10 into <c>r[1-3]u[01-10]</c>.
/// </summary>
/// <remarks>
/// <para>
/// The result reads back as exactly the given names whatever else the universe holds, as long as the names
/// themselves exist: it uses only the names themselves and bracket lists, which Expand never looks up as a whole
/// (a dash range <c>n1-n20</c> could be captured by a node literally named <c>n1-n20</c>), and a range never spans
/// a number that is not in the set. Zero padding is kept (<c>r01u05</c>), and the output is deterministic: items are
/// ordered by their first name in natural order.
/// </para>
/// <para>
/// How: names are grouped by template (their text with the digit runs taken out: <c>r{}u{}</c>). Within a
/// template, one number position at a time is folded into a bracket list for each combination of the other
/// positions; combinations with the same list are folded together recursively, which finds full products such as
/// <c>r[1-3]u[01-10]</c>. Every order of positions is tried and the shortest kept while the set is small (for large
/// sets the last position is folded first, as Confluent does); a template is written as its plain names if that is
/// no longer. The output is therefore never longer than the names joined
/// with commas. Like Confluent's <c>ReverseNodeRange</c>, minus its use of group names (no universe here).
/// </para>
/// </remarks>
public static class NodeRangeFolder
{
    /// <summary>
    /// Work (names × positions visited) within one template up to which every order of number positions is tried;
    /// beyond it only the last position is folded first, which keeps large folds linear.
    /// </summary>
    private const long SearchBudget = 20_000;

    /// <summary>Folds the names (duplicates ignored) into a noderange; the empty set gives the empty string.</summary>
    /// <exception cref="ArgumentException">A name that a noderange can't express (see <see cref="IsFoldable"/>).</exception>
    public static string Fold(IEnumerable<string> nodeNames)
    {
        ArgumentNullException.ThrowIfNull(nodeNames);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in nodeNames)
        {
            if (!IsFoldable(name))
            {
                throw new ArgumentException(
                    $"'{name}' can't be written in a noderange: names are letters, digits, '-', '_', '.', ':' and '+', not starting with '-'.",
                    nameof(nodeNames));
            }

            names.Add(name);
        }

        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        var templateOrder = new List<Template>();
        // Visit names in natural order: the search budget makes the result depend on the order subsets are
        // folded in, and a HashSet's order changes from process to process.
        foreach (string name in names.Order(NaturalNameComparer.Instance))
        {
            var (texts, digits) = Cut(name);
            string key = string.Join('\u0001', texts);
            if (!templates.TryGetValue(key, out var template))
            {
                templates[key] = template = new Template(texts);
                templateOrder.Add(template);
            }

            template.Names.Add(name);
            template.Tuples.Add(digits);
        }

        var pieces = new List<(string First, string Text)>();
        foreach (var template in templateOrder)
        {
            int plainLength = template.Names.Sum(n => n.Length) + template.Names.Count - 1;
            if (template.Dimensions > 0)
            {
                var items = Split(FoldTuples(template, template.Tuples, [.. Enumerable.Range(0, template.Dimensions)]), template);
                if (Cost(items, template) < plainLength)
                {
                    pieces.AddRange(items.Select(i => (template.Render(i.Mins, null), template.Render(i.Mins, i.Parts))));
                    continue;
                }
            }

            pieces.AddRange(template.Names.Select(n => (n, n)));
        }

        pieces.Sort((a, b) => NaturalNameComparer.Instance.Compare(a.First, b.First));
        return string.Join(',', pieces.Select(p => p.Text));
    }

    /// <summary>
    /// Whether a name can appear in a folded noderange: letters, digits, <c>- _ . : +</c>, not starting with
    /// <c>-</c>. Every valid Lifeline node name (letters, digits, '-', '_', '.') is.
    /// </summary>
    public static bool IsFoldable(string name) => NodeRangeCharacters.IsNameable(name);

    private static (string[] Texts, string[] Digits) Cut(string name)
    {
        var texts = new List<string>();
        var digits = new List<string>();
        string pending = "";
        foreach (var (start, length, isDigits) in NameRuns.Split(name))
        {
            if (isDigits)
            {
                texts.Add(pending);
                pending = "";
                digits.Add(name.Substring(start, length));
            }
            else
            {
                pending = name.Substring(start, length);
            }
        }

        texts.Add(pending);
        return (texts.ToArray(), digits.ToArray());
    }

    /// <summary>
    /// Folds the tuples over <paramref name="dimensions"/> (the other positions are already fixed by the caller).
    /// With one dimension left that is one item; otherwise each dimension is tried as the innermost list.
    /// </summary>
    private static List<Item> FoldTuples(Template template, List<string[]> tuples, int[] dimensions)
    {
        if (tuples.Count == 1)
        {
            var single = new Item(template.Dimensions);
            foreach (int d in dimensions)
            {
                single.Parts[d] = [tuples[0][d]];
                single.Mins[d] = tuples[0][d];
            }

            return [single];
        }

        if (dimensions.Length == 1)
        {
            int d = dimensions[0];
            var values = tuples.Select(t => t[d]).Distinct(StringComparer.Ordinal).ToList();
            var item = new Item(template.Dimensions);
            item.Parts[d] = NumberListFolder.Fold(values);
            item.Mins[d] = values.Min(NaturalNameComparer.Instance)!;
            return [item];
        }

        List<Item>? best = null;
        int bestCost = int.MaxValue;
        template.Work += (long)tuples.Count * dimensions.Length;
        int[] order = template.Work <= SearchBudget ? [.. Enumerable.Reverse(dimensions)] : [dimensions[^1]];
        foreach (int d in order)
        {
            int[] others = [.. dimensions.Where(o => o != d)];

            // The values of d for each combination of the other positions.
            var byKey = new Dictionary<string[], List<string>>(new PositionsComparer(others));
            var keys = new List<string[]>();
            foreach (var tuple in tuples)
            {
                if (!byKey.TryGetValue(tuple, out var values))
                {
                    byKey[tuple] = values = [];
                    keys.Add(tuple);
                }

                values.Add(tuple[d]);
            }

            // Combinations with the same list of d values fold together.
            var bySpec = new Dictionary<string, (List<string> Parts, string Min, List<string[]> Tuples)>(StringComparer.Ordinal);
            var specs = new List<string>();
            foreach (var tuple in keys)
            {
                var values = byKey[tuple];
                var parts = NumberListFolder.Fold(values);
                string spec = string.Join(',', parts);
                if (!bySpec.TryGetValue(spec, out var group))
                {
                    bySpec[spec] = group = (parts, values.Min(NaturalNameComparer.Instance)!, []);
                    specs.Add(spec);
                }

                group.Tuples.Add(tuple);
            }

            var items = new List<Item>();
            foreach (string spec in specs)
            {
                var (parts, min, groupTuples) = bySpec[spec];
                foreach (var item in FoldTuples(template, groupTuples, others))
                {
                    item.Parts[d] = parts;
                    item.Mins[d] = min;
                    items.Add(item);
                }
            }

            if (order.Length == 1)
            {
                return items;
            }

            int cost = Cost(items, template);
            if (cost < bestCost)
            {
                best = items;
                bestCost = cost;
            }
        }

        return best!;
    }

    /// <summary>
    /// Splits an item's bracket list into separate items when that is shorter (<c>n[1,3]</c> is longer than
    /// <c>n1,n3</c>).
    /// </summary>
    private static List<Item> Split(List<Item> items, Template template)
    {
        var result = new List<Item>();
        foreach (var item in items)
        {
            SplitInto(item, template, result);
        }

        return result;
    }

    private static void SplitInto(Item item, Template template, List<Item> result)
    {
        int length = template.Length(item.Parts);
        for (int d = 0; d < item.Parts.Length; d++)
        {
            var parts = item.Parts[d];
            if (parts.Count < 2)
            {
                continue;
            }

            int rest = length - Template.SpecLength(parts);
            int split = parts.Sum(p => rest + Template.SpecLength([p])) + parts.Count - 1;
            if (split >= length)
            {
                continue;
            }

            foreach (string part in parts)
            {
                var piece = item.Clone();
                piece.Parts[d] = [part];
                piece.Mins[d] = NumberListFolder.PartMin(part);
                SplitInto(piece, template, result);
            }

            return;
        }

        result.Add(item);
    }

    private static int Cost(List<Item> items, Template template) => items.Sum(i => template.Length(i.Parts)) + items.Count - 1;

    /// <summary>Names that share their non-digit text: <c>r{}u{}</c>.</summary>
    private sealed class Template(string[] texts)
    {
        private readonly int _textLength = texts.Sum(t => t.Length);

        public int Dimensions => texts.Length - 1;

        public List<string> Names { get; } = [];

        public List<string[]> Tuples { get; } = [];

        /// <summary>Names × positions folded so far, against <see cref="SearchBudget"/>.</summary>
        public long Work { get; set; }

        public static int SpecLength(List<string> parts) =>
            parts.Count == 1 && NameRuns.IsDigits(parts[0]) ? parts[0].Length : parts.Sum(p => p.Length) + parts.Count + 1;

        /// <summary>The item's text length; positions not filled in yet (inner folds) count as nothing.</summary>
        public int Length(List<string>[] parts) => _textLength + parts.Sum(p => p is null ? 0 : SpecLength(p));

        /// <summary>The item as noderange text, or (parts null) its first name.</summary>
        public string Render(string[] mins, List<string>[]? parts)
        {
            var text = new StringBuilder(texts[0]);
            for (int d = 0; d < Dimensions; d++)
            {
                if (parts is null || (parts[d].Count == 1 && NameRuns.IsDigits(parts[d][0])))
                {
                    text.Append(parts is null ? mins[d] : parts[d][0]);
                }
                else
                {
                    text.Append('[').AppendJoin(',', parts[d]).Append(']');
                }

                text.Append(texts[d + 1]);
            }

            return text.ToString();
        }
    }

    /// <summary>Compares name tuples on some number positions only.</summary>
    private sealed class PositionsComparer(int[] positions) : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y)
        {
            foreach (int p in positions)
            {
                if (!string.Equals(x![p], y![p], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(string[] tuple)
        {
            var hash = default(HashCode);
            foreach (int p in positions)
            {
                hash.Add(tuple[p], StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }

    /// <summary>One product of bracket lists: for each number position, its parts and smallest value.</summary>
    private sealed class Item(int dimensions)
    {
        public List<string>[] Parts { get; } = new List<string>[dimensions];

        public string[] Mins { get; } = new string[dimensions];

        public Item Clone()
        {
            var copy = new Item(Parts.Length);
            Array.Copy(Parts, copy.Parts, Parts.Length);
            Array.Copy(Mins, copy.Mins, Mins.Length);
            return copy;
        }
    }
}
