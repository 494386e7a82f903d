using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sel;
using Lifeline.Ipmi.Tests.Vectors;
using Xunit.Abstractions;

namespace Lifeline.Ipmi.Tests.Sel;

public class SelFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 50_000;

    [Fact]
    public void MutatedSelEntriesOnlyEverThrowIpmiException()
    {
        byte[][] entries = IpmiSimVectors.SelEntries();
        var sdr = IpmiSimVectors.Sdr();
        var mutator = new Mutator(seed: 32);
        // SDR repositories that are themselves damaged: the formatter must cope with whatever the lookup returns.
        var damaged = Enumerable.Range(0, 200)
            .Select(_ => mutator.Mutate(sdr[1 + mutator.Next(sdr.Count - 1)].Raw.Span, [4, 25, 29]))
            .Select(TryParse)
            .OfType<SdrRecord>()
            .ToArray();
        FuzzRunner.Run(output, "SelRecord.Parse + SelFormatter", Inputs,
            i => i % 8 == 0
                ? mutator.Mutate(entries.SelectMany(e => e).ToArray(), [])
                : mutator.Mutate(entries[mutator.Next(entries.Length)], [2, 12, 13]),
            data =>
            {
                var records = data.Length > 16 && data.Length % 16 == 0 ? SelRecord.ParseAll(data) : [SelRecord.Parse(data)];
                foreach (var record in records)
                {
                    _ = SelFormatter.FormatLine(record, sdr.FindSensor);
                    _ = SelFormatter.FormatLine(record, (_, _) => damaged[mutator.Next(damaged.Length)]);
                    _ = SelFormatter.Format(record).ToString();
                    _ = SelFormatter.Severity(record);
                    _ = SelRecord.Parse(record.Encode());
                    if (record is SystemEventRecord e)
                    {
                        _ = (e.Data2Usage, e.Data3Usage, e.Time, e.ToString());
                    }
                }
            });
    }

    private static SdrRecord? TryParse(byte[] data)
    {
        try
        {
            return SdrRecord.Parse(data);
        }
        catch (IpmiException)
        {
            return null;
        }
    }
}
