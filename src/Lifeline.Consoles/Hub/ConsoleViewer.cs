using System.Threading.Channels;

namespace Lifeline.Consoles.Hub;

/// <summary>
/// One attached client of a node's console. The hub puts frames into a bounded queue; the access layer (WebSocket)
/// reads <see cref="Frames"/>. When the queue is full the viewer is dropped: <see cref="Frames"/> completes and
/// <see cref="DropReason"/> says why.
/// </summary>
public sealed class ConsoleViewer
{
    private readonly Channel<ConsoleFrame> _queue;

    internal ConsoleViewer(ConsoleSession session, string user, string source, int capacity)
    {
        Session = session;
        User = user;
        Source = source;
        _queue = Channel.CreateBounded<ConsoleFrame>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // only TryWrite is used: full means drop the viewer
        });
    }

    public ConsoleSession Session { get; }

    /// <summary>The user name (as audited and shown as the writer).</summary>
    public string User { get; }

    /// <summary>Where the viewer connects from (an address), for the audit.</summary>
    public string Source { get; }

    public ChannelReader<ConsoleFrame> Frames => _queue.Reader;

    /// <summary>Why the hub dropped this viewer (too slow, the console went away), or null.</summary>
    public string? DropReason { get; private set; }

    public bool IsWriter => ReferenceEquals(Session.Writer, this);

    internal bool TryEnqueue(ConsoleFrame frame) => _queue.Writer.TryWrite(frame);

    internal void Close(string? reason)
    {
        DropReason ??= reason;
        _queue.Writer.TryComplete();
    }
}
