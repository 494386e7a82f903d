using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Commands.Sensor;
using Lifeline.Ipmi.Commands.Storage;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sensors;

namespace Lifeline.Drivers.Ipmi;

// sensors — IPMI v2.0 §33 SDR repository (cached, see SdrCache), §35.14 Get Sensor Reading, decoded with §36.3.
public sealed partial class IpmiBmcBackend
{
    public Task<SensorsResult> ReadSensorsAsync(BmcTarget target, ConnectionSettings settings, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.User, async session =>
        {
            var records = await ReadSdrAsync(target, session, cancellationToken).ConfigureAwait(false);
            var result = new List<SensorsResultBuilder.Entry>();
            foreach (var record in records.OfType<SensorRecord>())
            {
                if (record.OwnerLun != 0 || record.OwnerId != Lifeline.Ipmi.Messages.IpmiLanMessage.BmcAddress)
                {
                    continue; // sensors owned by satellite controllers need bridging (not done)
                }
                SensorReading reading;
                try
                {
                    reading = await session.ExecuteAsync(new GetSensorReading(record.SensorNumber), cancellationToken).ConfigureAwait(false);
                }
                catch (IpmiException e) when (e.Error == IpmiError.CompletionCode)
                {
                    // CBh "not present" and friends: report the sensor as unavailable, like ipmitool's "ns"
                    result.Add(new SensorsResultBuilder.Entry(record, null));
                    continue;
                }
                result.Add(new SensorsResultBuilder.Entry(record, reading));
            }
            return SensorsResultBuilder.Build(result);
        }, cancellationToken);

    private async Task<IReadOnlyList<SdrRecord>> ReadSdrAsync(BmcTarget target, IpmiSession session, CancellationToken cancellationToken)
    {
        var info = await session.ExecuteAsync(new GetSdrRepositoryInfo(), cancellationToken).ConfigureAwait(false);
        string key = $"{session.Endpoint.Address}_{session.Endpoint.Port}";
        var raw = SdrCache.TryGet(key, info);
        if (raw is null)
        {
            raw = await SdrRepositoryReader.ReadAllAsync(session, cancellationToken).ConfigureAwait(false);
            SdrCache.Put(key, info, raw);
        }
        var records = new List<SdrRecord>(raw.Count);
        foreach (var bytes in raw)
        {
            try
            {
                records.Add(SdrRecord.Parse(bytes));
            }
            catch (IpmiException)
            {
                // one malformed record must not hide the others
            }
        }
        return records;
    }
}

/// <summary>Turns decoded SDR + readings into the CLI's sensor rows (ipmitool `sdr list` semantics).</summary>
internal static class SensorsResultBuilder
{
    internal readonly record struct Entry(SensorRecord Record, SensorReading? Reading);

    public static SensorsResult Build(IEnumerable<Entry> entries)
    {
        var rows = new List<SensorReadingResult>();
        foreach (var (record, reading) in entries)
        {
            if (reading is not SensorReading r)
            {
                rows.Add(new SensorReadingResult(record.IdString, record.SensorType.Text(), null, null, SensorStatus.Unavailable, "not present"));
                continue;
            }
            var value = SensorValue.Decode(record, r);
            var status = value.Status switch
            {
                "ok" => SensorStatus.Ok,
                "nc" => SensorStatus.Warning,
                "cr" => SensorStatus.Critical,
                "nr" => SensorStatus.NonRecoverable,
                _ => SensorStatus.Unavailable,
            };
            string? state = value.Value is null && value.States.Count > 0 ? string.Join(", ", value.States) : null;
            rows.Add(new SensorReadingResult(value.Name, value.SensorTypeText, value.Value, value.Value is null ? null : value.Unit, status, state)
            {
                Thresholds = value.Value is null ? null : ThresholdsOf(record),
            });
        }
        return new SensorsResult(rows);
    }

    /// <summary>The readable thresholds of a full threshold record (§43.1 reading mask bits [5:0]), in units.</summary>
    internal static SensorThresholdValues? ThresholdsOf(SensorRecord record)
    {
        if (record is not FullSensorRecord { IsThreshold: true } full || full.ReadableThresholds == ThresholdMask.None)
        {
            return null;
        }
        double? Read(ThresholdMask mask) => (full.ReadableThresholds & mask) != 0 ? full.ThresholdValue(mask) : null;
        return new SensorThresholdValues(
            Read(ThresholdMask.LowerNonRecoverable),
            Read(ThresholdMask.LowerCritical),
            Read(ThresholdMask.LowerNonCritical),
            Read(ThresholdMask.UpperNonCritical),
            Read(ThresholdMask.UpperCritical),
            Read(ThresholdMask.UpperNonRecoverable));
    }
}
