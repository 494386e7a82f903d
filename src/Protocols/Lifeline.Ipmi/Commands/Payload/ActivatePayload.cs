using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands.Payload;

/// <summary>What happens to serial/modem alerts while SOL shares the serial controller (Activate Payload aux byte 1 [3:2]).</summary>
public enum SharedSerialAlertBehavior : byte
{
    Fail = 0x00,
    Deferred = 0x01,
    Succeed = 0x02,
}

// IPMI v2.0 §24.1 Activate Payload (NetFn App 06h, cmd 48h)
//
// request:
//   0    [5:0] payload type (01h = SOL)
//   1    [3:0] payload instance (1-based)
//   2-5  auxiliary request data; for SOL:
//        byte 2: [7] activate encryption (if the session has it), [6] activate authentication,
//                [5] test mode (BMC does not send data to the serial port), [3:2] shared serial alert behavior,
//                [1] SOL startup handshake: 1 = CTS and DCD/DSR stay deasserted until the console asserts them
//        bytes 3-5: reserved (00h)
// response (after completion code):
//   0-3    auxiliary response data; for SOL: byte 0 [0] test mode enabled
//   4-5    inbound payload size: largest payload the BMC accepts (LSB first)
//   6-7    outbound payload size: largest payload the BMC sends (LSB first)
//   8-9    payload UDP port (LSB first; usually 623)
//   10-11  payload VLAN number (LSB first; FFFFh = no VLAN)       (optional here)
// completion codes: 80h payload already active on another session, 81h payload type disabled,
// 82h payload activation limit reached, 83h cannot activate with encryption, 84h cannot activate without encryption
public sealed class ActivatePayload(
    PayloadType payloadType,
    byte instance = 1,
    bool encrypt = true,
    bool authenticate = true,
    bool testMode = false,
    SharedSerialAlertBehavior serialAlerts = SharedSerialAlertBehavior.Deferred,
    bool holdHandshakeUntilConsoleAsserts = false) : IIpmiCommand<ActivatePayloadResponse>
{
    public const byte PayloadAlreadyActive = 0x80;
    public const byte PayloadTypeDisabled = 0x81;
    public const byte ActivationLimitReached = 0x82;
    public const byte CannotActivateWithEncryption = 0x83;
    public const byte CannotActivateWithoutEncryption = 0x84;

    public PayloadType PayloadType { get; } = payloadType;
    public byte Instance { get; } = (byte)(instance & 0x0F);
    public bool Encrypt { get; } = encrypt;
    public bool Authenticate { get; } = authenticate;
    public bool TestMode { get; } = testMode;
    public SharedSerialAlertBehavior SerialAlerts { get; } = serialAlerts;
    public bool HoldHandshakeUntilConsoleAsserts { get; } = holdHandshakeUntilConsoleAsserts;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x48;
    public string Name => "Activate Payload";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte((byte)((byte)PayloadType & 0x3F))
              .Byte(Instance)
              .Byte((byte)((Encrypt ? 0x80 : 0) | (Authenticate ? 0x40 : 0) | (TestMode ? 0x20 : 0)
                  | (((byte)SerialAlerts & 0x03) << 2) | (HoldHandshakeUntilConsoleAsserts ? 0x02 : 0)))
              .Byte(0).Byte(0).Byte(0);

    public ActivatePayloadResponse ReadResponse(ReadOnlySpan<byte> data) => ActivatePayloadResponse.Read(data);

    public static ActivatePayload Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        var type = (PayloadType)(r.ReadByte() & 0x3F);
        byte instance = (byte)(r.ReadByte() & 0x0F);
        byte aux = r.ReadByte();
        r.Skip(3);
        return new ActivatePayload(type, instance, (aux & 0x80) != 0, (aux & 0x40) != 0, (aux & 0x20) != 0,
            (SharedSerialAlertBehavior)((aux >> 2) & 0x03), (aux & 0x02) != 0);
    }

    public static string DescribeCompletionCode(CompletionCode code) => (byte)code switch
    {
        PayloadAlreadyActive => "Payload already active on another session",
        PayloadTypeDisabled => "Payload type is disabled",
        ActivationLimitReached => "Payload activation limit reached",
        CannotActivateWithEncryption => "Cannot activate payload with encryption",
        CannotActivateWithoutEncryption => "Cannot activate payload without encryption",
        _ => code.Describe(),
    };

    /// <summary>
    /// Turns the completion-code exception of Activate Payload into the stack's categories: 80h becomes
    /// <see cref="IpmiError.PayloadInUse"/>; other command-specific codes keep their category with the spec's wording.
    /// </summary>
    public static IpmiException MapError(IpmiException error)
    {
        if (error.CompletionCode is not { } code)
        {
            return error;
        }
        if ((byte)code == PayloadAlreadyActive)
        {
            return new IpmiException(IpmiError.PayloadInUse, "Activate Payload: BMC answered 80h (payload already active on another session)", error)
            {
                CompletionCode = code,
                MayHaveBeenDelivered = true,
            };
        }
        if ((byte)code is >= PayloadTypeDisabled and <= CannotActivateWithoutEncryption)
        {
            return new IpmiException(error.Error, $"Activate Payload: BMC answered {(byte)code:X2}h ({DescribeCompletionCode(code)})", error)
            {
                CompletionCode = code,
                MayHaveBeenDelivered = true,
            };
        }
        return error;
    }
}

