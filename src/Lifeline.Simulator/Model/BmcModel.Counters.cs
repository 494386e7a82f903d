namespace Lifeline.Simulator.Model;

// How often the IPMI face was asked for the SEL, so tests can prove a poller is cheap (one Get SEL Info when nothing
// changed) without timing anything.
public sealed partial class BmcModel
{
    private long _selInfoRequests;
    private long _selEntryRequests;

    /// <summary>Get SEL Info requests the IPMI face answered for this node.</summary>
    public long SelInfoRequests => Interlocked.Read(ref _selInfoRequests);

    /// <summary>Get SEL Entry requests the IPMI face answered for this node.</summary>
    public long SelEntryRequests => Interlocked.Read(ref _selEntryRequests);

    internal void CountSelInfoRequest() => Interlocked.Increment(ref _selInfoRequests);

    internal void CountSelEntryRequest() => Interlocked.Increment(ref _selEntryRequests);
}
