using System.Buffers;

namespace Lifeline.Consoles.Tcp;

/// <summary>
/// The client side of a telnet byte stream (RFC 854, option negotiation RFC 855, binary RFC 856): strips commands and
/// option negotiation out of what the server sends, answers DO/DONT/WILL/WONT, and escapes IAC (and, outside binary
/// mode, a bare CR as CR NUL) in what we send. Negotiation follows RFC 854's loop rule: a request is only answered
/// when it changes the option's state, and an answer to our own request is not answered again.
/// We accept: BINARY both ways, SUPPRESS-GO-AHEAD both ways, the server's ECHO, and (when constructed with line
/// settings) our side of COM-PORT-OPTION (RFC 2217): the settings are sent as soon as the server says DO, and the
/// server's answers (command + 100) are kept (<see cref="ComPortAnswer"/>). Everything else is refused.
/// State survives across <see cref="Decode"/> calls, so a command split across TCP reads is handled.
/// </summary>
public sealed class TelnetCodec
{
    private const int MaxSubnegotiation = 4096;

    private readonly bool[] _local = new bool[256];
    private readonly bool[] _remote = new bool[256];
    private readonly bool[] _localPending = new bool[256];
    private readonly bool[] _remotePending = new bool[256];
    private readonly byte[]? _comPortSettings;
    private readonly byte[] _subnegotiation = new byte[MaxSubnegotiation];
    private readonly Dictionary<ComPortCommand, byte[]> _comPortAnswers = [];
    private State _state;
    private int _subnegotiationLength;

    private enum State
    {
        Data,
        Iac,
        Will,
        Wont,
        Do,
        Dont,
        Subnegotiation,
        SubnegotiationIac,
        AfterCr,
    }

    /// <summary>A client without RFC 2217: the server's line settings apply.</summary>
    public TelnetCodec()
    {
    }

    /// <summary>
    /// A client that offers COM-PORT-OPTION and sends <paramref name="comPortSettings"/> (encoded sub-negotiations, see
    /// <see cref="ComPortControl.EncodeSettings"/>) once the server agrees.
    /// </summary>
    public TelnetCodec(ReadOnlySpan<byte> comPortSettings)
    {
        _comPortSettings = comPortSettings.ToArray();
    }

    /// <summary>Whether the server agreed to RFC 2217 com port control (said DO COM-PORT-OPTION).</summary>
    public bool ComPortEnabled => _local[(int)TelnetOption.ComPortControl];

    /// <summary>The value of the server's last answer to <paramref name="command"/> (it echoes command + 100), or null.</summary>
    public byte[]? ComPortAnswer(ComPortCommand command) => _comPortAnswers.GetValueOrDefault(command);

    /// <summary>Whether we send 8-bit binary (the server said DO BINARY).</summary>
    public bool LocalBinary => _local[(int)TelnetOption.Binary];

    /// <summary>Whether the server sends 8-bit binary (it said WILL BINARY).</summary>
    public bool RemoteBinary => _remote[(int)TelnetOption.Binary];

    /// <summary>Whether the server echoes what we type.</summary>
    public bool RemoteEcho => _remote[(int)TelnetOption.Echo];

    /// <summary>The opening requests: WILL/DO BINARY and WILL/DO SUPPRESS-GO-AHEAD, and WILL COM-PORT-OPTION with line settings.</summary>
    public void Start(IBufferWriter<byte> replies)
    {
        RequestLocal(TelnetOption.Binary, replies);
        RequestRemote(TelnetOption.Binary, replies);
        RequestLocal(TelnetOption.SuppressGoAhead, replies);
        RequestRemote(TelnetOption.SuppressGoAhead, replies);
        if (_comPortSettings is not null)
        {
            RequestLocal(TelnetOption.ComPortControl, replies);
        }
    }

    private void RequestLocal(TelnetOption option, IBufferWriter<byte> replies)
    {
        _localPending[(int)option] = true;
        Send(replies, TelnetCommand.Will, (byte)option);
    }

    private void RequestRemote(TelnetOption option, IBufferWriter<byte> replies)
    {
        _remotePending[(int)option] = true;
        Send(replies, TelnetCommand.Do, (byte)option);
    }

