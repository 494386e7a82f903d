using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Model;
using AppPrivilege = Lifeline.Ipmi.Sessions.PrivilegeLevel;
using ModelPrivilege = Lifeline.Simulator.Model.PrivilegeLevel;
using SessionSuite = Lifeline.Ipmi.Sessions.CipherSuite;
using CipherSuitesRequest = Lifeline.Ipmi.Commands.App.GetChannelCipherSuites;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// App (NetFn 06h): device identity, resets, channel and session information, users. Set Session Privilege Level
// (3Bh) and Close Session (3Ch) are answered by the session engine (RmcpPlusResponder) itself.
public sealed partial class IpmiCommandDispatcher
{
    private static IEnumerable<Command> AppCommands() =>
    [
        new(NetFn.App, 0x01, "Get Device ID", 0, 0, static (d, _, _) => d.GetDeviceId()),
        new(NetFn.App, 0x02, "Cold Reset", 0, 0, static (d, _, _) => d.ColdReset()),
        new(NetFn.App, 0x03, "Warm Reset", 0, 0, static (_, _, _) => Ok()),
        new(NetFn.App, 0x04, "Get Self Test Results", 0, 0,
            static (_, _, _) => Ok(new SelfTestResultsResponse(SelfTestResult.NoError, 0).Write)),
        new(NetFn.App, 0x37, "Get System GUID", 0, 0, static (d, _, _) => Ok(new SystemGuidResponse(d._model.SystemGuid.ToByteArray()).Write)),
        new(NetFn.App, 0x38, "Get Channel Authentication Capabilities", 2, 2, static (d, _, data) => d.GetChannelAuthCaps(data)),
        new(NetFn.App, 0x3D, "Get Session Info", 1, 5, static (d, c, data) => d.GetSessionInfo(c, data)),
        new(NetFn.App, 0x42, "Get Channel Info", 1, 1, static (d, _, data) => d.GetChannelInfo(data)),
        new(NetFn.App, 0x43, "Set User Access", 3, 4, static (d, _, data) => d.SetUserAccess(data)),
        new(NetFn.App, 0x44, "Get User Access", 2, 2, static (d, _, data) => d.GetUserAccess(data)),
        new(NetFn.App, 0x45, "Set User Name", 17, 17, static (d, _, data) => d.SetUserName(data)),
        new(NetFn.App, 0x46, "Get User Name", 1, 1, static (d, _, data) => d.GetUserName(data)),
        new(NetFn.App, 0x47, "Set User Password", 2, 22, static (d, _, data) => d.SetUserPassword(data)),
        new(NetFn.App, 0x4E, "Get Channel Payload Support", 1, 1, static (d, _, data) => d.GetChannelPayloadSupport(data)),
        new(NetFn.App, 0x54, "Get Channel Cipher Suites", 3, 3, static (d, _, data) => d.GetChannelCipherSuites(data)),
    ];

    // §20.1 Get Device ID: the model's identity; minor firmware revision and IPMI version in BCD.
    private IpmiResponse GetDeviceId()
    {
        var id = _model.Identity;
        byte[]? aux = null;
        if (id.AuxiliaryFirmwareRevision is { } a)
        {
            aux = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(aux, a);
        }
        var response = new DeviceIdResponse(id.DeviceId, id.ProvidesDeviceSdrs, id.DeviceRevision, DeviceAvailable: true,
            id.FirmwareMajor, Bcd(id.FirmwareMinor), (byte)((id.IpmiVersionMinor << 4) | (id.IpmiVersionMajor & 0x0F)),
            id.AdditionalDeviceSupport, id.ManufacturerId, id.ProductId, aux);
        return Ok(response.Write);
    }

    private static byte Bcd(byte value) => (byte)(((value / 10 % 10) << 4) | (value % 10));

    // §20.2 Cold Reset: the answer goes out, then the BMC reboots (sessions end, silence for the reboot time).
    private IpmiResponse ColdReset()
    {
        _model.RebootBmc();
        return Ok();
    }

    // §22.13 Get Channel Authentication Capabilities: an RMCP+-only LAN channel (no IPMI v1.5 session types).
    private IpmiResponse GetChannelAuthCaps(ReadOnlySpan<byte> data)
    {
        var request = GetChannelAuthenticationCapabilities.Read(data);
        if (!IsOurChannel(request.Channel) || request.MaximumPrivilege is < AppPrivilege.Callback or > AppPrivilege.Oem)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        bool nullUser = _model.GetUser(1) is { Enabled: true };
        var response = new ChannelAuthenticationCapabilitiesResponse(
            _options.LanChannel,
            ExtendedCapabilities: request.RequestExtendedData,
            AuthenticationTypes: 0,
            KgNonZero: false,
            PerMessageAuthenticationDisabled: false,
            UserLevelAuthenticationDisabled: false,
            NonNullUserNamesEnabled: true,
            NullUserNamesEnabled: nullUser,
            AnonymousLoginEnabled: false,
            SupportsIpmi20: true,
            SupportsIpmi15: false,
            OemId: 0,
            OemAuxiliaryData: 0);
        return Ok(response.Write);
    }

