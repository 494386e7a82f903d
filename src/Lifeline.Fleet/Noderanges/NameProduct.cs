using System.Text;

namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// The names a range or bracket list produces, kept as a product of alternatives (fixed text is a single
/// alternative) so it can be counted before anything is enumerated.
/// </summary>
internal sealed class NameProduct
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _parts;

    public NameProduct(IReadOnlyList<IReadOnlyList<string>> parts)
    {
        _parts = parts;
    }

    /// <summary>How many names, saturating just above <see cref="NodeRangeLimits.MaxNamesPerTerm"/>.</summary>
    public long Count
    {
        get
        {
            long count = 1;
            foreach (var part in _parts)
            {
                count = Math.Min(count * part.Count, NodeRangeLimits.MaxNamesPerTerm + 1L);
            }

            return count;
        }
    }

    public IEnumerable<string> Names()
    {
        if (_parts.Any(p => p.Count == 0))
        {
            yield break;
        }

        var index = new int[_parts.Count];
        var builder = new StringBuilder();
        while (true)
        {
            builder.Clear();
            for (int p = 0; p < _parts.Count; p++)
            {
                builder.Append(_parts[p][index[p]]);
            }

            yield return builder.ToString();

            // Odometer: the last part turns fastest.
            int q = _parts.Count - 1;
            while (q >= 0 && ++index[q] == _parts[q].Count)
            {
                index[q] = 0;
                q--;
            }

            if (q < 0)
            {
                yield break;
            }
        }
    }
}
