using Lifeline.Drivers;

namespace Lifeline.Monitoring.Detection;

/// <summary>
/// What the detector keeps per (node, sensor): the history window (trend sensors only) and the few numbers the stale
/// check needs — the last value, how long it has not changed, and how often it usually changes.
/// </summary>
internal sealed class SensorTrack(string type, string? unit, SensorHistoryWindow? window)
{
    public string Type { get; } = type;
    public string? Unit { get; } = unit;
    public SensorHistoryWindow? Window { get; } = window;
    public Drivers.SensorThresholdValues? Thresholds { get; set; }

    public bool HadValue { get; private set; }
    public float LastValue { get; private set; }
    public SensorStatus LastStatus { get; private set; }
    /// <summary>Polls in a row with exactly the same value.</summary>
    public int Unchanged { get; private set; }
    /// <summary>Estimated probability that a poll changes the value (moving average), frozen while it is unchanged.</summary>
    public float ChangeProbability { get; private set; }
    public int Polls { get; private set; }

    /// <summary>Records one poll's reading for the stale check.</summary>
    public void Update(double? value, SensorStatus status)
    {
        LastStatus = status;
        if (value is not double v)
        {
            return;
        }
        float f = (float)v;
        if (HadValue)
        {
            Polls = Math.Min(Polls + 1, ushort.MaxValue);
            if (f == LastValue)
            {
                Unchanged = Math.Min(Unchanged + 1, ushort.MaxValue);
            }
            else
            {
                // The estimate learns from the whole run that just ended (its unchanged polls and this change).
                for (int i = 0; i < Unchanged; i++)
                {
                    ChangeProbability *= 0.95f;
                }
                ChangeProbability = (ChangeProbability * 0.95f) + 0.05f;
                Unchanged = 0;
            }
        }
        LastValue = f;
        HadValue = true;
    }
}
