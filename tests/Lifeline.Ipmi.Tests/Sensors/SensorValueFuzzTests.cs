using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;
using Lifeline.Ipmi.Tests.Vectors;
using Xunit.Abstractions;

namespace Lifeline.Ipmi.Tests.Sensors;

public class SensorValueFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 40_000;

    [Fact]
    public void MutatedSdrsAndReadingsOnlyEverThrowIpmiException()
    {
        var sensors = IpmiSimVectors.Sdr().OfType<SensorRecord>().Select(r => r.Raw.ToArray()).ToArray();
        var readings = IpmiSimVectors.States.SelectMany(s => IpmiSimVectors.Lines(Path.Combine(s, "readings.txt")))
            .Select(l => IpmiSimVectors.Hex(l)[1..]).ToArray();
        var mutator = new Mutator(seed: 3614);
        FuzzRunner.Run(output, "SensorValue.Decode", Inputs,
            _ =>
            {
                // one input = a mutated SDR followed by a mutated Get Sensor Reading answer, split by a length byte
                byte[] sdr = mutator.Mutate(sensors[mutator.Next(sensors.Length)], [4, 20, 23, 24, 29]);
                byte[] reading = mutator.Mutate(readings[mutator.Next(readings.Length)], []);
                return [(byte)Math.Min(sdr.Length, 255), .. sdr.AsSpan(0, Math.Min(sdr.Length, 255)), .. reading];
            },
            data =>
            {
                var sdr = SdrRecord.Parse(data.AsSpan(1, data[0]));
                var reading = IpmiSimVectors.ParseReading(data.AsSpan(1 + data[0]));
                if (sdr is SensorRecord sensor)
                {
                    var value = SensorValue.Decode(sensor, reading);
                    _ = value.ToListLine();
                    _ = value.ToExtendedListLine();
                    if (sensor is FullSensorRecord full && value.Value is { } v)
                    {
                        _ = full.Conversion.ToRaw(v);
                    }
                }
            });
    }
}
