using Lifeline.Consoles.Sources;
using Lifeline.Consoles.Tcp;
using Lifeline.Consoles.Tests.Infrastructure;

namespace Lifeline.Consoles.Tests.Sources;

/// <summary>Console-server ports: Debian's ser2net serving one end of a socat pty pair, raw and telnet.</summary>
public sealed class TcpConsoleSourceTests
{
    // IAC (255) inside data, CR NUL and CR LF, UTF-8 and an escape sequence: the telnet layer must give back exactly these
    private static readonly byte[] Tricky =
        [.. "boot: "u8.ToArray(), 0xFF, 0xFF, 0xFB, 0x01, 0x0D, 0x00, 0x0D, 0x0A, .. "\u00e9\u2500\u001b[2J"u8.ToArray(), 0xFE, 0x80, 0x00, 0x0D];

    [SkippableTheory]
    [InlineData(TcpConsoleMode.Telnet, 0)]
    [InlineData(TcpConsoleMode.Raw, 1)]
    public async Task BytesCrossSer2NetBothWaysUnchanged(TcpConsoleMode mode, int slot)
    {
        await using var pair = await PtyPair.StartAsync();
        int port = TestPorts.For(slot);
        await using var server = await Ser2Net.StartAsync(pair.B, port, telnet: mode == TcpConsoleMode.Telnet);
        await using var source = new TcpConsoleSource(new TcpConsoleOptions { Host = "127.0.0.1", Port = port, Mode = mode });
        await source.ConnectAsync(CancellationToken.None);
        await using var far = PtyPair.OpenEnd(pair.A);

        await WaitForAsync(() => source.IsBinary, "binary mode negotiated with ser2net");

        await source.WriteAsync(Tricky, CancellationToken.None);
        Assert.Equal(Tricky, await ByteReader.ReadExactlyAsync(far, Tricky.Length, $"{mode}: the serial side reading what we sent"));

        await far.WriteAsync(Tricky);
        await far.FlushAsync();
        var output = await ByteReader.ReadUntilAsync(source, seen => seen.Length >= Tricky.Length, $"{mode}: output from the serial side");
        Assert.Equal(Tricky, output);
    }

    [SkippableFact]
    public async Task ATelnetBreakIsAcceptedAndTheConsoleStaysUsable()
    {
        await using var pair = await PtyPair.StartAsync();
        int port = TestPorts.For(2);
        await using var server = await Ser2Net.StartAsync(pair.B, port, telnet: true);
        await using var source = new TcpConsoleSource(new TcpConsoleOptions { Host = "127.0.0.1", Port = port });
        await source.ConnectAsync(CancellationToken.None);
        await using var far = PtyPair.OpenEnd(pair.A);
        Assert.True(source.SupportsBreak);
        await source.SendBreakAsync(CancellationToken.None);
        await source.WriteAsync("after-break"u8.ToArray(), CancellationToken.None);
        var seen = await ByteReader.ReadExactlyAsync(far, 11, "text after the break");
        // a pty may render the break as a NUL; what follows must be intact
        Assert.EndsWith("after-break", System.Text.Encoding.ASCII.GetString(seen).TrimStart('\0'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARawPortRefusesABreakWithUnsupported()
    {
        await using var source = new TcpConsoleSource(new TcpConsoleOptions { Host = "127.0.0.1", Port = 1, Mode = TcpConsoleMode.Raw });
        Assert.False(source.SupportsBreak);
        var error = await Assert.ThrowsAsync<ConsoleException>(() => source.SendBreakAsync(CancellationToken.None));
        Assert.Equal(ConsoleErrorCategory.Closed, error.Category); // not connected yet: closed comes first
    }

    [Fact]
    public async Task AClosedPortIsUnreachable()
    {
        await using var source = new TcpConsoleSource(new TcpConsoleOptions { Host = "127.0.0.1", Port = TestPorts.For(7) });
        var error = await Assert.ThrowsAsync<ConsoleException>(() => source.ConnectAsync(CancellationToken.None));
        Assert.Equal(ConsoleErrorCategory.Unreachable, error.Category);
        Assert.True(error.MayRetry);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + ByteReader.Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {ByteReader.Deadline.TotalSeconds} s");
            }
            await Task.Delay(10);
        }
    }
}