public sealed record ActivatePayloadResponse(
    uint AuxiliaryData,
    ushort InboundPayloadSize,
    ushort OutboundPayloadSize,
    ushort PayloadPort,
    /// <summary>Null when the BMC uses no VLAN (FFFFh) or omits the field.</summary>
    ushort? Vlan)
{
    private const ushort NoVlan = 0xFFFF;

    /// <summary>SOL: auxiliary byte 0 bit 0.</summary>
    public bool TestModeEnabled => (AuxiliaryData & 0x01) != 0;

    // BMC quirk (OpenIPMI ipmi_sim 2.0.33): the outbound payload size reads 4000h (16384, bytes 6-7 = 00 40) — the
    // bytes look swapped. FreeIPMI needs -W solpayloadsize against it. Decoding stays literal; a SOL session should
    // cap sizes at what fits a datagram.
    public static ActivatePayloadResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        uint aux = r.ReadUInt32();
        ushort inbound = r.ReadUInt16();
        ushort outbound = r.ReadUInt16();
        ushort port = r.ReadUInt16();
        ushort? vlan = r.Remaining >= 2 ? r.ReadUInt16() : null;
        return new ActivatePayloadResponse(aux, inbound, outbound, port, vlan == NoVlan ? null : vlan);
    }

    public void Write(IpmiWriter w) =>
        w.UInt32(AuxiliaryData).UInt16(InboundPayloadSize).UInt16(OutboundPayloadSize).UInt16(PayloadPort).UInt16(Vlan ?? NoVlan);
}

// IPMI v2.0 §24.2 Deactivate Payload (NetFn App 06h, cmd 49h)
//
// request:
//   0    [5:0] payload type
//   1    [3:0] payload instance
//   2-5  payload auxiliary data (00000000h for SOL)
// response: completion code only; 80h payload already deactivated, 81h payload type disabled
public sealed class DeactivatePayload(PayloadType payloadType, byte instance = 1) : IIpmiCommand<EmptyResponse>
{
    public const byte PayloadAlreadyDeactivated = 0x80;

    public PayloadType PayloadType { get; } = payloadType;
    public byte Instance { get; } = (byte)(instance & 0x0F);

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x49;
    public string Name => "Deactivate Payload";

    public void WriteRequest(IpmiWriter writer) =>
        writer.Byte((byte)((byte)PayloadType & 0x3F)).Byte(Instance).UInt32(0);

    public EmptyResponse ReadResponse(ReadOnlySpan<byte> data) => EmptyResponse.Read(data);

    public static DeactivatePayload Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        var type = (PayloadType)(r.ReadByte() & 0x3F);
        byte instance = (byte)(r.ReadByte() & 0x0F);
        r.Skip(4);
        return new DeactivatePayload(type, instance);
    }
}

// IPMI v2.0 §24.4 Get Payload Activation Status (NetFn App 06h, cmd 4Ah)
//
// request:
//   0  [5:0] payload type
// response (after completion code):
//   0  [3:0] instance capacity: how many instances of this payload may be active at once
//   1  activation status of instances 1-8 ([0] = instance 1; 1 = active)
//   2  activation status of instances 9-16
public sealed class GetPayloadActivationStatus(PayloadType payloadType) : IIpmiCommand<PayloadActivationStatusResponse>
{
    public PayloadType PayloadType { get; } = payloadType;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x4A;
    public string Name => "Get Payload Activation Status";

