using System.IO.Ports;
using Lifeline.Consoles.Hub;

namespace Lifeline.Consoles.Tests.Hub;

/// <summary>The inventory's console method forms and the logging attribute.</summary>
public sealed class ConsoleMethodTests
{
    [Fact]
    public void EveryContractFormParses()
    {
        Assert.Equal(ConsoleMethodKind.Sol, ConsoleMethod.Parse("sol").Kind);
        var tcp = ConsoleMethod.Parse("tcp://cs1.example:7001");
        Assert.Equal((ConsoleMethodKind.Tcp, "cs1.example", 7001), (tcp.Kind, tcp.Host, tcp.Port));
        Assert.Equal(ConsoleMethodKind.Telnet, ConsoleMethod.Parse("telnet://10.0.0.9:2001").Kind);
        var ssh = ConsoleMethod.Parse("ssh://admin@bmc7");
        Assert.Equal((ConsoleMethodKind.Ssh, "bmc7", 22, "admin"), (ssh.Kind, ssh.Host, ssh.Port, ssh.User));
        var serial = ConsoleMethod.Parse("serial:///dev/ttyS1?speed=9600&parity=even&flow=xonxoff&bits=7").Serial!;
        Assert.Equal(("/dev/ttyS1", 9600, Parity.Even, Handshake.XOnXOff, 7), (serial.Device, serial.BaudRate, serial.Parity, serial.FlowControl, serial.DataBits));
    }

    [Theory]
    [InlineData("ipmi://bmc1", "not a console method scheme")]
    [InlineData("tcp://cs1", "needs a host and a port")]
    [InlineData("ssh://root:hunter2@host", "holds a password")]
    [InlineData("serial:///dev/ttyS0?speed=fast", "not a serial setting")]
    [InlineData("console please", "not a console method")]
    public void BadMethodsAreRefusedWithWhatToWrite(string text, string expected)
    {
        Assert.False(ConsoleMethod.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, ConsoleLoggingMode.Full, true)]
    [InlineData("on-demand", ConsoleLoggingMode.OnDemand, true)]
    [InlineData("none", ConsoleLoggingMode.None, true)]
    [InlineData("sometimes", ConsoleLoggingMode.Full, false)]
    public void TheLoggingAttributeDefaultsToFull(string? text, ConsoleLoggingMode mode, bool valid)
    {
        Assert.Equal(valid, ConsoleMethod.TryParseLogging(text, out var parsed));
        Assert.Equal(mode, parsed);
    }
    [Fact]
    public void ACommaSeparatedListParsesWithTheFirstAsTheDefault()
    {
        Assert.Equal(["sol", "tcp://cs1:7001", "ssh://admin@bmc7"], ConsoleMethod.SplitList(" sol, tcp://cs1:7001 ,,ssh://admin@bmc7"));
        Assert.True(ConsoleMethod.TryParseList("sol,tcp://cs1:7001", out var methods, out _));
        Assert.Equal([ConsoleMethodKind.Sol, ConsoleMethodKind.Tcp], methods.Select(m => m.Kind));
        Assert.False(ConsoleMethod.TryParseList("sol,tcp://cs1", out _, out var error));
        Assert.Contains("needs a host and a port", error, StringComparison.Ordinal);
        Assert.False(ConsoleMethod.TryParseList(" , ", out _, out _));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("1", 0)]
    [InlineData("2", 1)]
    [InlineData("tcp", 1)]
    [InlineData("TELNET", 2)]
    [InlineData("sol", 0)]
    public void ViaPicksAMethodByPositionFromOneOrByKind(string? via, int expected)
    {
        string[] methods = ["sol", "tcp://cs1:7001", "telnet://cs1:7002", "tcp://cs2:7001"];
        Assert.True(ConsoleMethod.TryFindVia(methods, via, out int index, out var error), error);
        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("0", "use 1 to 2")]
    [InlineData("3", "use 1 to 2")]
    [InlineData("ssh", "no ssh console")]
    [InlineData("modem", "a kind: sol, tcp")]
    public void AViaTheNodeDoesNotHaveIsRefusedWithItsMethods(string via, string expected)
    {
        Assert.False(ConsoleMethod.TryFindVia(["sol", "tcp://cs1:7001"], via, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
    [Fact]
    public void ATelnetUrlCarriesLineSettingsForRfc2217AndARawOneRefusesThem()
    {
        var telnet = ConsoleMethod.Parse("telnet://cs1:7001?speed=9600&parity=none&bits=8&stop=1&flow=rtscts");
        Assert.Equal((ConsoleMethodKind.Telnet, "cs1", 7001), (telnet.Kind, telnet.Host, telnet.Port));
        Assert.Equal(new ConsoleLineSettings { BaudRate = 9600, Parity = Parity.None, DataBits = 8, StopBits = StopBits.One, FlowControl = Handshake.RequestToSend }, telnet.Line);
        Assert.Null(ConsoleMethod.Parse("telnet://cs1:7001").Line);
        Assert.False(ConsoleMethod.TryParse("tcp://cs1:7001?speed=9600", out _, out var error));
        Assert.Contains("telnet://", error, StringComparison.Ordinal);
        Assert.False(ConsoleMethod.TryParse("telnet://cs1:7001?speed=-1", out _, out error));
        Assert.Contains("not a serial setting", error, StringComparison.Ordinal);
    }
}
