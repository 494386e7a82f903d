namespace Lifeline.Ipmi.Messages;

/// <summary>
/// Network function codes (IPMI v2.0 §5.1, Table 5-1). Values are the even (request) codes;
/// the response network function is the request code + 1.
/// </summary>
public enum NetFn : byte
{
    Chassis = 0x00,
    Bridge = 0x02,
    SensorEvent = 0x04,
    App = 0x06,
    Firmware = 0x08,
    Storage = 0x0A,
    Transport = 0x0C,
    /// <summary>Group extension (DCMI uses group 0xDC as first data byte). §5.1.</summary>
    GroupExtension = 0x2C,
    OemGroup = 0x2E,
}