    public void WriteRequest(IpmiWriter writer) => writer.Byte((byte)((byte)PayloadType & 0x3F));

    public PayloadActivationStatusResponse ReadResponse(ReadOnlySpan<byte> data) => PayloadActivationStatusResponse.Read(data);

    public static GetPayloadActivationStatus Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetPayloadActivationStatus((PayloadType)(r.ReadByte() & 0x3F));
    }
}

public sealed record PayloadActivationStatusResponse(byte InstanceCapacity, ushort ActiveInstances)
{
    /// <summary>True when the 1-based <paramref name="instance"/> is active.</summary>
    public bool IsActive(int instance) => instance is >= 1 and <= 16 && (ActiveInstances & (1 << (instance - 1))) != 0;

    public static PayloadActivationStatusResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        byte capacity = (byte)(r.ReadByte() & 0x0F);
        return new PayloadActivationStatusResponse(capacity, r.ReadUInt16());
    }

    public void Write(IpmiWriter w) => w.Byte((byte)(InstanceCapacity & 0x0F)).UInt16(ActiveInstances);
}

// IPMI v2.0 §24.5 Get Payload Instance Info (NetFn App 06h, cmd 4Bh)
//
// request:
//   0  [5:0] payload type
//   1  payload instance
// response (after completion code):
//   0-3   session id of the session the instance is active on (00000000h = not active)
//   4-11  payload-specific information; for SOL: byte 4 = the port number the instance is on, 5-11 reserved
public sealed class GetPayloadInstanceInfo(PayloadType payloadType, byte instance = 1) : IIpmiCommand<PayloadInstanceInfoResponse>
{
    public PayloadType PayloadType { get; } = payloadType;
    public byte Instance { get; } = instance;

    public NetFn NetFn => NetFn.App;
    public byte Command => 0x4B;
    public string Name => "Get Payload Instance Info";

    public void WriteRequest(IpmiWriter writer) => writer.Byte((byte)((byte)PayloadType & 0x3F)).Byte(Instance);

    public PayloadInstanceInfoResponse ReadResponse(ReadOnlySpan<byte> data) => PayloadInstanceInfoResponse.Read(data);

    public static GetPayloadInstanceInfo Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        return new GetPayloadInstanceInfo((PayloadType)(r.ReadByte() & 0x3F), r.ReadByte());
    }
}

public sealed record PayloadInstanceInfoResponse(uint SessionId, byte[] PayloadSpecific)
{
    public bool IsActive => SessionId != 0;

    /// <summary>SOL: the serial port the instance uses (first payload-specific byte).</summary>
    public byte SolPortNumber => PayloadSpecific.Length > 0 ? PayloadSpecific[0] : (byte)0;

    public static PayloadInstanceInfoResponse Read(ReadOnlySpan<byte> data)
    {
        var r = new IpmiReader(data);
        uint session = r.ReadUInt32();
        return new PayloadInstanceInfoResponse(session, r.ReadBytes(8).ToArray());
    }

    public void Write(IpmiWriter w)
    {
        Span<byte> info = stackalloc byte[8];
        PayloadSpecific.AsSpan(0, Math.Min(8, PayloadSpecific.Length)).CopyTo(info);
        w.UInt32(SessionId).Bytes(info);
    }
}

/// <summary>Payload commands with their command-specific completion codes turned into error categories.</summary>
public static class PayloadChannelExtensions
{
    /// <summary>Activate Payload; a payload already active elsewhere (80h) throws <see cref="IpmiError.PayloadInUse"/>.</summary>
    public static async Task<ActivatePayloadResponse> ActivatePayloadAsync(this IIpmiChannel channel, ActivatePayload command, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (IpmiException e) when (e.Error == IpmiError.CompletionCode)
        {
            throw ActivatePayload.MapError(e);
        }
    }

    /// <summary>Deactivate Payload; returns false when the payload was not active (80h), true when it was deactivated.</summary>
    public static async Task<bool> DeactivatePayloadAsync(this IIpmiChannel channel, DeactivatePayload command, CancellationToken cancellationToken)
    {
        var writer = new IpmiWriter();
        command.WriteRequest(writer);
        var response = await channel.SendAsync(new IpmiRequest(command.NetFn, command.Command, writer.ToArray()), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return true;
        }
        if ((byte)response.Code == DeactivatePayload.PayloadAlreadyDeactivated)
        {
            return false;
        }
        throw new IpmiException(response.Code, command.NetFn, command.Command, command.Name);
    }
}
