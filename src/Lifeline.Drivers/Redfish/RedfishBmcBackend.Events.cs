using System.Runtime.CompilerServices;

namespace Lifeline.Drivers.Redfish;

// events watch — EventService.ServerSentEventUri (DSP0266 v1.20 clause "Server-sent events"): one Event per SSE
// message, each carrying one or more event records.
public sealed partial class RedfishBmcBackend
{
    /// <summary>Requests may wait this long for the stream to open; the stream itself runs until cancelled.</summary>
    private static readonly TimeSpan StreamOpenTimeout = TimeSpan.FromSeconds(30);

    public async IAsyncEnumerable<BmcEvent> WatchEventsAsync(BmcTarget target, ConnectionSettings connection,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bmc = Connect(target, connection, StreamOpenTimeout);
        await using (bmc.ConfigureAwait(false))
        {
            await foreach (var message in bmc.ReadServerSentEventsAsync(ct: cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in message.Events ?? [])
                {
                    yield return new BmcEvent(record.EventTimestamp, record.Severity, record.MessageId,
                        record.Message ?? record.MessageId ?? record.EventType ?? "event", record.OriginOfCondition?.ODataId);
                }
            }
        }
    }
}
