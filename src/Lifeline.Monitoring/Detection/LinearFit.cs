namespace Lifeline.Monitoring.Detection;

/// <summary>An ordinary least-squares line through (x, y) points: y = Intercept + Slope·x, with R².</summary>
public readonly record struct LinearFit(double Slope, double Intercept, double RSquared, int Count)
{
    /// <summary>Fits the points; null with fewer than two points or all x equal.</summary>
    public static LinearFit? Of(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = Math.Min(x.Length, y.Length);
        if (n < 2)
        {
            return null;
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx <= 0)
        {
            return null;
        }
        double slope = sxy / sxx;
        // A perfectly flat series explains nothing: R² 0, not NaN.
        double r2 = syy <= 0 ? 0 : sxy * sxy / (sxx * syy);
        return new LinearFit(slope, my - slope * mx, r2, n);
    }

    public double At(double x) => Intercept + Slope * x;
}
