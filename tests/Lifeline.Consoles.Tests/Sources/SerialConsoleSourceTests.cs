using System.IO.Ports;
using Lifeline.Consoles.Serial;
using Lifeline.Consoles.Sources;
using Lifeline.Consoles.Tests.Infrastructure;

namespace Lifeline.Consoles.Tests.Sources;

/// <summary>The serial source on real kernel ptys joined by socat: our end is a <see cref="SerialPort"/>, the far end a plain file.</summary>
public sealed class SerialConsoleSourceTests
{
    // every byte value once, then a UTF-8 box-drawing line and an escape sequence: nothing may be translated
    private static readonly byte[] AllBytes = [.. Enumerable.Range(0, 256).Select(i => (byte)i), .. "\u2554\u2550\u2557 \u00e9\u001b[1;31mred\u001b[0m\r\n"u8.ToArray()];

    [SkippableFact]
    public async Task BytesOfEveryValueCrossTheSerialLineBothWaysUnchanged()
    {
        await using var pair = await PtyPair.StartAsync();
        await using var source = new SerialConsoleSource(new SerialConsoleOptions { Device = pair.A, BaudRate = 115200, Parity = Parity.None });
        await source.ConnectAsync(CancellationToken.None);
        await using var far = PtyPair.OpenEnd(pair.B);

        await source.WriteAsync(AllBytes, CancellationToken.None);
        var received = await ByteReader.ReadExactlyAsync(far, AllBytes.Length, "the pty's far end reading what the serial source wrote");
        Assert.Equal(AllBytes, received);

        await far.WriteAsync(AllBytes);
        await far.FlushAsync();
        var output = await ByteReader.ReadUntilAsync(source, seen => seen.Length >= AllBytes.Length, "console output from the far end");
        Assert.Equal(AllBytes, output);
    }

    [SkippableFact]
    public async Task EvenParityAndSoftwareFlowControlAreAcceptedByTheDevice()
    {
        await using var pair = await PtyPair.StartAsync();
        await using var source = new SerialConsoleSource(new SerialConsoleOptions
        {
            Device = pair.A, BaudRate = 9600, Parity = Parity.Even, DataBits = 7, FlowControl = Handshake.XOnXOff,
        });
        await source.ConnectAsync(CancellationToken.None);
        await using var far = PtyPair.OpenEnd(pair.B);
        await source.WriteAsync("login\r"u8.ToArray(), CancellationToken.None);
        Assert.Equal("login\r"u8.ToArray(), await ByteReader.ReadExactlyAsync(far, 6, "text through a 7E1 line"));
        Assert.True(source.SupportsBreak);
    }

    [Fact]
    public async Task AMissingDeviceIsUnreachableWithANextStep()
    {
        await using var source = new SerialConsoleSource(new SerialConsoleOptions { Device = "/dev/lifeline-no-such-tty" });
        var error = await Assert.ThrowsAsync<ConsoleException>(() => source.ConnectAsync(CancellationToken.None));
        Assert.Equal(ConsoleErrorCategory.Unreachable, error.Category);
        Assert.Contains("device path", error.NextStep, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheConsoleCompletesWhenTheDeviceGoesAway()
    {
        var pair = await PtyPair.StartAsync();
        await using var source = new SerialConsoleSource(new SerialConsoleOptions { Device = pair.A });
        await source.ConnectAsync(CancellationToken.None);
        await pair.DisposeAsync();
        // the pty vanishes with socat: the read loop ends, with or without an error, but it ends
        var ended = await Record.ExceptionAsync(() => source.Completion.WaitAsync(ByteReader.Deadline));
        Assert.True(ended is null or ConsoleException { Category: ConsoleErrorCategory.Closed }, ended?.ToString());
    }
}