    // §22.15 Get Channel Cipher Suites: the suites this node accepts, 16 record bytes per list index.
    private IpmiResponse GetChannelCipherSuites(ReadOnlySpan<byte> data)
    {
        var request = CipherSuitesRequest.Read(data);
        if (!IsOurChannel(request.Channel) || request.PayloadType is not (Lifeline.Ipmi.Sessions.PayloadType.Ipmi or Lifeline.Ipmi.Sessions.PayloadType.Sol))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        var suites = AcceptedSuites();
        byte[] records = request.ListByCipherSuite ? CipherSuiteRecords.Encode(suites) : SupportedAlgorithms(suites);
        int start = request.ListIndex * CipherSuitesRequest.ChunkSize;
        var chunk = start >= records.Length ? [] : records.AsSpan(start, Math.Min(CipherSuitesRequest.ChunkSize, records.Length - start)).ToArray();
        return Ok(new ChannelCipherSuitesResponse(_options.LanChannel, chunk).Write);
    }

    private List<CipherSuiteRecord> AcceptedSuites()
    {
        var list = new List<CipherSuiteRecord>();
        foreach (byte id in _model.Faults.CipherSuites)
        {
            if (SessionSuite.FromId(id) is { } s)
            {
                list.Add(new CipherSuiteRecord(s.Id, s.Authentication, s.Integrity, s.Confidentiality));
            }
        }
        return list;
    }

    // "List supported algorithms" (request byte 3 bit 7 = 0): each distinct algorithm once, tagged as in a record.
    private static byte[] SupportedAlgorithms(List<CipherSuiteRecord> suites)
    {
        var bytes = new List<byte>();
        foreach (var b in suites.Select(s => (byte)s.Authentication).Distinct())
        {
            bytes.Add(b);
        }
        foreach (var b in suites.Select(s => (byte)s.Integrity).Distinct())
        {
            bytes.Add((byte)(0x40 | b));
        }
        foreach (var b in suites.Select(s => (byte)s.Confidentiality).Distinct())
        {
            bytes.Add((byte)(0x80 | b));
        }
        return [.. bytes];
    }

    // §22.20 Get Session Info: this session (00h), the Nth active one, or one named by handle (FEh) or id (FFh).
    private IpmiResponse GetSessionInfo(IpmiCommandContext context, ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.App.GetSessionInfo.Read(data);
        var active = (_responder?.Sessions ?? []).Where(s => s.Active).OrderBy(s => s.Handle).ToList();
        if (context.Session is { } own && !active.Contains(own))
        {
            active.Add(own);
        }
        int limit = _model.Faults.SessionLimit;
        ServerSession? session;
        switch (request.SessionIndex)
        {
            case 0:
                session = context.Session;
                break;
            case Lifeline.Ipmi.Commands.App.GetSessionInfo.ByHandleIndex:
                session = active.FirstOrDefault(s => s.Handle == request.SessionHandle);
                if (session is null)
                {
                    return Fail(CompletionCode.RequestedDataNotPresent);
                }
                break;
            case Lifeline.Ipmi.Commands.App.GetSessionInfo.ByIdIndex:
                session = active.FirstOrDefault(s => s.BmcSessionId == request.SessionId);
                if (session is null)
                {
                    return Fail(CompletionCode.RequestedDataNotPresent);
                }
                break;
            default:
                if (request.SessionIndex > Math.Max(limit, active.Count))
                {
                    return Fail(CompletionCode.InvalidDataField);
                }
                session = request.SessionIndex <= active.Count ? active[request.SessionIndex - 1] : null;
                break;
        }
        var response = session is null
            ? new SessionInfoResponse(0, (byte)limit, (byte)active.Count, null, null, null, null, [])
            : new SessionInfoResponse(session.Handle, (byte)limit, (byte)active.Count, session.Account?.Id ?? 0,
                (AppPrivilege)(byte)session.Privilege, ProtocolAuxiliary: 1, _options.LanChannel, RemoteConsole(session.Remote));
        return Ok(response.Write);
    }

