namespace Lifeline.Monitoring.Detection;

/// <summary>
/// Every parameter of the <see cref="TrendDetector"/>. The defaults suit a 60-second sensor poll: a fit needs at
/// least 8 samples over 8 minutes, looks at most 30 minutes back, and warns when the projected crossing is within
/// two hours (critical within 20 minutes).
/// </summary>
public sealed record DetectionOptions
{
    // --- history ---

    /// <summary>Samples kept per (node, sensor) for the trend sensors (fans, temperatures, power). Default 40 (≥ the fit window at the sample spacing).</summary>
    public int HistoryCapacity { get; init; } = 40;

    /// <summary>A poll closer than this to the last kept sample is not kept (bounds memory at fast poll rates). Default 45 s.</summary>
    public TimeSpan SampleSpacing { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>How far back a fit looks. Default 30 min.</summary>
    public TimeSpan FitWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A fit needs at least this many samples. Default 8.</summary>
    public int MinSamples { get; init; } = 8;

    /// <summary>…spanning at least this long. Default 8 min.</summary>
    public TimeSpan MinFitSpan { get; init; } = TimeSpan.FromMinutes(8);

    /// <summary>
    /// After a power transition (on/off, seen in the sensors or as an event) no samples are kept for this long, so no
    /// window spans the transition and the fans' full-speed POST phase is not mistaken for a trend. Default 5 min.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMinutes(5);

    // --- fit quality ---

    /// <summary>Least-squares fit quality (R²) a trend needs to be raised. Default 0.8.</summary>
    public double MinRSquared { get; init; } = 0.8;

    /// <summary>…and below which an active one clears (hysteresis). Default 0.5.</summary>
    public double ClearRSquared { get; init; } = 0.5;

    /// <summary>Warning when the projected crossing is within this. Default 2 h.</summary>
    public TimeSpan WarningHorizon { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Critical when the projected crossing is within this. Default 20 min.</summary>
    public TimeSpan CriticalHorizon { get; init; } = TimeSpan.FromMinutes(20);

    // --- fans ---

    /// <summary>The lower critical fan speed when the BMC reports no lower threshold. Default 1000 RPM.</summary>
    public double DefaultFanLowerCritical { get; init; } = 1000;

    /// <summary>A fan must fall at least this fast to count. Default 10 RPM/min.</summary>
    public double MinFanSlope { get; init; } = 10;

    /// <summary>A fan at or below this is stopped (the node is off when every fan is). Default 100 RPM.</summary>
    public double FanStoppedRpm { get; init; } = 100;

    // --- temperatures ---

    /// <summary>A temperature must rise at least this fast (°C per minute). Default 0.1.</summary>
    public double MinTemperatureSlope { get; init; } = 0.1;

    /// <summary>
    /// The node's power draw counts as flat (constant load) when its fitted change over the window and its spread stay
    /// within this fraction of its mean. Default 0.1.
    /// </summary>
    public double PowerFlatFraction { get; init; } = 0.1;

    /// <summary>The R² a temperature fit needs when the node has no power sensor (load unknown). Default 0.93.</summary>
    public double UnknownLoadRSquared { get; init; } = 0.93;

    /// <summary>Slope (°C per minute) that fires without a threshold to project to. Default 0.3.</summary>
    public double TemperatureSlopeWithoutThreshold { get; init; } = 0.3;

    // --- power ---

    /// <summary>A node drawing less than this (W) is off. Default 40 W.</summary>
    public double PowerOffWatts { get; init; } = 40;

    /// <summary>A node with at least this fraction of its sensors unavailable is off (main-power sensors stop reading). Default 0.3.</summary>
    public double OffUnavailableFraction { get; init; } = 0.3;

    // --- memory ---

    /// <summary>The counting window for correctable memory errors. Default 1 h.</summary>
    public TimeSpan MemoryWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Correctable errors per hour that fire regardless of trend. Default 10.</summary>
    public double MemoryRateLimit { get; init; } = 10;

    /// <summary>Errors the latest window needs before "increasing" counts. Default 3.</summary>
    public int MemoryMinEvents { get; init; } = 3;

    /// <summary>"Increasing" means each window has at least this many times the errors of the one before (Poisson noise of a steady rate is not a trend). Default 1.5.</summary>
    public double MemoryGrowthFactor { get; init; } = 1.5;

    /// <summary>Successive windows compared for "increasing". Default 3.</summary>
    public int MemoryWindows { get; init; } = 3;

    /// <summary>Error times kept per (node, subject). Default 128.</summary>
    public int MemoryEventCapacity { get; init; } = 128;

    // --- stale sensors ---

    /// <summary>A sensor whose value has not changed at all for at least this many polls may be stale… Default 10.</summary>
    public int StalePolls { get; init; } = 10;

    /// <summary>…when it normally changes in at least this fraction of polls (it has noise). Default 0.2.</summary>
    public double StaleMinChangeProbability { get; init; } = 0.2;

    /// <summary>
    /// …and a run that long would happen by chance with at most this probability, given how often it normally changes
    /// (discounted by a quarter, as that rate is an estimate): a coarsely quantised temperature needs a longer run than
    /// a noisy fan. Small, because a fleet checks some 10⁸ sensor polls a day. Default 1e-10 (about 22 polls for a fan
    /// that changes on nearly every poll).
    /// </summary>
    public double StaleChance { get; init; } = 1e-10;
}
