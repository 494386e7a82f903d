using Lifeline.Ipmi;
using Lifeline.Ipmi.Operations;
using Lifeline.Ipmi.Sdr;
using Lifeline.Ipmi.Sel;
using IpmiSeverity = Lifeline.Ipmi.Sensors.EventSeverity;

namespace Lifeline.Drivers.Ipmi;

// sel list|clear — IPMI v2.0 §31 SEL device commands, §32 record formats, decoded with the SDR for sensor names.
public sealed partial class IpmiBmcBackend
{
    public Task<SelResult> ListSelAsync(BmcTarget target, ConnectionSettings settings, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.User, async session =>
        {
            var snapshot = await new SelReader(session, _time).ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var sdr = await ReadSdrAsync(target, session, cancellationToken).ConfigureAwait(false);
            var repository = new SdrRepository(sdr);
            var events = new List<SelEvent>(snapshot.Entries.Count);
            foreach (var bytes in snapshot.Entries)
            {
                if (Decode(bytes, repository) is { } decoded)
                {
                    events.Add(decoded.Event);
                }
                // a malformed entry is skipped; the rest are still shown
            }
            return new SelResult(events);
        }, cancellationToken);

    /// <summary>One raw SEL entry decoded with the SDR's sensor names, or null when it is malformed.</summary>
    private static (SelEvent Event, SelRecord Record)? Decode(byte[] bytes, SdrRepository repository)
    {
        SelRecord record;
        try
        {
            record = SelRecord.Parse(bytes);
        }
        catch (IpmiException)
        {
            return null;
        }
        var text = SelFormatter.Format(record, repository.FindSensor);
        DateTimeOffset? time = record is SystemEventRecord { IsPreInit: false } s ? s.Time
            : record is OemTimestampedSelRecord o ? o.Time : null;
        string message = string.Join(" | ", new[] { text.Event, text.Direction, text.Detail }.Where(x => !string.IsNullOrEmpty(x)));
        var severity = text.Severity switch
        {
            IpmiSeverity.Critical => EventSeverity.Critical,
            IpmiSeverity.Warning => EventSeverity.Warning,
            _ => EventSeverity.Info,
        };
        return (new SelEvent(record.RecordId, time, text.Sensor ?? "", message, severity), record);
    }

    public Task<ActionResult> ClearSelAsync(BmcTarget target, ConnectionSettings settings, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.Operator, async session =>
        {
            var reader = new SelReader(session, _time);
            var before = await reader.GetInfoAsync(cancellationToken).ConfigureAwait(false);
            await reader.ClearSelAsync(cancellationToken).ConfigureAwait(false);
            return new ActionResult($"SEL cleared ({before.Entries} entries erased)");
        }, cancellationToken);
}
