namespace Lifeline.Simulator.Model;

/// <summary>
/// Which vendor a simulated BMC resembles. The names describe simulated behaviour patterns ("Dell-ish"), not
/// claims about a particular firmware: faces consult <see cref="VendorProfile.Quirks"/> to vary their answers.
/// </summary>
public enum VendorPersonality
{
    Generic,
    DellLike,
    HpeLike,
    SupermicroLike,
}

/// <summary>Behaviours a face may switch on per personality. Each one is something real BMCs are known to vary on.</summary>
[Flags]
public enum VendorQuirks
{
    None = 0,

    /// <summary>After Clear SEL the BMC logs one "Event Logging Disabled: log area reset/cleared" entry, so a
    /// freshly cleared SEL is not empty. Consumers must not assume zero entries after a clear.</summary>
    LogsSelClearedEntry = 1 << 0,

    /// <summary>Get Chassis Status omits the optional front panel byte (IPMI v2.0 §28.2 byte 5); decoders must
    /// treat it as absent, not as "no buttons".</summary>
    OmitsFrontPanelByte = 1 << 1,

    /// <summary>Older firmware without cipher suite 17 (HMAC-SHA256): only suites 1-3 are offered.</summary>
    NoCipherSuite17 = 1 << 2,
}

/// <summary>Immutable per-personality identity data, shared by every node of that personality.</summary>
public sealed record VendorProfile(
    VendorPersonality Personality,
    string Manufacturer,
    uint ManufacturerId,
    ushort ProductId,
    string ProductName,
    string BoardName,
    string BiosVersion,
    byte FirmwareMajor,
    byte FirmwareMinor,
    VendorQuirks Quirks)
{
    // IANA Private Enterprise Numbers: 674 Dell, 11 Hewlett-Packard, 10876 Super Micro Computer.
    // 32473 is the PEN reserved for documentation (RFC 5612): the generic simulator is nobody's product.
    public static VendorProfile Generic { get; } = new(
        VendorPersonality.Generic, "Lifeline Simulated Systems", 32473, 0x0001, "Lifeline SimServer 1U", "SIM-MB-1",
        "1.4.2", 1, 42, VendorQuirks.None);

    public static VendorProfile DellLike { get; } = new(
        VendorPersonality.DellLike, "Dell Inc.", 674, 0x0100, "PowerEdge R650 (simulated)", "0XY123",
        "1.13.2", 6, 10, VendorQuirks.LogsSelClearedEntry);

    public static VendorProfile HpeLike { get; } = new(
        VendorPersonality.HpeLike, "HPE", 11, 0x2000, "ProLiant DL360 Gen10 (simulated)", "ProLiant System Board",
        "U32 2.90", 2, 82, VendorQuirks.OmitsFrontPanelByte | VendorQuirks.NoCipherSuite17);

    public static VendorProfile SupermicroLike { get; } = new(
        VendorPersonality.SupermicroLike, "Supermicro", 10876, 0x1B5E, "SYS-1029P-WTR (simulated)", "X11DDW-L",
        "3.4", 1, 73, VendorQuirks.LogsSelClearedEntry);

    public static VendorProfile For(VendorPersonality personality) => personality switch
    {
        VendorPersonality.DellLike => DellLike,
        VendorPersonality.HpeLike => HpeLike,
        VendorPersonality.SupermicroLike => SupermicroLike,
        _ => Generic,
    };
}
