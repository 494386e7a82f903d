namespace Lifeline.Simulator.Model;

/// <summary>How long the simulated hardware takes. Defaults are close to a real rack server's; tests shorten them.</summary>
public sealed record PowerTimings
{
    public static PowerTimings Default { get; } = new();

    /// <summary>Power Up: main power comes on this long after the command.</summary>
    public TimeSpan PowerOnDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Power Cycle: main power is off this long, then on (§28.3 asks for at least 1 s).</summary>
    public TimeSpan PowerCycleOffInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Soft Shutdown: the OS takes this long to shut down before main power goes off.</summary>
    public TimeSpan SoftOffDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>BMC reboot (cold reset, AC loss): the BMC answers nothing for this long.</summary>
    public TimeSpan BmcRebootDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>IPMI v2.0 §28.12: a once-only boot flag not followed by a chassis control command within 60 s is
    /// cleared by the BMC (unless boot option parameter 3 bit 4 says not to).</summary>
    public TimeSpan BootFlagsValidTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>IPMI v2.0 §28.5: Chassis Identify without an interval byte lights the LED for 15 s.</summary>
    public TimeSpan DefaultIdentifyInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Clear SEL: "erasure in progress" lasts this long; zero completes at once.</summary>
    public TimeSpan SelEraseDuration { get; init; } = TimeSpan.FromSeconds(1);
}
