using System.Text;
using System.Threading.Channels;
using Lifeline.Consoles.Sources;

namespace Lifeline.Consoles.Tests.Hub;

/// <summary>An in-memory console: the test emits output and sees what was written to it.</summary>
internal sealed class FakeConsoleSource : IConsoleSource
{
    private readonly ConsoleOutputQueue _output = new();

    public Channel<byte[]> Written { get; } = Channel.CreateUnbounded<byte[]>();

    public bool IsConnected { get; private set; }

    public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Breaks { get; private set; }

    public string Description => "fake://console";

    public bool SupportsBreak => true;

    public Task Completion => _output.Completion;

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        IsConnected = true;
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken) => _output.ReadAllAsync(cancellationToken);

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Written.Writer.TryWrite(data.ToArray());
        return Task.CompletedTask;
    }

    public Task SendBreakAsync(CancellationToken cancellationToken)
    {
        Breaks++;
        return Task.CompletedTask;
    }

    public void Emit(string text) => _output.Write(Encoding.UTF8.GetBytes(text));

    public void Emit(byte[] data) => _output.Write(data);

    public void Fail() => _output.Complete(new ConsoleException(ConsoleErrorCategory.Closed, "the fake console went away", "retry"));

    public ValueTask DisposeAsync()
    {
        IsConnected = false;
        _output.Complete();
        Disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Makes fake sources for the hub and hands each one, connected, to the test.</summary>
internal sealed class FakeConsoleFactory
{
    public Channel<FakeConsoleSource> Opened { get; } = Channel.CreateUnbounded<FakeConsoleSource>();

    public int Attempts;

    /// <summary>When set, opening fails with this (counted in <see cref="Attempts"/>).</summary>
    public Func<Exception>? Failure { get; set; }

    public Task<IConsoleSource> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (Failure is { } failure)
        {
            throw failure();
        }

        var source = new FakeConsoleSource();
        Opened.Writer.TryWrite(source);
        return Task.FromResult<IConsoleSource>(source);
    }

    public async Task<FakeConsoleSource> NextAsync() => await Opened.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
