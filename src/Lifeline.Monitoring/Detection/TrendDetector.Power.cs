using Lifeline.Drivers;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

// Power state and transitions: a window must never span a power-on or power-off (fans jump to full speed at power-on,
// temperatures fall at power-off), so a transition clears every window and starts a settle period.
public sealed partial class TrendDetector
{
    private void UpdatePower(NodeTrendState state, SensorSnapshot snapshot)
    {
        var power = PowerOf(snapshot);
        if (state.Power != NodePowerState.Unknown && power != NodePowerState.Unknown && power != state.Power)
        {
            Transition(state, snapshot.Time);
        }
        if (power != NodePowerState.Unknown)
        {
            state.Power = power;
        }
    }

    private void Transition(NodeTrendState state, DateTimeOffset at)
    {
        var until = at + Options.SettleTime;
        if (until > state.SettleUntil)
        {
            state.SettleUntil = until;
        }
        foreach (var track in state.Sensors.Values)
        {
            track.Window?.Clear();
        }
    }

    /// <summary>
    /// On or off: by the power draw when there is a Watts sensor with a reading; else off when every fan has stopped
    /// (or stopped reading) or when many sensors stopped reading at once (main-power sensors are not scanned while off).
    /// </summary>
    private NodePowerState PowerOf(SensorSnapshot snapshot)
    {
        int total = 0, unavailable = 0, fans = 0, fansStopped = 0;
        foreach (var s in snapshot.Sensors)
        {
            if (IsPowerSensor(s) && s.Value is double watts)
            {
                return watts < Options.PowerOffWatts ? NodePowerState.Off : NodePowerState.On;
            }
            total++;
            if (s.Status == SensorStatus.Unavailable)
            {
                unavailable++;
            }
            if (IsFanType(s.Type))
            {
                fans++;
                if (s.Value is not double rpm || rpm <= Options.FanStoppedRpm)
                {
                    fansStopped++;
                }
            }
        }
        if (total == 0)
        {
            return NodePowerState.Unknown;
        }
        if ((fans > 0 && fansStopped == fans) || unavailable >= Options.OffUnavailableFraction * total)
        {
            return NodePowerState.Off;
        }
        return NodePowerState.On;
    }

    /// <summary>The node's power draw over the fit window: flat (constant load), changed, or unknown (no power sensor or too few samples).</summary>
    private WindowFit? PowerFit(NodeTrendState state, DateTimeOffset now)
    {
        foreach (var track in state.Sensors.Values)
        {
            if (track.Window is { } window && track.Unit is { } unit
                && (unit.Equals("Watts", StringComparison.OrdinalIgnoreCase) || unit.Equals("W", StringComparison.Ordinal))
                && !IsFanType(track.Type) && !IsTemperatureType(track.Type))
            {
                return WindowFit.Of(window, now - Options.FitWindow, 3, TimeSpan.Zero);
            }
        }
        return null;
    }

    private bool IsFlat(WindowFit power)
    {
        double allowed = Options.PowerFlatFraction * Math.Abs(power.Mean);
        double thirds = Math.Max(power.FirstThird, Math.Max(power.MiddleThird, power.LastThird))
            - Math.Min(power.FirstThird, Math.Min(power.MiddleThird, power.LastThird));
        return Math.Abs(power.Change) <= allowed && thirds <= allowed;
    }
}
