namespace Lifeline.Ipmi.Commands.App;

/// <summary>Privilege levels as the 4-bit values of requests and responses (IPMI v2.0 §6.8 Channel Privilege Levels).</summary>
public enum PrivilegeLevel : byte
{
    Callback = 0x01,
    User = 0x02,
    Operator = 0x03,
    Administrator = 0x04,
    Oem = 0x05,
    /// <summary>Get/Set User Access only: the user has no access on the channel.</summary>
    NoAccess = 0x0F,
}
