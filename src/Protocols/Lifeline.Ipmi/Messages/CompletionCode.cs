namespace Lifeline.Ipmi.Messages;

/// <summary>Completion codes (IPMI v2.0 §5.2, Table 5-2).</summary>
public enum CompletionCode : byte
{
    Success = 0x00,
    NodeBusy = 0xC0,
    InvalidCommand = 0xC1,
    InvalidCommandForLun = 0xC2,
    Timeout = 0xC3,
    OutOfSpace = 0xC4,
    ReservationCanceled = 0xC5,
    RequestDataTruncated = 0xC6,
    RequestDataLengthInvalid = 0xC7,
    RequestDataFieldLengthLimitExceeded = 0xC8,
    ParameterOutOfRange = 0xC9,
    CannotReturnRequestedBytes = 0xCA,
    RequestedDataNotPresent = 0xCB,
    InvalidDataField = 0xCC,
    CommandIllegalForSensorOrRecord = 0xCD,
    ResponseCouldNotBeProvided = 0xCE,
    DuplicatedRequest = 0xCF,
    SdrInUpdateMode = 0xD0,
    FirmwareInUpdateMode = 0xD1,
    BmcInitializing = 0xD2,
    DestinationUnavailable = 0xD3,
    InsufficientPrivilege = 0xD4,
    NotSupportedInPresentState = 0xD5,
    SubFunctionDisabled = 0xD6,
    Unspecified = 0xFF,
}

public static class CompletionCodeText
{
    /// <summary>The spec's wording for a completion code (IPMI v2.0 Table 5-2); command-specific codes (80h-BEh) are named by the caller.</summary>
    public static string Describe(this CompletionCode code) => code switch
    {
        CompletionCode.Success => "Command completed normally",
        CompletionCode.NodeBusy => "Node busy",
        CompletionCode.InvalidCommand => "Invalid command",
        CompletionCode.InvalidCommandForLun => "Command invalid for given LUN",
        CompletionCode.Timeout => "Timeout while processing command",
        CompletionCode.OutOfSpace => "Out of space",
        CompletionCode.ReservationCanceled => "Reservation canceled or invalid reservation ID",
        CompletionCode.RequestDataTruncated => "Request data truncated",
        CompletionCode.RequestDataLengthInvalid => "Request data length invalid",
        CompletionCode.RequestDataFieldLengthLimitExceeded => "Request data field length limit exceeded",
        CompletionCode.ParameterOutOfRange => "Parameter out of range",
        CompletionCode.CannotReturnRequestedBytes => "Cannot return number of requested data bytes",
        CompletionCode.RequestedDataNotPresent => "Requested sensor, data, or record not present",
        CompletionCode.InvalidDataField => "Invalid data field in request",
        CompletionCode.CommandIllegalForSensorOrRecord => "Command illegal for specified sensor or record type",
        CompletionCode.ResponseCouldNotBeProvided => "Command response could not be provided",
        CompletionCode.DuplicatedRequest => "Cannot execute duplicated request",
        CompletionCode.SdrInUpdateMode => "SDR repository in update mode",
        CompletionCode.FirmwareInUpdateMode => "Device in firmware update mode",
        CompletionCode.BmcInitializing => "BMC initialization in progress",
        CompletionCode.DestinationUnavailable => "Destination unavailable",
        CompletionCode.InsufficientPrivilege => "Insufficient privilege level",
        CompletionCode.NotSupportedInPresentState => "Command not supported in present state",
        CompletionCode.SubFunctionDisabled => "Command sub-function disabled or unavailable",
        CompletionCode.Unspecified => "Unspecified error",
        _ when (byte)code is >= 0x01 and <= 0x7E => "Device-specific (OEM) completion code",
        _ when (byte)code is >= 0x80 and <= 0xBE => "Command-specific completion code",
        _ => "Reserved completion code",
    };
}
