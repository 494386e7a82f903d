namespace Lifeline.Monitoring.Detection;

/// <summary>
/// A least-squares line through a window's samples (x in minutes), with the means of its first, middle and last
/// thirds: a steady trend moves through all three, a step (load change, fan spin-up) does not.
/// </summary>
internal readonly record struct WindowFit(LinearFit Line, int Samples, double SpanMinutes, double FirstThird, double MiddleThird,
    double LastThird, double Fitted, double Last, double Mean)
{
    public double Slope => Line.Slope;

    /// <summary>The fitted change over the whole window.</summary>
    public double Change => Line.Slope * SpanMinutes;

    /// <summary>True when each third moved in the slope's direction by at least <paramref name="fraction"/> of what the line predicts.</summary>
    public bool Steady(double fraction)
    {
        double step = Math.Abs(Change) / 3 * fraction;
        return Slope < 0
            ? FirstThird - MiddleThird >= step && MiddleThird - LastThird >= step
            : MiddleThird - FirstThird >= step && LastThird - MiddleThird >= step;
    }

    public static WindowFit? Of(SensorHistoryWindow window, DateTimeOffset from, int minSamples, TimeSpan minSpan)
    {
        int capacity = window.Capacity;
        Span<double> x = capacity <= 256 ? stackalloc double[capacity] : new double[capacity];
        Span<double> y = capacity <= 256 ? stackalloc double[capacity] : new double[capacity];
        int n = window.CopySince(from, x, y);
        if (n < Math.Max(3, minSamples))
        {
            return null;
        }
        double span = x[n - 1] - x[0];
        if (span < minSpan.TotalMinutes || LinearFit.Of(x[..n], y[..n]) is not { } line)
        {
            return null;
        }
        int a = n / 3, b = 2 * n / 3;
        return new WindowFit(line, n, span, Average(y[..a]), Average(y[a..b]), Average(y[b..n]), line.At(x[n - 1]), y[n - 1], Average(y[..n]));
    }

    private static double Average(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }
        return values.Length == 0 ? double.NaN : sum / values.Length;
    }
}
