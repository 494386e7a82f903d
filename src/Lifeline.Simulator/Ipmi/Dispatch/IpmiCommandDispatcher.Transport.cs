using System.Net;
using Lifeline.Ipmi.Commands.Transport;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Model;
using IpmiAddressSource = Lifeline.Ipmi.Commands.Transport.IpAddressSource;
using ModelAddressSource = Lifeline.Simulator.Model.IpAddressSource;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// Transport (NetFn 0Ch): LAN configuration (§23) from the model's LanConfiguration, SOL configuration (§26).
public sealed partial class IpmiCommandDispatcher
{
    private const byte ParameterNotSupported = 0x80;
    private const byte SetInProgressConflict = 0x81;
    private const byte ReadOnlyParameter = 0x82;

    private bool _lanSetInProgress;

    private static IEnumerable<Command> TransportCommands() =>
    [
        new(NetFn.Transport, 0x01, "Set LAN Configuration Parameters", 2, 34, static (d, _, data) => d.SetLanConfiguration(data)),
        new(NetFn.Transport, 0x02, "Get LAN Configuration Parameters", 4, 4, static (d, _, data) => d.GetLanConfiguration(data)),
        new(NetFn.Transport, 0x21, "Set SOL Configuration Parameters", 2, 18, static (d, _, data) => d.SetSolConfiguration(data)),
        new(NetFn.Transport, 0x22, "Get SOL Configuration Parameters", 4, 4, static (d, _, data) => d.GetSolConfiguration(data)),
    ];

    // §23.2 Get LAN Configuration Parameters: what `ipmitool lan print` and `bmc-config` read; 80h for the rest.
    private IpmiResponse GetLanConfiguration(ReadOnlySpan<byte> data)
    {
        var request = GetLanConfigurationParameters.Read(data);
        if (!IsOurChannel(request.Channel))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        var value = LanParameterValue(request.Parameter);
        if (value is null)
        {
            return Fail(ParameterNotSupported);
        }
        return Ok(new LanConfigurationResponse(LanConfigurationResponse.CurrentRevision, request.RevisionOnly ? [] : value).Write);
    }

    private byte[]? LanParameterValue(LanParameter parameter)
    {
        var lan = _model.Lan;
        var suites = _model.Faults.CipherSuites;
        return parameter switch
        {
            LanParameter.SetInProgress => [(byte)(_lanSetInProgress ? 1 : 0)],
            // RMCP+ only: no IPMI v1.5 authentication types are supported or enabled
            LanParameter.AuthenticationTypeSupport => [0x00],
            LanParameter.AuthenticationTypeEnables => [0x00, 0x00, 0x00, 0x00, 0x00],
            LanParameter.IpAddress => LanParameterData.Ipv4(lan.Address),
            LanParameter.IpAddressSource => [(byte)lan.Source],
            LanParameter.MacAddress => LanParameterData.Mac(lan.MacAddress),
            LanParameter.SubnetMask => LanParameterData.Ipv4(lan.SubnetMask),
            // TTL 64, "don't fragment", precedence 0 / TOS "minimize delay" (the spec's defaults)
            LanParameter.Ipv4HeaderParameters => [0x40, 0x40, 0x10],
            LanParameter.PrimaryRmcpPort => [(byte)Port, (byte)(Port >> 8)],
            LanParameter.BmcGeneratedArpControl => [0x00],
            LanParameter.GratuitousArpInterval => [0x04],
            LanParameter.DefaultGatewayAddress => LanParameterData.Ipv4(lan.DefaultGateway),
            LanParameter.DefaultGatewayMacAddress => new byte[6],
            LanParameter.BackupGatewayAddress => LanParameterData.Ipv4(IPAddress.Any),
            LanParameter.BackupGatewayMacAddress => new byte[6],
            LanParameter.CommunityString => CommunityString(),
            LanParameter.NumberOfDestinations => [0x00],
            LanParameter.VlanId => new LanVlan(lan.VlanEnabled, lan.VlanId).ToArray(),
            LanParameter.VlanPriority => [0x00],
            LanParameter.CipherSuiteEntrySupport => [(byte)Math.Min(suites.Length, 16)],
            LanParameter.CipherSuiteEntries => [0x00, .. suites.Take(16)],
            LanParameter.CipherSuitePrivilegeLevels => CipherSuitePrivileges(Math.Min(suites.Length, 16)),
            _ => null,
        };
    }

    private static byte[] CommunityString()
    {
        var value = new byte[18];
        "public"u8.CopyTo(value);
        return value;
    }

    // Parameter 24: byte 1 reserved, then one nibble per cipher suite entry (low nibble first): the highest
    // privilege a session with that suite may have. Administrator for every listed suite.
    private static byte[] CipherSuitePrivileges(int entries)
    {
        var value = new byte[9];
        for (int i = 0; i < entries; i++)
        {
            value[1 + i / 2] |= (byte)((byte)Lifeline.Ipmi.Sessions.PrivilegeLevel.Administrator << (i % 2 * 4));
        }
        return value;
    }

