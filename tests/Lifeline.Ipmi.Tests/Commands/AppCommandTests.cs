using Lifeline.Ipmi.Commands;
using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Messages;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

public class AppCommandTests
{
    [Fact]
    public void DeviceIdFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x01 against OpenIPMI ipmi_sim 2.0.33
        var r = GetDeviceId.Instance.ReadResponse(Hex("00 03 02 15 02 9f 91 12 00 02 0f 00 00 00 00"));
        Assert.Equal(0x00, r.DeviceId);
        Assert.Equal(3, r.DeviceRevision);
        Assert.Equal("2.15", r.FirmwareRevision);
        Assert.Equal("2.0", r.IpmiVersion);
        Assert.Equal(0x1291u, r.ManufacturerId);
        Assert.Equal(0x0f02, r.ProductId);
        Assert.Same(GetDeviceId.Instance, GetDeviceId.Read([]));
    }

    [Fact]
    public void SelfTestPassedParses()
    {
        var r = GetSelfTestResults.Instance.ReadResponse(Hex("55 00"));
        Assert.True(r.Passed);
        Assert.Equal(SelfTestFailures.None, r.Failures);
    }

    [Fact]
    public void SelfTestCorruptedReportsFailureBits()
    {
        var r = SelfTestResultsResponse.Read(Hex("57 48"));
        Assert.Equal(SelfTestResult.CorruptedOrInaccessible, r.Result);
        Assert.Equal(SelfTestFailures.CannotAccessSdrRepository | SelfTestFailures.SdrRepositoryEmpty, r.Failures);
        Assert.Equal(Hex("57 48"), Of(r.Write));
    }

    [Fact]
    public void SelfTestWithOneByteIsMalformed()
    {
        AssertTruncationIsMalformed(Hex("55 00"), 2, d => SelfTestResultsResponse.Read(d));
    }

    [Fact]
    public void ResetCommandsHaveNoDataAndTheirCodes()
    {
        Assert.Empty(Request(ColdReset.Instance));
        Assert.Equal(0x02, ColdReset.Instance.Command);
        Assert.Equal(0x03, WarmReset.Instance.Command);
        Assert.Same(EmptyResponse.Instance, ColdReset.Instance.ReadResponse([]));
    }

    [Fact]
    public void ChannelAuthCapsRequestMatchesIpmitool()
    {
        // ipmitool -I lanplus sends 06h 38h 8e 04 before opening a session
        var cmd = new GetChannelAuthenticationCapabilities();
        Assert.Equal(Hex("8e 04"), Request(cmd));
        var back = GetChannelAuthenticationCapabilities.Read(Hex("8e 04"));
        Assert.Equal(0x0E, back.Channel);
        Assert.True(back.RequestExtendedData);
        Assert.Equal(PrivilegeLevel.Administrator, back.MaximumPrivilege);
        Assert.Equal(Hex("01 02"), Request(new GetChannelAuthenticationCapabilities(1, PrivilegeLevel.User, false)));
    }

    [Fact]
    public void ChannelAuthCapsFromIpmiSimParses()
    {
        // sessionless 06h 38h 8e 04 to ipmi_sim: channel 1, v2.0 extended, MD5 + password, non-null user names, v1.5 + v2.0
        var r = ChannelAuthenticationCapabilitiesResponse.Read(Hex("01 94 04 03 00 00 00 00"));
        Assert.Equal(1, r.ChannelNumber);
        Assert.True(r.ExtendedCapabilities);
        Assert.Equal(AuthenticationTypeSupport.Md5 | AuthenticationTypeSupport.StraightPassword, r.AuthenticationTypes);
        Assert.True(r.NonNullUserNamesEnabled);
        Assert.False(r.NullUserNamesEnabled);
        Assert.False(r.AnonymousLoginEnabled);
        Assert.False(r.KgNonZero);
        Assert.True(r.SupportsIpmi20);
        Assert.True(r.SupportsIpmi15);
        Assert.Equal(0u, r.OemId);
        Assert.Equal(Hex("01 94 04 03 00 00 00 00"), Of(r.Write));
    }

    [Fact]
    public void ChannelAuthCapsWithoutExtendedBitMeansIpmi15Only()
    {
        // the same BMC asked without bit 7: 06h 38h 0e 04
        var r = ChannelAuthenticationCapabilitiesResponse.Read(Hex("01 14 04 00 00 00 00 00"));
        Assert.False(r.ExtendedCapabilities);
        Assert.False(r.SupportsIpmi20);
        Assert.True(r.SupportsIpmi15);
    }

    [Fact]
    public void ChannelAuthCapsWithoutOemBytesParsesWithNullOem()
    {
        var r = ChannelAuthenticationCapabilitiesResponse.Read(Hex("01 94 3f 03"));
        Assert.Null(r.OemId);
        Assert.Null(r.OemAuxiliaryData);
        Assert.True(r.KgNonZero && r.PerMessageAuthenticationDisabled && r.UserLevelAuthenticationDisabled && r.AnonymousLoginEnabled);
        Assert.Equal(Hex("01 94 3f 03"), Of(r.Write));
        AssertTruncationIsMalformed(Hex("01 94 3f 03"), 4, d => ChannelAuthenticationCapabilitiesResponse.Read(d));
    }

    [Fact]
    public void CipherSuitesRequestListsByCipherSuite()
    {
        // ipmitool sends 06h 54h <channel> 00 80|index
        Assert.Equal(Hex("0e 00 80"), Request(new GetChannelCipherSuites(0x0E, 0)));
        Assert.Equal(Hex("01 00 83"), Request(new GetChannelCipherSuites(1, 3)));
        var back = GetChannelCipherSuites.Read(Hex("01 00 83"));
        Assert.Equal((1, 3, PayloadType.Ipmi, true), (back.Channel, back.ListIndex, back.PayloadType, back.ListByCipherSuite));
        Assert.Throws<IpmiException>(() => new GetChannelCipherSuites(1, 0x40));
    }

    [Fact]
    public void CipherSuiteChunkFromIpmiSimParses()
    {
        var r = ChannelCipherSuitesResponse.Read(Hex("01 c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 c0"));
        Assert.Equal(1, r.ChannelNumber);
        Assert.Equal(16, r.RecordData.Length);
        Assert.False(r.IsLastChunk);
        Assert.True(ChannelCipherSuitesResponse.Read(Hex("01")).IsLastChunk);
    }

    [Fact]
    public void CipherSuiteChunkLongerThanSixteenBytesIsMalformed()
    {
        var e = Assert.Throws<IpmiException>(() => ChannelCipherSuitesResponse.Read(new byte[18]));
        Assert.Equal(IpmiError.MalformedResponse, e.Error);
    }

    [Fact]
    public void CipherSuiteRecordsOfIpmiSimParse()
    {
        // all chunks of ipmi_sim's list (channel byte removed), suites 0-14
        var data = Hex("c0 00 00 40 80 c0 01 01 40 80 c0 02 01 41 80 c0"
                     + "03 01 41 81 c0 04 01 41 82 c0 05 01 41 83 c0 06"
                     + "02 40 80 c0 07 02 42 80 c0 08 02 42 81 c0 09 02"
                     + "42 82 c0 0a 02 42 83 c0 0b 02 43 80 c0 0c 02 43"
                     + "81 c0 0d 02 43 82 c0 0e 02 43 83");
        var suites = CipherSuiteRecords.Parse(data);
        Assert.Equal(15, suites.Count);
        Assert.Equal(new CipherSuite(0, AuthenticationAlgorithm.RakpNone, IntegrityAlgorithm.None, ConfidentialityAlgorithm.None), suites[0]);
        Assert.Equal(new CipherSuite(3, AuthenticationAlgorithm.RakpHmacSha1, IntegrityAlgorithm.HmacSha1_96, ConfidentialityAlgorithm.AesCbc128), suites[3]);
        Assert.Equal(new CipherSuite(8, AuthenticationAlgorithm.RakpHmacMd5, IntegrityAlgorithm.HmacMd5_128, ConfidentialityAlgorithm.AesCbc128), suites[8]);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (byte)i), suites.Select(s => s.Id));
        Assert.Equal(data, CipherSuiteRecords.Encode(suites));
    }

    [Fact]
    public void OemCipherSuiteRecordCarriesItsIana()
    {
        // C1h record: id 80h, IANA 343 (Intel, LSB first), then RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128
        var suites = CipherSuiteRecords.Parse(Hex("c1 80 57 01 00 03 44 81 c0 11 03 44 81"));
        Assert.Equal(2, suites.Count);
        Assert.Equal(343u, suites[0].OemIana);
        Assert.Equal(0x80, suites[0].Id);
        Assert.Equal(AuthenticationAlgorithm.RakpHmacSha256, suites[0].Authentication);
        Assert.Equal(IntegrityAlgorithm.HmacSha256_128, suites[1].Integrity);
        Assert.Null(suites[1].OemIana);
    }

    [Fact]
    public void CipherSuiteWithSeveralAlgorithmsOfOneKindKeepsTheFirst()
    {
        var suites = CipherSuiteRecords.Parse(Hex("c0 03 01 41 42 81 80"));
        Assert.Equal(IntegrityAlgorithm.HmacSha1_96, Assert.Single(suites).Integrity);
        Assert.Equal(ConfidentialityAlgorithm.AesCbc128, suites[0].Confidentiality);
    }

    [Theory]
    [InlineData("00 c0 00 00 40 80")]   // data before a record start
    [InlineData("c0 03 01 41")]         // no confidentiality algorithm
    [InlineData("c0")]                  // no id
    [InlineData("c1 80 57 01")]         // OEM record cut inside
    public void BrokenCipherSuiteRecordsAreMalformed(string hex)
    {
        var e = Assert.Throws<IpmiException>(() => CipherSuiteRecords.Parse(Hex(hex)));
        Assert.Equal(IpmiError.MalformedResponse, e.Error);
    }

    [Fact]
    public void SetSessionPrivilegeLevelMatchesIpmitool()
    {
        // ipmitool sends 06h 3Bh 04 after opening an ADMINISTRATOR session; ipmi_sim answers 04
        Assert.Equal(Hex("04"), Request(new SetSessionPrivilegeLevel(PrivilegeLevel.Administrator)));
        Assert.Equal(Hex("00"), Request(new SetSessionPrivilegeLevel(null)));
        Assert.Null(SetSessionPrivilegeLevel.Read(Hex("00")).Requested);
        Assert.Equal(PrivilegeLevel.Operator, SetSessionPrivilegeLevel.Read(Hex("03")).Requested);
        Assert.Equal(PrivilegeLevel.Administrator, SessionPrivilegeLevelResponse.Read(Hex("04")).Level);
        Assert.Equal(Hex("03"), Of(new SessionPrivilegeLevelResponse(PrivilegeLevel.Operator).Write));
        Assert.Contains("exceeds", SetSessionPrivilegeLevel.DescribeCompletionCode((CompletionCode)0x81), StringComparison.Ordinal);
    }

    [Fact]
    public void CloseSessionMatchesIpmitool()
    {
        // ipmitool closed BMC session 00003002h with 06h 3Ch 02 30 00 00
        Assert.Equal(Hex("02 30 00 00"), Request(new CloseSession(0x3002)));
        Assert.Equal(0x3002u, CloseSession.Read(Hex("02 30 00 00")).SessionId);
        var byHandle = new CloseSession(0, 0x05);
        Assert.Equal(Hex("00 00 00 00 05"), Request(byHandle));
        Assert.Equal((byte)5, CloseSession.Read(Hex("00 00 00 00 05")).SessionHandle);
        // a handle is only sent when the id is zero
        Assert.Equal(Hex("01 00 00 00"), Request(new CloseSession(1, 0x05)));
    }

    [Fact]
    public void SessionInfoRequestsEncodeTheirSelectors()
    {
        Assert.Equal(Hex("00"), Request(GetSessionInfo.Current()));
        Assert.Equal(Hex("02"), Request(GetSessionInfo.ByIndex(2)));
        Assert.Equal(Hex("fe 07"), Request(GetSessionInfo.ByHandle(7)));
        Assert.Equal(Hex("ff 04 03 02 01"), Request(GetSessionInfo.ById(0x01020304)));
        Assert.Equal(0x01020304u, GetSessionInfo.Read(Hex("ff 04 03 02 01")).SessionId);
        Assert.Equal((byte)7, GetSessionInfo.Read(Hex("fe 07")).SessionHandle);
        Assert.Throws<IpmiException>(() => new GetSessionInfo(0xFE));
    }

    [Fact]
    public void SessionInfoFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x3d 0x00: handle 2, 63 slots, 2 active, user 2, ADMIN, RMCP+ on channel 1, no LAN bytes
        var r = SessionInfoResponse.Read(Hex("02 3f 02 02 04 11"));
        Assert.Equal(2, r.SessionHandle);
        Assert.Equal(63, r.PossibleActiveSessions);
        Assert.Equal(2, r.ActiveSessions);
        Assert.Equal((byte)2, r.UserId);
        Assert.Equal(PrivilegeLevel.Administrator, r.OperatingPrivilege);
        Assert.Equal((byte)1, r.ProtocolAuxiliary);
        Assert.Equal((byte)1, r.ChannelNumber);
        Assert.Null(r.RemoteConsoleAddress);
        Assert.Equal(Hex("02 3f 02 02 04 11"), Of(r.Write));
    }

    [Fact]
    public void SessionInfoWithLanDataDecodesTheRemoteConsole()
    {
        var data = Hex("01 04 01 02 04 11 c0 a8 01 0a 00 11 22 33 44 55 6f 02");
        var r = SessionInfoResponse.Read(data);
        Assert.Equal("192.168.1.10", r.RemoteConsoleAddress!.ToString());
        Assert.Equal("001122334455", r.RemoteConsoleMac!.ToString());
        Assert.Equal((ushort)0x026F, r.RemoteConsolePort);
        Assert.Equal(data, Of(r.Write));
        Assert.Equal(data[6..], SessionInfoResponse.LanChannelData(r.RemoteConsoleAddress, r.RemoteConsoleMac, 0x026F));
    }

    [Fact]
    public void SessionInfoForNoActiveSessionHasThreeBytes()
    {
        var r = SessionInfoResponse.Read(Hex("00 3f 01"));
        Assert.False(r.HasActiveSession);
        Assert.Equal(Hex("00 3f 01"), Of(r.Write));
        // once byte 4 is present, bytes 4-6 are required
        AssertTruncationIsMalformed(Hex("02 3f 02 02 04 11"), 3, d => SessionInfoResponse.Read(d));
        Assert.Equal(IpmiError.MalformedResponse, Assert.Throws<IpmiException>(() => SessionInfoResponse.Read(Hex("02 3f 02 02"))).Error);
    }

    [Fact]
    public void UserNameFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x46 0x02
        Assert.Equal(Hex("02"), Request(new GetUserName(2)));
        var r = new GetUserName(2).ReadResponse(Hex("61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00"));
        Assert.Equal("admin", r.UserName);
        Assert.Equal(Hex("61 64 6d 69 6e 00 00 00 00 00 00 00 00 00 00 00"), Of(r.Write));
        AssertTruncationIsMalformed(new byte[16], 16, d => UserNameResponse.Read(d));
    }

    [Fact]
    public void SetUserNameRoundTrips()
    {
        var cmd = new SetUserName(3, "operator");
        var bytes = Request(cmd);
        Assert.Equal(Hex("03 6f 70 65 72 61 74 6f 72 00 00 00 00 00 00 00 00"), bytes);
        var back = SetUserName.Read(bytes);
        Assert.Equal((3, "operator"), (back.UserId, back.UserName));
        Assert.Equal(IpmiError.InvalidRequest, Assert.Throws<IpmiException>(() => new SetUserName(3, new string('x', 17))).Error);
    }

    [Fact]
    public void SetUserPasswordEncodesEachOperation()
    {
        Assert.Equal(Hex("04 00"), Request(SetUserPassword.Disable(4)));
        Assert.Equal(Hex("04 01"), Request(SetUserPassword.Enable(4)));
        var set = Request(SetUserPassword.Set(4, "secret"u8));
        Assert.Equal(18, set.Length);
        Assert.Equal(Hex("04 02 73 65 63 72 65 74 00 00 00 00 00 00 00 00 00 00"), set);
        var test20 = Request(SetUserPassword.Test(4, "secret"u8, twentyBytes: true));
        Assert.Equal(22, test20.Length);
        Assert.Equal(0x84, test20[0]);
        Assert.Equal(0x03, test20[1]);
        var back = SetUserPassword.Read(test20);
        Assert.True(back.TwentyBytePassword);
        Assert.Equal(UserPasswordOperation.TestPassword, back.Operation);
        Assert.Equal(test20, Request(back));
        Assert.DoesNotContain("secret", back.ToString(), StringComparison.Ordinal);
        Assert.Throws<IpmiException>(() => SetUserPassword.Set(4, new byte[17]));
    }

    [Fact]
    public void UserAccessFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x44 0x01 0x02 → admin: IPMI messaging, ADMINISTRATOR limit
        Assert.Equal(Hex("01 02"), Request(new GetUserAccess(1, 2)));
        var r = UserAccessResponse.Read(Hex("3f 03 00 14"));
        Assert.Equal(63, r.MaximumUserIds);
        Assert.Equal(UserIdEnableStatus.Unspecified, r.EnableStatus);
        Assert.Equal(3, r.EnabledUserIds);
        Assert.True(r.IpmiMessagingEnabled);
        Assert.False(r.LinkAuthenticationEnabled);
        Assert.Equal(PrivilegeLevel.Administrator, r.PrivilegeLimit);
        Assert.Equal(PrivilegeLevel.Operator, UserAccessResponse.Read(Hex("3f 03 00 13")).PrivilegeLimit);
        var enabled = r with { EnableStatus = UserIdEnableStatus.Enabled, CallbackOnly = true, PrivilegeLimit = PrivilegeLevel.NoAccess };
        Assert.Equal(enabled, UserAccessResponse.Read(Of(enabled.Write)));
        Assert.Equal(Hex("3f 43 00 5f"), Of(enabled.Write));
    }

    [Fact]
    public void SetUserAccessRoundTrips()
    {
        var cmd = new SetUserAccess(1, 5, PrivilegeLevel.Operator, changeFlags: true, ipmiMessaging: true, linkAuthentication: true, sessionLimit: 2);
        var bytes = Request(cmd);
        Assert.Equal(Hex("b1 05 03 02"), bytes);
        var back = SetUserAccess.Read(bytes);
        Assert.True(back.ChangeFlags && back.IpmiMessaging && back.LinkAuthentication && !back.CallbackOnly);
        Assert.Equal((byte)2, back.SessionLimit);
        Assert.Equal(bytes, Request(back));
        Assert.Equal(Hex("01 05 04"), Request(new SetUserAccess(1, 5, PrivilegeLevel.Administrator)));
        Assert.Null(SetUserAccess.Read(Hex("01 05 04")).SessionLimit);
    }

    [Fact]
    public void ChannelInfoFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x42 0x01: LAN 802.3, IPMB-1.0 protocol, multi-session with 1 active, IPMI forum
        Assert.Equal(Hex("0e"), Request(new GetChannelInfo()));
        var r = ChannelInfoResponse.Read(Hex("01 04 01 81 f2 1b 00 00 00"));
        Assert.Equal(1, r.ChannelNumber);
        Assert.Equal(ChannelMediumType.Lan802_3, r.Medium);
        Assert.Equal(ChannelProtocolType.Ipmb, r.Protocol);
        Assert.Equal(ChannelSessionSupport.MultiSession, r.SessionSupport);
        Assert.Equal(1, r.ActiveSessions);
        Assert.Equal(ChannelInfoResponse.IpmiForumIana, r.VendorId);
        Assert.Equal(Hex("01 04 01 81 f2 1b 00 00 00"), Of(r.Write));
        Assert.Null(ChannelInfoResponse.Read(Hex("01 04 01 81 f2 1b 00")).AuxiliaryInfo);
        AssertTruncationIsMalformed(Hex("01 04 01 81 f2 1b 00"), 7, d => ChannelInfoResponse.Read(d));
    }

    [Fact]
    public void SystemGuidFromIpmiSimParses()
    {
        // ipmitool raw 0x06 0x37
        var bytes = Hex("a1 b2 c3 d4 00 00 00 00 00 00 00 00 00 00 25 ab");
        var r = SystemGuidResponse.Read(bytes);
        Assert.Equal(new Guid("d4c3b2a1-0000-0000-0000-0000000025ab"), r.ToSmbiosGuid());
        Assert.Equal(new Guid("ab250000-0000-0000-0000-0000d4c3b2a1"), r.ToIpmiGuid());
        Assert.Equal(bytes, Of(r.Write));
        AssertTruncationIsMalformed(bytes, 16, d => SystemGuidResponse.Read(d));
    }
}