    /// <summary>Splits bytes from the server into console data and the negotiation replies to send back.</summary>
    public void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> data, IBufferWriter<byte> replies)
    {
        int runStart = 0;
        for (int i = 0; i < input.Length; i++)
        {
            byte b = input[i];
            switch (_state)
            {
                case State.Data:
                    if (b == (byte)TelnetCommand.Iac)
                    {
                        Flush(input[runStart..i], data);
                        _state = State.Iac;
                    }
                    else if (b == (byte)'\r' && !RemoteBinary)
                    {
                        _state = State.AfterCr;
                    }
                    continue;
                case State.AfterCr:
                    if (b == 0)
                    {
                        // RFC 854: CR NUL is a bare CR; drop the NUL
                        Flush(input[runStart..i], data);
                        runStart = i + 1;
                        _state = State.Data;
                        continue;
                    }
                    _state = State.Data;
                    i--; // look at this byte again as data
                    continue;
                case State.Iac:
                    runStart = i + 1;
                    _state = b switch
                    {
                        (byte)TelnetCommand.Iac => State.Data,
                        (byte)TelnetCommand.Will => State.Will,
                        (byte)TelnetCommand.Wont => State.Wont,
                        (byte)TelnetCommand.Do => State.Do,
                        (byte)TelnetCommand.Dont => State.Dont,
                        (byte)TelnetCommand.Sb => State.Subnegotiation,
                        _ => State.Data, // NOP, GA, DM, AYT…: no data of their own
                    };
                    if (b == (byte)TelnetCommand.Iac)
                    {
                        runStart = i; // IAC IAC is one data byte 255
                    }
                    _subnegotiationLength = 0;
                    continue;
                case State.Will:
                    OnWill(b, replies);
                    break;
                case State.Wont:
                    OnWont(b, replies);
                    break;
                case State.Do:
                    OnDo(b, replies);
                    break;
                case State.Dont:
                    OnDont(b, replies);
                    break;
                case State.Subnegotiation:
                    // kept for RFC 2217 answers, else ignored; bounded so a broken server cannot grow us
                    if (b == (byte)TelnetCommand.Iac)
                    {
                        _state = State.SubnegotiationIac;
                    }
                    else if (_subnegotiationLength >= MaxSubnegotiation)
                    {
                        _state = State.Data;
                    }
                    else
                    {
                        _subnegotiation[_subnegotiationLength++] = b;
                    }

                    runStart = i + 1;
                    continue;
                case State.SubnegotiationIac:
                    if (b == (byte)TelnetCommand.Se)
                    {
                        OnSubnegotiation(_subnegotiation.AsSpan(0, _subnegotiationLength));
                        _state = State.Data;
                    }
                    else
                    {
                        if (b == (byte)TelnetCommand.Iac && _subnegotiationLength < MaxSubnegotiation)
                        {
                            _subnegotiation[_subnegotiationLength++] = b; // IAC IAC: a 255 in the parameters
                        }

                        _state = State.Subnegotiation;
                    }

                    runStart = i + 1;
                    continue;
            }
            _state = State.Data;
            runStart = i + 1;
        }
        if (_state is State.Data or State.AfterCr)
        {
            Flush(input[runStart..], data);
        }
    }

    private static void Flush(ReadOnlySpan<byte> run, IBufferWriter<byte> data)
    {
        if (!run.IsEmpty)
        {
            data.Write(run);
        }
    }

    private void OnSubnegotiation(ReadOnlySpan<byte> parameters)
    {
        if (parameters.Length >= 2 && parameters[0] == ComPortControl.Option && parameters[1] > ComPortControl.ServerOffset)
        {
            _comPortAnswers[(ComPortCommand)(parameters[1] - ComPortControl.ServerOffset)] = parameters[2..].ToArray();
        }
    }

    private bool AcceptsLocal(byte option) =>
        option is (byte)TelnetOption.Binary or (byte)TelnetOption.SuppressGoAhead
        || (option == (byte)TelnetOption.ComPortControl && _comPortSettings is not null);

    private static bool AcceptsRemote(byte option) =>
        option is (byte)TelnetOption.Binary or (byte)TelnetOption.SuppressGoAhead or (byte)TelnetOption.Echo;

    private void OnWill(byte option, IBufferWriter<byte> replies)
    {
        bool wasPending = _remotePending[option];
        _remotePending[option] = false;
        if (!AcceptsRemote(option))
        {
            Send(replies, TelnetCommand.Dont, option);
            return;
        }
        if (!_remote[option])
        {
            _remote[option] = true;
            if (!wasPending)
            {
                Send(replies, TelnetCommand.Do, option);
            }
        }
    }

    private void OnWont(byte option, IBufferWriter<byte> replies)
    {
        // already off (or the refusal of our own DO): RFC 854 says do not acknowledge a request for the state we are in
        _remotePending[option] = false;
        if (_remote[option])
        {
            _remote[option] = false;
            Send(replies, TelnetCommand.Dont, option);
        }
    }

    private void OnDo(byte option, IBufferWriter<byte> replies)
    {
        bool wasPending = _localPending[option];
        _localPending[option] = false;
        if (!AcceptsLocal(option))
        {
            Send(replies, TelnetCommand.Wont, option);
            return;
        }
        if (!_local[option])
        {
            _local[option] = true;
            if (!wasPending)
            {
                Send(replies, TelnetCommand.Will, option);
            }

            if (option == (byte)TelnetOption.ComPortControl)
            {
                replies.Write(_comPortSettings ?? []);
            }
        }
    }

    private void OnDont(byte option, IBufferWriter<byte> replies)
    {
        _localPending[option] = false;
        if (_local[option])
        {
            _local[option] = false;
            Send(replies, TelnetCommand.Wont, option);
        }
    }

    private static void Send(IBufferWriter<byte> replies, TelnetCommand command, byte option)
    {
        var span = replies.GetSpan(3);
        span[0] = (byte)TelnetCommand.Iac;
        span[1] = (byte)command;
        span[2] = option;
        replies.Advance(3);
    }

    /// <summary>Escapes console bytes for the wire: IAC doubled; outside binary mode a CR not followed by LF becomes CR NUL.</summary>
    public void Encode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        bool binary = LocalBinary;
        for (int i = 0; i < input.Length; i++)
        {
            byte b = input[i];
            if (b == (byte)TelnetCommand.Iac)
            {
                output.Write([(byte)TelnetCommand.Iac, (byte)TelnetCommand.Iac]);
            }
            else if (b == (byte)'\r' && !binary && (i + 1 >= input.Length || input[i + 1] != (byte)'\n'))
            {
                output.Write([(byte)'\r', (byte)0]);
            }
            else
            {
                var span = output.GetSpan(1);
                span[0] = b;
                output.Advance(1);
            }
        }
    }

    /// <summary>IAC BRK: the telnet break (a console server turns it into a serial break).</summary>
    public static ReadOnlySpan<byte> BreakSequence => [(byte)TelnetCommand.Iac, (byte)TelnetCommand.Break];
}
