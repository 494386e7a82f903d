using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Tests.Vectors;
using Xunit.Abstractions;

namespace Lifeline.Ipmi.Tests.Sdr;

public class SdrFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 60_000;

    [Fact]
    public void MutatedSdrRecordsOnlyEverThrowIpmiException()
    {
        byte[] repository = IpmiSimVectors.Bytes("sdr.bin");
        var records = IpmiSimVectors.Sdr().Select(r => r.Raw.ToArray()).ToArray();
        var mutator = new Mutator(seed: 20260101);
        FuzzRunner.Run(output, "SdrRecord.Parse", Inputs,
            i =>
            {
                if (i % 10 == 0)
                {
                    return mutator.Mutate(repository, [4, 31]);
                }
                byte[] seed = records[mutator.Next(records.Length)];
                return mutator.Mutate(seed, [4, seed.Length - 1 - (seed[^1] == 0 ? 0 : FindIdLength(seed))]);
            },
            data =>
            {
                if (data.Length > 120)
                {
                    foreach (var r in SdrRecord.ParseAll(data))
                    {
                        Exercise(r);
                    }
                    return;
                }
                Exercise(SdrRecord.Parse(data));
            });
    }

    private static void Exercise(SdrRecord record)
    {
        _ = record.ToString();
        if (record is ISensorIdentity sensor)
        {
            _ = sensor.NameOf(sensor.SensorNumber);
            _ = sensor.Covers(0xFF);
        }
        if (record is FullSensorRecord full)
        {
            _ = full.Conversion.ToPhysical(full.NominalReading);
            _ = full.Conversion.ToRaw(42.5);
            _ = full.ThresholdValue(ThresholdMask.UpperCritical);
        }
        // Encoding a decoded record may refuse (an ID string too long to write back) but must not crash.
        byte[] encoded = record.Encode();
        _ = SdrRecord.Parse(encoded);
    }

    private static int FindIdLength(byte[] record) => Math.Min(record[^1] & 0x1F, record.Length - 1);
}
