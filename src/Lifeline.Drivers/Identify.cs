namespace Lifeline.Drivers;

/// <summary>How <c>identify</c> drives the chassis identify light (IPMI v2.0 §28.5 Chassis Identify).</summary>
public enum IdentifyMode
{
    /// <summary>Light it for the BMC's default interval (15 s): no request data.</summary>
    Default,
    /// <summary>Light it for <see cref="IdentifyRequest.Seconds"/> (1-255) seconds.</summary>
    Seconds,
    /// <summary>Light it until turned off (force identify on, data 2 bit 0).</summary>
    Force,
    /// <summary>Turn it off (interval 0).</summary>
    Off,
}

/// <summary>The identify request.</summary>
public sealed record IdentifyRequest(IdentifyMode Mode, int Seconds = 0);

/// <summary>
/// The outcome of an action that returns nothing but success (<c>sel clear</c>, <c>bmc reset</c>, <c>identify</c>).
/// </summary>
/// <param name="Summary">A short past-tense statement for people: "SEL cleared", "identify on for 30 s".</param>
public sealed record ActionResult(string Summary);
