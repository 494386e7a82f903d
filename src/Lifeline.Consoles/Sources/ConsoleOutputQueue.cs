using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Lifeline.Consoles.Sources;

/// <summary>
/// The output side shared by the sources: an unbounded single-reader queue of chunks plus the completion reason.
/// Unbounded on purpose: a console must never block its transport's receive loop (SOL acks, SSH windows); the hub
/// reading it is the back-pressure point and logs to disk.
/// </summary>
internal sealed class ConsoleOutputQueue
{
    private readonly Channel<ReadOnlyMemory<byte>> _channel =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    public void Write(ReadOnlyMemory<byte> chunk)
    {
        if (!chunk.IsEmpty)
        {
            _channel.Writer.TryWrite(chunk);
        }
    }

    public void Complete(ConsoleException? error = null)
    {
        _channel.Writer.TryComplete();
        if (error is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(error);
        }
    }

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }
}
