using System.Net;
using System.Net.Sockets;
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

    [SkippableFact]
    public async Task WithRfc2217TheSpeedAskedForIsSetOnTheDeviceSerNetOpened()
    {
        await using var pair = await PtyPair.StartAsync();
        int port = TestPorts.For(3);
        await using var server = await Ser2Net.StartAsync(pair.B, port, telnet: true, rfc2217: true);
        await using var source = new TcpConsoleSource(new TcpConsoleOptions
        {
            Host = "127.0.0.1", Port = port, BaudRate = 9600, Parity = System.IO.Ports.Parity.None, DataBits = 8,
        });
        await source.ConnectAsync(CancellationToken.None);
        await using var far = PtyPair.OpenEnd(pair.A);

        await WaitForAsync(() => source.PortControl && source.ReportedBaudRate == 9600, "ser2net agreeing to RFC 2217 and answering SET-BAUDRATE 9600");
        Assert.Equal("9600", await SttySpeedAsync(pair.B)); // ser2net configured 115200: the device now runs at what we asked

        await source.WriteAsync("at-9600"u8.ToArray(), CancellationToken.None);
        Assert.Equal("at-9600"u8.ToArray(), await ByteReader.ReadExactlyAsync(far, 7, "data after the line settings"));
        await source.SendBreakAsync(CancellationToken.None); // BREAK-ON … BREAK-OFF through RFC 2217
        await source.WriteAsync("after-break"u8.ToArray(), CancellationToken.None);
        var seen = await ByteReader.ReadExactlyAsync(far, 11, "text after the RFC 2217 break");
        Assert.EndsWith("after-break", System.Text.Encoding.ASCII.GetString(seen).TrimStart('\0'), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ATelnetAccepterWithoutRfc2217KeepsItsSpeedAndTheConsoleStillWorks()
    {
        await using var pair = await PtyPair.StartAsync();
        int port = TestPorts.For(5);
        await using var server = await Ser2Net.StartAsync(pair.B, port, telnet: true, rfc2217: false);
        await using var source = new TcpConsoleSource(new TcpConsoleOptions { Host = "127.0.0.1", Port = port, BaudRate = 9600 });
        await source.ConnectAsync(CancellationToken.None);
        await using var far = PtyPair.OpenEnd(pair.A);
        await WaitForAsync(() => source.IsBinary, "binary mode negotiated with ser2net");

        await source.WriteAsync("plain"u8.ToArray(), CancellationToken.None);
        Assert.Equal("plain"u8.ToArray(), await ByteReader.ReadExactlyAsync(far, 5, "data through a server without RFC 2217"));
        Assert.False(source.PortControl);
        Assert.Null(source.ReportedBaudRate);
        Assert.Equal("115200", await SttySpeedAsync(pair.B));
    }

    [Fact]
    public async Task AServerRefusingComPortControlGetsNoRfc2217BytesBeyondTheRefusedOffer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var source = new TcpConsoleSource(new TcpConsoleOptions
        {
            Host = "127.0.0.1", Port = port, BaudRate = 9600, FlowControl = System.IO.Ports.Handshake.None,
        });
        var accepting = listener.AcceptTcpClientAsync();
        await source.ConnectAsync(CancellationToken.None);
        using var peer = await accepting.WaitAsync(ByteReader.Deadline);
        var stream = peer.GetStream();
        // refuse everything, as a telnet server that knows none of these options does
        await stream.WriteAsync(new byte[] { 255, 254, 0, 255, 252, 0, 255, 254, 3, 255, 252, 3, 255, 254, 44 });
        await stream.WriteAsync("ready"u8.ToArray());
        await ByteReader.ReadUntilAsync(source, seen => ByteReader.Contains(seen, "ready"u8.ToArray()), "data after the refusals");
        await source.SendBreakAsync(CancellationToken.None);
        await source.WriteAsync("end"u8.ToArray(), CancellationToken.None);

        var received = new List<byte>();
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(ByteReader.Deadline);
        while (!received.ToArray().AsSpan().EndsWith("end"u8))
        {
            int n = await stream.ReadAsync(buffer, timeout.Token);
            Assert.NotEqual(0, n);
            received.AddRange(buffer.AsSpan(0, n));
        }

        // the opening offers, WILL COM-PORT-OPTION among them, then a plain telnet break and the data: no sub-negotiation
        byte[] expected = [255, 251, 0, 255, 253, 0, 255, 251, 3, 255, 253, 3, 255, 251, 44, 255, 243, .. "end"u8];
        Assert.Equal(expected, received.ToArray());
    }

    private static async Task<string> SttySpeedAsync(string device)
    {
        var stty = new System.Diagnostics.ProcessStartInfo("stty", ["-F", device, "speed"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(stty)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(ByteReader.Deadline);
        return output.Trim();
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
