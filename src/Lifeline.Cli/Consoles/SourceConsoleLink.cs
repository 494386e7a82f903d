using Lifeline.Consoles.Sources;

namespace Lifeline.Cli.Consoles;

/// <summary>
/// Direct mode: one <see cref="IConsoleSource"/> (a BMC's SOL) with no service in between. There is no one to share
/// the console with, so writer/force are no-ops, spy only stops sending keystrokes here, and replay and the power menu
/// need the fleet service.
/// </summary>
public sealed class SourceConsoleLink : IConsoleLink
{
    private readonly IConsoleSource _source;
    private bool _readOnly;

    public SourceConsoleLink(IConsoleSource source) => _source = source;

    public string Description => _source.Description;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _source.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConsoleException e)
        {
            throw new UsageException(Describe(e));
        }
    }

    public async Task<ConsoleEnd> ReceiveAsync(IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        await foreach (var chunk in _source.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await sink.OutputAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _source.Completion.ConfigureAwait(false);
            return new ConsoleEnd(ExitCodes.Ok, "the console closed");
        }
        catch (ConsoleException e)
        {
            return new ConsoleEnd(ExitCodes.SomeFailed, $"the console closed: {Describe(e)}");
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> data, IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_readOnly)
        {
            return;
        }

        await _source.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

    public async Task BreakAsync(IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            await _source.SendBreakAsync(cancellationToken).ConfigureAwait(false);
            sink.Status("break sent");
        }
        catch (ConsoleException e)
        {
            sink.Status($"break: {Describe(e)}");
        }
    }

    public Task WriterAsync(bool force, IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _readOnly = false;
        sink.Status("direct mode: you are the only client and the writer");
        return Task.CompletedTask;
    }

    public Task SpyAsync(IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _readOnly = true;
        sink.Status("read only: keystrokes are not sent (Ctrl-E c w to type again)");
        return Task.CompletedTask;
    }

    public Task ReplayAsync(int lines, IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        sink.Status("replay needs the fleet service, which keeps the console's history (direct mode shows only what arrives now)");
        return Task.CompletedTask;
    }

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PowerAsync(string action, IConsoleSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        sink.Status($"the power menu needs the fleet service; in direct mode run: lifeline power {action} --bmc URL");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static string Describe(ConsoleException e) =>
        e.NextStep is { Length: > 0 } next ? $"{e.Message}; {next}" : e.Message;
}
