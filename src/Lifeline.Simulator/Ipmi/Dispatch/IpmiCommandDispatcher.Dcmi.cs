using Lifeline.Ipmi.Commands.Dcmi;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Model;
using DcmiCapabilitiesRequest = Lifeline.Ipmi.Commands.Dcmi.GetDcmiCapabilities;
using PowerReadingRequest = Lifeline.Ipmi.Commands.Dcmi.GetPowerReading;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// DCMI 1.5 (group extension NetFn 2Ch, first byte DCh): capabilities and the power reading of the model's
// "Pwr Consumption" sensor.
public sealed partial class IpmiCommandDispatcher
{
    private const byte DcmiGroupId = 0xDC;

    private PowerStatistics? _power;

    private static IEnumerable<Command> DcmiCommands() =>
    [
        new(NetFn.GroupExtension, 0x01, "Get DCMI Capabilities Info", 2, 2, static (d, _, data) => d.GetDcmiCapabilities(data)),
        new(NetFn.GroupExtension, 0x02, "Get Power Reading", 4, 4, static (d, _, data) => d.GetPowerReading(data)),
    ];

    private bool HasPowerSensor => _model.Sensors.Find(SensorNumbers.PowerConsumption) is { IsThreshold: true };

    // DCMI 1.5 §6.1.1, parameter revision 02h
    private IpmiResponse GetDcmiCapabilities(ReadOnlySpan<byte> data)
    {
        var request = DcmiCapabilitiesRequest.Read(data);
        var sel = _model.Options.SelCapacity;
        byte[]? value = request.Parameter switch
        {
            // reserved; optional: [0] power management; manageability access: [4] SOL, [3] primary LAN
            DcmiCapabilityParameter.SupportedCapabilities => [0x00, (byte)(HasPowerSensor ? 0x01 : 0x00), 0x18],
            // SEL: [11:0] entries, [15] rollover (overwrite when full); identification: [0] GUID;
            // temperature monitoring: [1] processors, [0] inlet; sampling every SensorScanInterval seconds
            DcmiCapabilityParameter.MandatoryPlatformAttributes =>
            [
                (byte)Math.Min(sel, 0xFFF),
                (byte)(((Math.Min(sel, 0xFFF) >> 8) & 0x0F) | (_model.Options.SelFullBehavior == SelFullBehavior.Overwrite ? 0x80 : 0)),
                0x01,
                0x03,
                (byte)Math.Clamp(_model.Options.SensorScanInterval.TotalSeconds, 1, 255),
            ],
            // power management device at slave address 20h, channel 0, revision 1
            DcmiCapabilityParameter.OptionalPlatformAttributes => [SdrImage.BmcAddress, 0x01],
            // primary LAN channel, no secondary LAN, no serial
            DcmiCapabilityParameter.ManageabilityAccessAttributes => [_options.LanChannel, 0xFF, 0xFF],
            // no rolling average periods
            DcmiCapabilityParameter.EnhancedSystemPowerStatisticsAttributes => [0x00],
            _ => null,
        };
        return value is null
            ? Fail(CompletionCode.InvalidDataField)
            : Ok(new DcmiCapabilitiesResponse(1, 5, 2, value).Write);
    }

    // DCMI 1.5 §6.6.1 Get Power Reading (system power statistics mode): now, and min/max/average of what this face
    // has read since its first reading.
    private IpmiResponse GetPowerReading(ReadOnlySpan<byte> data)
    {
        var request = PowerReadingRequest.Read(data);
        if (request.Mode != DcmiPowerReadingMode.SystemPowerStatistics)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        if (!HasPowerSensor)
        {
            return Fail(CompletionCode.NotSupportedInPresentState);
        }
        var sample = _model.ReadSensor(SensorNumbers.PowerConsumption);
        var now = _model.TimeProvider.GetUtcNow();
        ushort watts = (ushort)Math.Clamp(Math.Round(sample.Value), 0, ushort.MaxValue);
        PowerStatistics stats;
        lock (_lock)
        {
            stats = _power = _power is null ? new PowerStatistics(now, watts, watts, watts, watts, 1) : _power.Add(watts);
        }
        uint timestamp = (uint)Math.Clamp(_model.SelTime.ToUnixTimeSeconds(), 0, 0xFFFFFFFE);
        uint period = (uint)Math.Clamp((now - stats.Since).TotalMilliseconds, 0, uint.MaxValue);
        return Ok(new PowerReadingResponse(watts, stats.Minimum, stats.Maximum, stats.Average, timestamp, period,
            MeasurementActive: !sample.Unavailable).Write);
    }

    private sealed record PowerStatistics(DateTimeOffset Since, ushort Minimum, ushort Maximum, ushort Average, long Sum, long Count)
    {
        public PowerStatistics Add(ushort watts)
        {
            long sum = Sum + watts;
            long count = Count + 1;
            return this with
            {
                Minimum = Math.Min(Minimum, watts),
                Maximum = Math.Max(Maximum, watts),
                Sum = sum,
                Count = count,
                Average = (ushort)(sum / count),
            };
        }
    }
}
