namespace Lifeline.Ipmi.Sessions;

/// <summary>Session header authentication type / format (IPMI v2.0 §13.6, Table 13-8 byte 0).</summary>
public enum AuthType : byte
{
    None = 0x00,
    Md2 = 0x01,
    Md5 = 0x02,
    StraightPassword = 0x04,
    Oem = 0x05,
    /// <summary>Format = RMCP+ (IPMI v2.0).</summary>
    RmcpPlus = 0x06,
}

/// <summary>Payload types (IPMI v2.0 §13.27.3, Table 13-16).</summary>
public enum PayloadType : byte
{
    Ipmi = 0x00,
    Sol = 0x01,
    OemExplicit = 0x02,
    OpenSessionRequest = 0x10,
    OpenSessionResponse = 0x11,
    Rakp1 = 0x12,
    Rakp2 = 0x13,
    Rakp3 = 0x14,
    Rakp4 = 0x15,
}

/// <summary>Privilege levels (IPMI v2.0 §6.8); the numeric values are the wire values (also in §22.13, §22.18, §22.27).</summary>
public enum PrivilegeLevel : byte
{
    /// <summary>In Open Session Request: "highest level matching the proposed algorithms".</summary>
    Highest = 0x00,
    Callback = 0x01,
    User = 0x02,
    Operator = 0x03,
    Administrator = 0x04,
    Oem = 0x05,
    /// <summary>In user access responses (§22.27): no access on this channel.</summary>
    NoAccess = 0x0F,
}

/// <summary>Authentication algorithms for RAKP (IPMI v2.0 §13.28, Table 13-17).</summary>
public enum AuthenticationAlgorithm : byte
{
    RakpNone = 0x00,
    RakpHmacSha1 = 0x01,
    RakpHmacMd5 = 0x02,
    RakpHmacSha256 = 0x03,
}

/// <summary>Integrity algorithms (IPMI v2.0 §13.28.4, Table 13-18).</summary>
public enum IntegrityAlgorithm : byte
{
    None = 0x00,
    HmacSha1_96 = 0x01,
    HmacMd5_128 = 0x02,
    Md5_128 = 0x03,
    HmacSha256_128 = 0x04,
}

/// <summary>Confidentiality algorithms (IPMI v2.0 §13.28.5, Table 13-19).</summary>
public enum ConfidentialityAlgorithm : byte
{
    None = 0x00,
    AesCbc128 = 0x01,
    XRc4_128 = 0x02,
    XRc4_40 = 0x03,
}

/// <summary>RMCP+ and RAKP message status codes (IPMI v2.0 §13.24, Table 13-15).</summary>
public enum RakpStatus : byte
{
    NoErrors = 0x00,
    InsufficientResources = 0x01,
    InvalidSessionId = 0x02,
    InvalidPayloadType = 0x03,
    InvalidAuthenticationAlgorithm = 0x04,
    InvalidIntegrityAlgorithm = 0x05,
    NoMatchingAuthenticationPayload = 0x06,
    NoMatchingIntegrityPayload = 0x07,
    InactiveSessionId = 0x08,
    InvalidRole = 0x09,
    UnauthorizedRoleOrPrivilege = 0x0A,
    InsufficientResourcesForRole = 0x0B,
    InvalidNameLength = 0x0C,
    UnauthorizedName = 0x0D,
    UnauthorizedGuid = 0x0E,
    InvalidIntegrityCheckValue = 0x0F,
    InvalidConfidentialityAlgorithm = 0x10,
    NoCipherSuiteMatch = 0x11,
    IllegalParameter = 0x12,
}
