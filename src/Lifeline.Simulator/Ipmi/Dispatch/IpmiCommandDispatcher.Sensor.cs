using Lifeline.Ipmi.Commands.Sensor;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sensors;
using Lifeline.Simulator.Model;
using IpmiThresholds = Lifeline.Ipmi.Commands.Sensor.SensorThresholds;

namespace Lifeline.Simulator.Ipmi.Dispatch;

// Sensor/Event (NetFn 04h): readings and thresholds from the model's sensor table.
public sealed partial class IpmiCommandDispatcher
{
    private static IEnumerable<Command> SensorCommands() =>
    [
        new(NetFn.SensorEvent, 0x27, "Get Sensor Thresholds", 1, 1, static (d, _, data) => d.GetSensorThresholds(data)),
        new(NetFn.SensorEvent, 0x2D, "Get Sensor Reading", 1, 1, static (d, _, data) => d.GetSensorReading(data)),
    ];

    // §35.14 Get Sensor Reading: events and scanning enabled; "unavailable" while a main-power sensor has no
    // reading; threshold comparison bits or the asserted discrete states. Event-only sensors have no reading (CDh).
    private IpmiResponse GetSensorReading(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Sensor.GetSensorReading.Read(data);
        if (!_model.TryReadSensor(request.SensorNumber, out var sample))
        {
            return Fail(CompletionCode.RequestedDataNotPresent);
        }
        if (sample.Definition.EventOnly)
        {
            return Fail(CompletionCode.CommandIllegalForSensorOrRecord);
        }
        var reading = new SensorReading(sample.Raw, EventMessagesEnabled: true, ScanningEnabled: true, sample.Unavailable,
            (ushort)(sample.States & 0x7FFF), StateBytesPresent: 2);
        var w = new IpmiWriter(4);
        SensorReadingCodec.Write(w, reading);
        return new IpmiResponse(CompletionCode.Success, w.ToArray());
    }

    // §35.9 Get Sensor Thresholds: the present thresholds as raw values; CDh for discrete sensors.
    private IpmiResponse GetSensorThresholds(ReadOnlySpan<byte> data)
    {
        var request = Lifeline.Ipmi.Commands.Sensor.GetSensorThresholds.Read(data);
        var sensor = _model.Sensors.Find(request.SensorNumber);
        if (sensor is null)
        {
            return Fail(CompletionCode.RequestedDataNotPresent);
        }
        if (!sensor.IsThreshold)
        {
            return Fail(CompletionCode.CommandIllegalForSensorOrRecord);
        }
        byte Raw(SensorThreshold t) => sensor.Thresholds[t] is { } limit ? sensor.ToRaw(limit) : (byte)0;
        return Ok(new SensorThresholdsResponse((IpmiThresholds)sensor.Thresholds.PresentMask,
            Raw(SensorThreshold.LowerNonCritical), Raw(SensorThreshold.LowerCritical), Raw(SensorThreshold.LowerNonRecoverable),
            Raw(SensorThreshold.UpperNonCritical), Raw(SensorThreshold.UpperCritical), Raw(SensorThreshold.UpperNonRecoverable)).Write);
    }
}
