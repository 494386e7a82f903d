using System.Text;
using Lifeline.Cli.Fleet;

namespace Lifeline.Cli.Commands.Monitoring;

/// <summary>
/// A sensor series as one terminal line: a block sparkline (▁▂▃▄▅▆▇█) of the averages scaled between the line's own
/// lowest and highest value, a gap (a failed poll) as <c>·</c>, and the series' min/avg/max.
/// </summary>
public static class Sparkline
{
    /// <summary>The gap mark: nothing was measured there.</summary>
    public const char Gap = '·';

    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// The sparkline of <paramref name="points"/>, at most <paramref name="width"/> characters: with more points
    /// than that, neighbouring points share a character (their count-weighted average; a gap only when all are).
    /// A flat series is a row of middle blocks.
    /// </summary>
    public static string Render(IReadOnlyList<SeriesPointItem> points, int width)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var buckets = Bucket(points, width);
        var values = buckets.OfType<double>().ToList();
        if (values.Count == 0)
        {
            return new string(Gap, buckets.Count);
        }

        double low = values.Min();
        double high = values.Max();
        var line = new StringBuilder(buckets.Count);
        foreach (double? value in buckets)
        {
            if (value is not { } v)
            {
                line.Append(Gap);
            }
            else if (high - low <= Math.Abs(high) * 1e-12)
            {
                line.Append(Blocks[Blocks.Length / 2 - 1]);
            }
            else
            {
                int index = (int)Math.Round((v - low) / (high - low) * (Blocks.Length - 1), MidpointRounding.AwayFromZero);
                line.Append(Blocks[Math.Clamp(index, 0, Blocks.Length - 1)]);
            }
        }

        return line.ToString();
    }

    /// <summary>The series' lowest min, count-weighted average and highest max; null when every point is a gap.</summary>
    public static (double Min, double Avg, double Max)? Summary(IReadOnlyList<SeriesPointItem> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var measured = points.Where(p => p.Count > 0 && p.Avg is not null).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        double weight = measured.Sum(p => (double)p.Count);
        double avg = measured.Sum(p => p.Avg!.Value * p.Count) / weight;
        double min = measured.Min(p => p.Min ?? p.Avg!.Value);
        double max = measured.Max(p => p.Max ?? p.Avg!.Value);
        return (min, avg, max);
    }

    /// <summary>How many points are gaps.</summary>
    public static int Gaps(IReadOnlyList<SeriesPointItem> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Count(IsGap);
    }

    private static bool IsGap(SeriesPointItem point) => point.Count == 0 || point.Avg is null;

    private static List<double?> Bucket(IReadOnlyList<SeriesPointItem> points, int width)
    {
        int count = Math.Min(points.Count, width);
        var buckets = new List<double?>(count);
        for (int b = 0; b < count; b++)
        {
            int from = (int)((long)b * points.Count / count);
            int to = (int)((long)(b + 1) * points.Count / count);
            double sum = 0;
            double weight = 0;
            for (int i = from; i < to; i++)
            {
                if (!IsGap(points[i]))
                {
                    sum += points[i].Avg!.Value * points[i].Count;
                    weight += points[i].Count;
                }
            }

            buckets.Add(weight > 0 ? sum / weight : null);
        }

        return buckets;
    }
}
