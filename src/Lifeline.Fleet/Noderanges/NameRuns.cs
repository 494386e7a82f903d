using System.Globalization;

namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// A name cut into maximal runs of ASCII digits and of other characters: <c>r3u07</c> is <c>r</c>, <c>3</c>,
/// <c>u</c>, <c>07</c>. Ranges vary the digit runs; the folder groups names whose other runs are equal.
/// </summary>
internal static class NameRuns
{
    /// <summary>The longest digit run a range may count over (fits a <see cref="long"/>).</summary>
    public const int MaxNumberDigits = 18;

    public static List<(int Start, int Length, bool Digits)> Split(string text)
    {
        var runs = new List<(int Start, int Length, bool Digits)>();
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            bool digits = char.IsAsciiDigit(text[i]);
            while (i < text.Length && char.IsAsciiDigit(text[i]) == digits)
            {
                i++;
            }

            runs.Add((start, i - start, digits));
        }

        return runs;
    }

    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a run of ASCII digits of at most <see cref="MaxNumberDigits"/> digits.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (!IsDigits(digits) || digits.TrimStart('0').Length > MaxNumberDigits)
        {
            return false;
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The number zero-padded to at least <paramref name="width"/> digits, as a range writes it.</summary>
    public static string Format(long value, int width) =>
        value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    /// <summary>Whether a digit run carries padding (<c>07</c>, not <c>7</c> or <c>0</c>).</summary>
    public static bool IsPadded(ReadOnlySpan<char> digits) => digits.Length > 1 && digits[0] == '0';
}
