using System.Buffers;
using System.Buffers.Binary;
using System.IO.Ports;

namespace Lifeline.Consoles.Tcp;

/// <summary>
/// The wire form of RFC 2217 (Telnet Com Port Control, option 44): <c>IAC SB COM-PORT-OPTION command value… IAC SE</c>
/// with IAC doubled inside the value. Encodes the line settings a <see cref="TcpConsoleOptions"/> asks for and the break
/// controls.
/// </summary>
public static class ComPortControl
{
    /// <summary>The telnet option number of RFC 2217.</summary>
    public const byte Option = 44;

    /// <summary>A server's answer carries the client's command plus this.</summary>
    public const byte ServerOffset = 100;

    /// <summary>SET-CONTROL values (RFC 2217): outbound flow control and break state.</summary>
    public const byte ControlNoFlow = 1;
    public const byte ControlXOnXOff = 2;
    public const byte ControlHardware = 3;
    public const byte ControlBreakOn = 5;
    public const byte ControlBreakOff = 6;

    /// <summary>Whether the options ask for any line setting (only then is the option negotiated).</summary>
    public static bool Wanted(TcpConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.BaudRate is not null || options.DataBits is not null || options.Parity is not null || options.StopBits is not null
            || options.FlowControl is not null;
    }

    /// <summary>The SET-BAUDRATE, SET-DATASIZE, SET-PARITY, SET-STOPSIZE and SET-CONTROL sub-negotiations for the settings given.</summary>
    public static void EncodeSettings(TcpConsoleOptions options, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BaudRate is { } baud)
        {
            Span<byte> value = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, checked((uint)baud));
            Encode(ComPortCommand.SetBaudRate, value, output);
        }

        if (options.DataBits is { } bits)
        {
            Encode(ComPortCommand.SetDataSize, [checked((byte)bits)], output);
        }

        if (options.Parity is { } parity)
        {
            // RFC 2217: 1 NONE, 2 ODD, 3 EVEN, 4 MARK, 5 SPACE (System.IO.Ports counts the same from 0)
            Encode(ComPortCommand.SetParity, [(byte)((int)parity + 1)], output);
        }

        if (options.StopBits is { } stop)
        {
            // RFC 2217: 1 = one, 2 = two, 3 = one and a half (System.IO.Ports uses the same numbers)
            Encode(ComPortCommand.SetStopSize, [(byte)stop], output);
        }

        if (options.FlowControl is { } flow)
        {
            // one outbound flow setting: "both" asks for hardware, the stronger of the two
            Encode(ComPortCommand.SetControl, [flow switch
            {
                Handshake.XOnXOff => ControlXOnXOff,
                Handshake.RequestToSend or Handshake.RequestToSendXOnXOff => ControlHardware,
                _ => ControlNoFlow,
            }], output);
        }
    }

    /// <summary>One sub-negotiation: <c>IAC SB 44 command value… IAC SE</c>, IAC in the value doubled.</summary>
    public static void Encode(ComPortCommand command, ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write([(byte)TelnetCommand.Iac, (byte)TelnetCommand.Sb, Option, (byte)command]);
        foreach (byte b in value)
        {
            output.Write(b == (byte)TelnetCommand.Iac ? [b, b] : [b]);
        }

        output.Write([(byte)TelnetCommand.Iac, (byte)TelnetCommand.Se]);
    }

    /// <summary>The baud rate in a server's SET-BAUDRATE answer, or null when it is not four bytes.</summary>
    public static int? DecodeBaudRate(ReadOnlySpan<byte> value) =>
        value.Length == 4 ? (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(value)) : null;

    internal static string? Validate(TcpConsoleOptions options)
    {
        if (options.BaudRate is <= 0)
        {
            return "the speed must be a positive number of baud";
        }

        if (options.DataBits is not (null or 5 or 6 or 7 or 8))
        {
            return "data bits are 5 to 8";
        }

        if (options.Parity is { } parity && !Enum.IsDefined(parity))
        {
            return "parity is none, odd, even, mark or space";
        }

        if (options.StopBits is StopBits.None || (options.StopBits is { } stop && !Enum.IsDefined(stop)))
        {
            return "stop bits are 1, 1.5 or 2";
        }

        return options.FlowControl is { } flow && !Enum.IsDefined(flow) ? "flow is none, xonxoff, rtscts or both" : null;
    }
}