    private static byte[] RemoteConsole(IPEndPoint remote)
    {
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            address = IPAddress.Any;
        }
        return SessionInfoResponse.LanChannelData(address, new PhysicalAddress(new byte[6]), (ushort)remote.Port);
    }

    // §22.24 Get Channel Info: channel 1 is an 802.3 LAN channel carrying IPMB-format messages, multi-session. The
    // auxiliary bytes (reserved for a LAN channel) are sent as 00h: ipmitool rejects a 7-byte answer.
    private IpmiResponse GetChannelInfo(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.App.GetChannelInfo.Read(data);
        if (!IsOurChannel(request.Channel))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        int sessions = _responder?.ActiveSessions ?? 0;
        return Ok(new ChannelInfoResponse(_options.LanChannel, ChannelMediumType.Lan802_3, ChannelProtocolType.Ipmb,
            ChannelSessionSupport.MultiSession, (byte)Math.Min(sessions, 0x3F), ChannelInfoResponse.IpmiForumIana, [0x00, 0x00]).Write);
    }

    // §22.27 Get User Access
    private IpmiResponse GetUserAccess(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.App.GetUserAccess.Read(data);
        if (!IsOurChannel(request.Channel) || request.UserId is < 1 or > BmcModel.MaxUsers)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        var users = _model.Users;
        var user = _model.GetUser(request.UserId);
        bool enabled = user is { Enabled: true };
        var response = new UserAccessResponse(
            BmcModel.MaxUsers,
            user is null ? UserIdEnableStatus.Unspecified : enabled ? UserIdEnableStatus.Enabled : UserIdEnableStatus.Disabled,
            (byte)users.Count(u => u.Enabled),
            FixedNameUserIds: 1,
            CallbackOnly: false,
            LinkAuthenticationEnabled: false,
            IpmiMessagingEnabled: enabled,
            user is null ? AppPrivilege.NoAccess : (AppPrivilege)(byte)user.Privilege);
        return Ok(response.Write);
    }

    // §22.26 Set User Access: the privilege limit (the flags of byte 1 are accepted and not modelled).
    private IpmiResponse SetUserAccess(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.App.SetUserAccess.Read(data);
        if (!IsOurChannel(request.Channel) || request.UserId is < 1 or > BmcModel.MaxUsers
            || request.PrivilegeLimit is not (>= AppPrivilege.Callback and <= AppPrivilege.Oem or AppPrivilege.NoAccess))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        _model.SetUserPrivilege(request.UserId, (ModelPrivilege)(byte)request.PrivilegeLimit);
        return Ok();
    }

    // §22.29 Get User Name: empty slots read as 16 NUL bytes.
    private IpmiResponse GetUserName(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.App.GetUserName.Read(data);
        if (request.UserId is < 1 or > BmcModel.MaxUsers)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        return Ok(new UserNameResponse(_model.GetUser(request.UserId)?.Name ?? "").Write);
    }

    // §22.28 Set User Name: user 1 is the fixed null user.
    private IpmiResponse SetUserName(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.App.SetUserName.Read(data);
        if (request.UserId is < 2 or > BmcModel.MaxUsers)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        _model.SetUserName(request.UserId, request.UserName);
        return Ok();
    }

    // §22.30 Set User Password: enable, disable, set, test (80h when the test fails).
    private IpmiResponse SetUserPassword(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.App.SetUserPassword.Read(data);
        int expected = 2 + (request.Operation is UserPasswordOperation.SetPassword or UserPasswordOperation.TestPassword
            ? (request.TwentyBytePassword ? 20 : 16) : 0);
        if (data.Length != expected)
        {
            return Fail(CompletionCode.RequestDataLengthInvalid);
        }
        if (request.UserId is < 1 or > BmcModel.MaxUsers)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        var password = request.Password.TrimEnd((byte)0);
        switch (request.Operation)
        {
            case UserPasswordOperation.DisableUser:
                _model.SetUserEnabled(request.UserId, false);
                return Ok();
            case UserPasswordOperation.EnableUser:
                _model.SetUserEnabled(request.UserId, true);
                return Ok();
            case UserPasswordOperation.SetPassword:
                _model.SetUserPassword(request.UserId, Encoding.UTF8.GetString(password));
                return Ok();
            default:
                var user = _model.GetUser(request.UserId);
                if (user is not null && user.Password.Length > 16 && !request.TwentyBytePassword)
                {
                    return Fail(0x81); // wrong password size
                }
                return user is not null && user.PasswordMatches(password) ? Ok() : Fail(0x80);
        }
    }

    // §24.8 Get Channel Payload Support: IPMI and SOL payloads plus the RMCP+ session setup payloads. "This channel"
    // (Eh) answers for the LAN channel (a peer BMC crashes on it; we must not).
    private IpmiResponse GetChannelPayloadSupport(ReadOnlySpan<byte> data)
    {
        var request = ChannelPayloadSupportRequest.Read(data);
        if (!IsOurChannel(request.Channel))
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        return Ok(new ChannelPayloadSupportResponse(StandardPayloads: 0x0003, SessionSetupPayloads: 0x003F, OemPayloads: 0).Write);
    }
}