    // §23.1 Set LAN Configuration Parameters: set in progress, IP address, source, mask, gateway, VLAN.
    private IpmiResponse SetLanConfiguration(ReadOnlySpan<byte> data)
    {
        var request = SetLanConfigurationParameters.Read(data);
        if (!IsOurChannel(request.Channel))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        var value = request.Data;
        int length = request.Parameter switch
        {
            LanParameter.SetInProgress or LanParameter.IpAddressSource => 1,
            LanParameter.IpAddress or LanParameter.SubnetMask or LanParameter.DefaultGatewayAddress => 4,
            LanParameter.VlanId => 2,
            LanParameter.AuthenticationTypeSupport or LanParameter.CipherSuiteEntrySupport or LanParameter.CipherSuiteEntries => 0,
            _ => -1,
        };
        if (length < 0)
        {
            return Fail(ParameterNotSupported);
        }
        if (length == 0)
        {
            return Fail(ReadOnlyParameter);
        }
        if (value.Length != length)
        {
            return Fail(CompletionCode.RequestDataLengthInvalid);
        }
        var lan = _model.Lan;
        switch (request.Parameter)
        {
            case LanParameter.SetInProgress:
                byte state = (byte)(value[0] & 0x03);
                if (state == 0x01 && _lanSetInProgress)
                {
                    return Fail(SetInProgressConflict);
                }
                _lanSetInProgress = state == 0x01;
                return Ok();
            case LanParameter.IpAddressSource:
                if ((value[0] & 0x0F) > (byte)IpmiAddressSource.Other)
                {
                    return Fail(CompletionCode.InvalidDataField);
                }
                _model.Lan = lan with { Source = (ModelAddressSource)(value[0] & 0x0F) };
                return Ok();
            case LanParameter.IpAddress:
                _model.Lan = lan with { Address = LanParameterData.ReadIpv4(value) };
                return Ok();
            case LanParameter.SubnetMask:
                _model.Lan = lan with { SubnetMask = LanParameterData.ReadIpv4(value) };
                return Ok();
            case LanParameter.DefaultGatewayAddress:
                _model.Lan = lan with { DefaultGateway = LanParameterData.ReadIpv4(value) };
                return Ok();
            default:
                var vlan = LanVlan.Read(value);
                _model.Lan = lan with { VlanId = vlan.Enabled ? vlan.Id : (ushort)0 };
                return Ok();
        }
    }

    // §26.3 Get SOL Configuration Parameters: enabled, User privilege to activate, 60 ms / 96 characters
    // accumulation, 3 retries 1 s apart, 115.2 kbit/s, the LAN channel and this face's UDP port.
    private IpmiResponse GetSolConfiguration(ReadOnlySpan<byte> data)
    {
        var request = GetSolConfigurationParameters.Read(data);
        if (!IsOurChannel(request.Channel))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        byte[]? value = request.Parameter switch
        {
            SolParameter.SetInProgress => [0x00],
            SolParameter.Enable => [(byte)(Sol.Enabled ? 1 : 0)],
            SolParameter.Authentication => [(byte)Lifeline.Ipmi.Sessions.PrivilegeLevel.User],
            SolParameter.CharacterAccumulateIntervalAndSendThreshold => [12, 96],
            SolParameter.Retry => [(byte)Sol.RetryCount, (byte)(Sol.RetryInterval.TotalMilliseconds / 10)],
            SolParameter.NonVolatileBitRate or SolParameter.VolatileBitRate => [0x0A],
            SolParameter.PayloadChannel => [_options.LanChannel],
            SolParameter.PayloadPort => [(byte)Port, (byte)(Port >> 8)],
            _ => null,
        };
        if (value is null)
        {
            return Fail(ParameterNotSupported);
        }
        return Ok(new SolConfigurationResponse(SolConfigurationResponse.CurrentRevision, request.RevisionOnly ? [] : value).Write);
    }

    // §26.2 Set SOL Configuration Parameters: set in progress and SOL enable; the others are fixed here.
    private IpmiResponse SetSolConfiguration(ReadOnlySpan<byte> data)
    {
        var request = SetSolConfigurationParameters.Read(data);
        if (!IsOurChannel(request.Channel))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        switch (request.Parameter)
        {
            case SolParameter.SetInProgress when request.Data.Length == 1:
                return Ok();
            case SolParameter.Enable when request.Data.Length == 1:
                Sol.Enabled = (request.Data[0] & 0x01) != 0;
                return Ok();
            case SolParameter.SetInProgress or SolParameter.Enable:
                return Fail(CompletionCode.RequestDataLengthInvalid);
            case SolParameter.PayloadChannel or SolParameter.PayloadPort:
                return Fail(ReadOnlyParameter);
            default:
                return Fail(ParameterNotSupported);
        }
    }
}
