namespace Lifeline.Ipmi.Commands.Payload;

/// <summary>Payload types (IPMI v2.0 §13.27.3, Table 13-16) as used by the payload commands (§24).</summary>
public enum PayloadType : byte
{
    Ipmi = 0x00,
    Sol = 0x01,
    OemExplicit = 0x02,
}
