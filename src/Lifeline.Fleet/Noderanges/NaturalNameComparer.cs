namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// Orders names the way people read them: runs of digits compare by value (<c>n2 &lt; n10</c>,
/// <c>r1u02 &lt; r1u10</c>), other characters compare case-insensitively. A run of digits sorts where the character
/// <c>'0'</c> would. Names that tie (<c>n01</c> and <c>n1</c>, <c>N1</c> and <c>n1</c>) fall back to ordinal order, so the
/// order is total and deterministic. Confluent sorts noderanges with the same idea (its <c>humanify_nodename</c>).
/// </summary>
public sealed class NaturalNameComparer : IComparer<string>
{
    private NaturalNameComparer()
    {
    }

    /// <summary>The one instance; the comparer has no state.</summary>
    public static NaturalNameComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            bool xDigit = char.IsAsciiDigit(x[i]);
            bool yDigit = char.IsAsciiDigit(y[j]);
            if (xDigit && yDigit)
            {
                int xStart = i;
                int yStart = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                // Compare by value without parsing, so runs of any length work: strip leading zeros, the longer
                // number is larger, equal lengths compare digit by digit.
                var xNumber = x.AsSpan(xStart, i - xStart).TrimStart('0');
                var yNumber = y.AsSpan(yStart, j - yStart).TrimStart('0');
                if (xNumber.Length != yNumber.Length)
                {
                    return xNumber.Length < yNumber.Length ? -1 : 1;
                }

                int byDigits = xNumber.SequenceCompareTo(yNumber);
                if (byDigits != 0)
                {
                    return byDigits < 0 ? -1 : 1;
                }

                continue;
            }

            if (xDigit != yDigit)
            {
                // A digit run sits where '0' would; the other side is a non-digit, so never equal to '0'.
                char other = char.ToUpperInvariant(xDigit ? y[j] : x[i]);
                bool digitFirst = '0' < other;
                return xDigit == digitFirst ? -1 : 1;
            }

            char xc = char.ToUpperInvariant(x[i]);
            char yc = char.ToUpperInvariant(y[j]);
            if (xc != yc)
            {
                return xc < yc ? -1 : 1;
            }

            i++;
            j++;
        }

        bool xDone = i >= x.Length;
        bool yDone = j >= y.Length;
        if (xDone != yDone)
        {
            return xDone ? -1 : 1;
        }

        int ordinal = string.CompareOrdinal(x, y);
        return ordinal < 0 ? -1 : ordinal > 0 ? 1 : 0;
    }
}
