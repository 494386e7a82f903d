namespace Lifeline.Ipmi.Commands.Storage;

/// <summary>
/// IPMI timestamps (IPMI v2.0 §37): seconds since 1970-01-01 UTC, LSB first on the wire. FFFFFFFFh means
/// unspecified; 00000000h-20000000h count seconds since the BMC initialised (no absolute time yet).
/// </summary>
public static class IpmiTimestamp
{
    public const uint Unspecified = 0xFFFFFFFF;
    public const uint InitializationLimit = 0x20000000;

    public static bool IsRelativeToInitialization(uint value) => value <= InitializationLimit;

    /// <summary>The absolute time, or null for unspecified and relative-to-initialisation values.</summary>
    public static DateTimeOffset? ToDateTimeOffset(uint value) =>
        value == Unspecified || IsRelativeToInitialization(value) ? null : DateTimeOffset.FromUnixTimeSeconds(value);

    public static uint FromDateTimeOffset(DateTimeOffset time)
    {
        long seconds = time.ToUnixTimeSeconds();
        if (seconds is <= InitializationLimit or >= Unspecified)
        {
            throw new IpmiException(IpmiError.InvalidRequest, $"{time:O} cannot be an absolute IPMI timestamp");
        }
        return (uint)seconds;
    }
}
