using System.Net;
using System.Reflection;
using Lifeline.Ipmi.Commands;
using Lifeline.Ipmi.Commands.App;
using Lifeline.Ipmi.Commands.Chassis;
using Lifeline.Ipmi.Commands.Dcmi;
using Lifeline.Ipmi.Commands.Payload;
using Lifeline.Ipmi.Commands.Sensor;
using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Commands.Transport;
using Lifeline.Ipmi.Messages;
using static Lifeline.Ipmi.Tests.Commands.Support.Wire;

namespace Lifeline.Ipmi.Tests.Commands;

/// <summary>
/// Checks every command class at once: each parses its own request (the simulator's side), each response type reads
/// and writes, and a sample of every command survives request Write → Read → Write and response Write → Read → Write.
/// </summary>
public class CommandConventionTests
{
    private static readonly Type[] CommandTypes = typeof(GetDeviceId).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace?.StartsWith("Lifeline.Ipmi.Commands", StringComparison.Ordinal) == true)
        .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIpmiCommand<>)))
        .ToArray();

    /// <summary>One request of every command, with non-default fields where it has any.</summary>
    private static readonly object[] SampleRequests =
    [
        GetDeviceId.Instance, GetSelfTestResults.Instance, ColdReset.Instance, WarmReset.Instance,
        new GetChannelAuthenticationCapabilities(1, PrivilegeLevel.Operator, true),
        new GetChannelCipherSuites(1, 2),
        new SetSessionPrivilegeLevel(PrivilegeLevel.User),
        new CloseSession(0, 3),
        GetSessionInfo.ById(0xDEADBEEF),
        new GetUserName(5), new SetUserName(5, "ops"),
        SetUserPassword.Set(5, "pw"u8, twentyBytes: true),
        new GetUserAccess(1, 5), new SetUserAccess(1, 5, PrivilegeLevel.Operator, true, false, true, true, 2),
        new GetChannelInfo(1), GetSystemGuid.Instance,
        GetChassisStatus.Instance, new ChassisControl(ChassisControlAction.PowerCycle), new ChassisIdentify(30, force: true),
        GetSystemRestartCause.Instance, GetPohCounter.Instance,
        SetSystemBootOptions.Flags(new BootFlags(true, false, true, BootDevice.CdDvd)),
        new GetSystemBootOptions(BootOptionParameter.BootInfoAcknowledge, 1, 2),
        GetSdrRepositoryInfo.Instance, ReserveSdrRepository.Instance, new GetSdr(9, 0x10, 5, 16),
        GetSelInfo.Instance, ReserveSel.Instance, new GetSelEntry(0x20, 9, 3, 4), new ClearSel(9, ClearSelAction.InitiateErase),
        GetSelTime.Instance, new SetSelTime(0x6B000000),
        new GetFruInventoryAreaInfo(2), new ReadFruData(2, 0x100, 24),
        new GetSensorReading(0x31), new GetSensorThresholds(0x31), ReserveDeviceSdrRepository.Instance, new GetDeviceSdr(1, 2, 3, 4),
        new GetLanConfigurationParameters(1, LanParameter.DefaultGatewayMacAddress, 1, 0, true),
        SetLanConfigurationParameters.IpAddress(1, IPAddress.Parse("10.0.0.9")),
        new GetSolConfigurationParameters(1, SolParameter.PayloadPort), SetSolConfigurationParameters.Enable(1, false),
        new ActivatePayload(PayloadType.Sol, 1), new DeactivatePayload(PayloadType.Sol, 2),
        new GetPayloadActivationStatus(PayloadType.Sol), new GetPayloadInstanceInfo(PayloadType.Sol, 1),
        new GetDcmiCapabilities(DcmiCapabilityParameter.OptionalPlatformAttributes),
        new GetPowerReading(DcmiPowerReadingMode.EnhancedSystemPowerStatistics, 3),
    ];

    /// <summary>One response of every response type, as wire bytes the type must reproduce.</summary>
    public static TheoryData<Type, string> SampleResponses => new()
    {
        { typeof(DeviceIdResponse), "20 81 02 15 02 bf 57 01 00 3e 0b 01 02 03 04" },
        { typeof(SelfTestResultsResponse), "57 01" },
        { typeof(ChannelAuthenticationCapabilitiesResponse), "01 94 04 03 57 01 00 07" },
        { typeof(ChannelCipherSuitesResponse), "01 c0 03 01 41 81" },
        { typeof(SessionPrivilegeLevelResponse), "04" },
        { typeof(SessionInfoResponse), "02 3f 02 02 04 11 c0 a8 00 05 52 54 00 00 00 01 6f 02" },
        { typeof(UserNameResponse), "6f 70 73 00 00 00 00 00 00 00 00 00 00 00 00 00" },
        { typeof(UserAccessResponse), "0a 42 01 74" },
        { typeof(ChannelInfoResponse), "0f 0c 05 00 f2 1b 00 01 02" },
        { typeof(SystemGuidResponse), "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff" },
        { typeof(ChassisStatusResponse), "41 10 40 f0" },
        { typeof(SystemRestartCauseResponse), "07 01" },
        { typeof(PohCounterResponse), "01 ff 00 00 00" },
        { typeof(SystemBootOptionsResponse), "01 05 80 14 00 00 00" },
        { typeof(SdrRepositoryInfoResponse), "51 10 00 00 10 01 00 00 00 02 00 00 00 6f" },
        { typeof(ReservationResponse), "34 12" },
        { typeof(RecordChunkResponse), "05 00 04 00 51 01 30" },
        { typeof(SelInfoResponse), "51 00 02 00 10 00 00 00 00 ff ff ff ff 8a" },
        { typeof(ClearSelResponse), "00" },
        { typeof(SelTimeResponse), "00 00 00 6b" },
        { typeof(FruInventoryAreaInfoResponse), "00 04 01" },
        { typeof(ReadFruDataResponse), "03 01 02 03" },
        { typeof(SensorThresholdsResponse), "3f 01 02 03 04 05 06" },
        { typeof(LanConfigurationResponse), "11 0a 00 00 09" },
        { typeof(SolConfigurationResponse), "11 6f 02" },
        { typeof(ActivatePayloadResponse), "00 00 00 00 f8 00 f8 00 6f 02 ff ff" },
        { typeof(PayloadActivationStatusResponse), "01 01 00" },
        { typeof(PayloadInstanceInfoResponse), "04 03 02 01 01 00 00 00 00 00 00 00" },
        { typeof(DcmiCapabilitiesResponse), "dc 01 05 02 00 01 01" },
        { typeof(PowerReadingResponse), "dc 10 00 08 00 20 00 10 00 00 00 00 6b e8 03 00 00 40" },
        { typeof(EmptyResponse), "" },
    };

    [Fact]
    public void EveryCommandClassHasASampleHere()
    {
        Assert.Equal(CommandTypes.Select(t => t.Name).Order(), SampleRequests.Select(c => c.GetType().Name).Distinct().Order());
    }

    [Fact]
    public void EveryCommandParsesItsOwnRequest()
    {
        foreach (var type in CommandTypes)
        {
            var read = type.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>)]);
            Assert.True(read is not null && read.ReturnType == type, $"{type.Name} lacks public static {type.Name} Read(ReadOnlySpan<byte>)");
        }
    }

    [Fact]
    public void EveryResponseTypeReadsAndWrites()
    {
        var responseTypes = CommandTypes
            .Select(t => t.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIpmiCommand<>)).GetGenericArguments()[0])
            .Distinct()
            .Where(t => t != typeof(Lifeline.Ipmi.Sensors.SensorReading))   // shared shape; SensorReadingCodec reads and writes it
            .ToList();
        foreach (var type in responseTypes)
        {
            var read = type.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>)]);
            Assert.True(read is not null && read.ReturnType == type, $"{type.Name} lacks public static Read(ReadOnlySpan<byte>)");
            Assert.True(type.GetMethod("Write", BindingFlags.Public | BindingFlags.Instance, [typeof(IpmiWriter)]) is not null, $"{type.Name} lacks Write(IpmiWriter)");
        }
        Assert.Equal(responseTypes.Select(t => t.Name).Order(), SampleResponses.Select(row => ((Type)row[0]).Name).Order());
    }

    [Fact]
    public void EveryRequestSurvivesWriteReadWrite()
    {
        foreach (var command in SampleRequests)
        {
            var type = command.GetType();
            var bytes = RequestBytes(command);
            var back = type.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>)])!;
            var reread = InvokeRead(back, bytes);
            Assert.True(bytes.AsSpan().SequenceEqual(RequestBytes(reread)), $"{type.Name}: {ToHex(bytes)} did not survive Read/Write");
        }
    }

    [Theory]
    [MemberData(nameof(SampleResponses))]
    public void EveryResponseSurvivesReadWrite(Type type, string hex)
    {
        var bytes = Hex(hex);
        var read = type.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>)])!;
        var response = InvokeRead(read, bytes);
        var w = new IpmiWriter();
        type.GetMethod("Write", [typeof(IpmiWriter)])!.Invoke(response, [w]);
        Assert.Equal(ToHex(bytes), ToHex(w.Written));
    }

    [Fact]
    public void EveryCommandHasAUniqueCodeAndAName()
    {
        var commands = SampleRequests.DistinctBy(c => c.GetType()).Select(c => ((NetFn)Get(c, "NetFn"), (byte)Get(c, "Command"), (string)Get(c, "Name"))).ToList();
        Assert.Equal(commands.Count, commands.Select(c => (c.Item1, c.Item2)).Distinct().Count());
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace(c.Item3)));
    }

    private static object Get(object o, string property) => o.GetType().GetProperty(property)!.GetValue(o)!;

    private static byte[] RequestBytes(object command)
    {
        var w = new IpmiWriter();
        command.GetType().GetMethod("WriteRequest")!.Invoke(command, [w]);
        return w.ToArray();
    }

    // ReadOnlySpan<byte> cannot be boxed for MethodInfo.Invoke: go through a delegate.
    private delegate object SpanReader(ReadOnlySpan<byte> data);

    private static object InvokeRead(MethodInfo read, byte[] bytes)
    {
        var span = System.Linq.Expressions.Expression.Parameter(typeof(ReadOnlySpan<byte>), "data");
        var call = System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.Call(read, span), typeof(object));
        var reader = System.Linq.Expressions.Expression.Lambda<SpanReader>(call, span).Compile();
        return reader(bytes);
    }
}
