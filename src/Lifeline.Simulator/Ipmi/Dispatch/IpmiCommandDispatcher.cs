using System.Collections.Frozen;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Messages;
using Lifeline.Simulator.Ipmi.Sol;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Ipmi.Dispatch;

/// <summary>Limits and identity of one simulated BMC's IPMI face.</summary>
public sealed record DispatcherOptions
{
    public static DispatcherOptions Default { get; } = new();

    /// <summary>
    /// Most record bytes one Get SDR or Read FRU Data answers (plus Get SDR's "entire record", FFh): a larger count
    /// is refused with CAh "cannot return number of requested data bytes", and clients retry with smaller reads.
    /// </summary>
    public int MaxReadBytes { get; init; } = 64;

    /// <summary>The LAN channel this face is (IPMI v2.0 §6.3: channel 1 is the usual primary LAN channel).</summary>
    public byte LanChannel { get; init; } = 1;
}

/// <summary>
/// The IPMI face of one simulated BMC: decodes each request with the typed command's <c>Read</c>, asks the
/// <see cref="BmcModel"/>, and encodes the answer with the response record's <c>Write</c>. Completion codes follow
/// IPMI v2.0 §5.2: C1h unknown command, C7h bad request length, CCh invalid field, D4h insufficient privilege (per
/// <see cref="CommandPrivileges"/>, Appendix G), plus each command's own codes. One instance per node; the
/// per-NetFn handlers live in the partial files next to this one.
/// </summary>
public sealed partial class IpmiCommandDispatcher : IIpmiCommandHandler
{
    private delegate IpmiResponse CommandHandler(IpmiCommandDispatcher self, IpmiCommandContext context, ReadOnlySpan<byte> data);

    /// <summary>One implemented command: its name, request length bounds (bytes after the command code) and handler.</summary>
    private sealed record Command(NetFn NetFn, byte Code, string Name, int MinLength, int MaxLength, CommandHandler Handle);

    private static readonly FrozenDictionary<int, Command> Commands = AppCommands()
        .Concat(ChassisCommands())
        .Concat(SensorCommands())
        .Concat(SdrCommands())
        .Concat(SelCommands())
        .Concat(FruCommands())
        .Concat(TransportCommands())
        .Concat(PayloadCommands())
        .Concat(DcmiCommands())
        .ToFrozenDictionary(c => CommandPrivileges.Key(c.NetFn, c.Code));

    private readonly BmcModel _model;
    private readonly DispatcherOptions _options;
    private readonly Lock _lock = new();
    private RmcpPlusResponder? _responder;

    public IpmiCommandDispatcher(BmcModel model, DispatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? DispatcherOptions.Default;
        Sol = new SolConsoleServer(model, _options.LanChannel);
    }

    public BmcModel Model => _model;

    /// <summary>The node's SOL server (Activate Payload starts it; the responder hands it SOL packets).</summary>
    public SolConsoleServer Sol { get; }

    /// <summary>Connects the face to the session engine of its node: session listings, the listening port, SOL output.</summary>
    public void Attach(RmcpPlusResponder responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        _responder = responder;
        Sol.Attach(responder);
        responder.SolHandler = Sol;
    }

    /// <summary>Whether the dispatcher implements the command (NetFn as the even request code).</summary>
    public static bool Implements(NetFn netFn, byte command) => Commands.ContainsKey(CommandPrivileges.Key(netFn, command));

    /// <summary>Every implemented command as (NetFn, command, name), for documentation and tests.</summary>
    public static IEnumerable<(NetFn NetFn, byte Command, string Name)> ImplementedCommands =>
        Commands.Values.OrderBy(c => c.NetFn).ThenBy(c => c.Code).Select(c => (c.NetFn, c.Code, c.Name));

    public IpmiResponse Handle(IpmiCommandContext context, IpmiRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = request.Data.Span;
        if (request.Lun != 0)
        {
            return Fail(CompletionCode.InvalidCommandForLun);
        }
        // Group extension commands are told apart by their first byte (§5.1): only DCMI (DCh) is implemented.
        if (request.NetFn == NetFn.GroupExtension && (data.IsEmpty || data[0] != DcmiGroupId))
        {
            return Fail(CompletionCode.InvalidCommand);
        }
        if (!Commands.TryGetValue(CommandPrivileges.Key(request.NetFn, request.Command), out var command))
        {
            return Fail(CompletionCode.InvalidCommand);
        }
        if (context.Privilege < CommandPrivileges.Required(request.NetFn, request.Command))
        {
            return Fail(CompletionCode.InsufficientPrivilege);
        }
        if (data.Length < command.MinLength || data.Length > command.MaxLength)
        {
            return Fail(CompletionCode.RequestDataLengthInvalid);
        }
        try
        {
            return command.Handle(this, context, data);
        }
        catch (IpmiException e) when (e.Error == IpmiError.MalformedResponse)
        {
            // a typed Read ran out of bytes: the request was too short for what its fields announce
            return Fail(CompletionCode.RequestDataLengthInvalid);
        }
        catch (IpmiException e) when (e.Error == IpmiError.InvalidRequest)
        {
            return Fail(CompletionCode.InvalidDataField);
        }
        catch (ArgumentException)
        {
            // the model refused a value the request carried (a user name too long once encoded, …)
            return Fail(CompletionCode.InvalidDataField);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // a fault in the simulator answers like a confused BMC rather than not at all
            return Fail(CompletionCode.Unspecified);
        }
    }

    private static IpmiResponse Ok() => new(CompletionCode.Success, ReadOnlyMemory<byte>.Empty);

    private static IpmiResponse Ok(Action<IpmiWriter> write)
    {
        var w = new IpmiWriter();
        write(w);
        return new IpmiResponse(CompletionCode.Success, w.ToArray());
    }

    private static IpmiResponse Fail(CompletionCode code) => new(code, ReadOnlyMemory<byte>.Empty);

    /// <summary>A command-specific completion code (80h-BEh).</summary>
    private static IpmiResponse Fail(byte code) => new((CompletionCode)code, ReadOnlyMemory<byte>.Empty);

    /// <summary>Channel fields: "this channel" (Eh) and the LAN channel are this face; others are not ours.</summary>
    private bool IsOurChannel(byte channel) => channel == ThisChannel || channel == _options.LanChannel;

    private const byte ThisChannel = 0x0E;

    /// <summary>The UDP port the face listens on (623 until a listener binds).</summary>
    private ushort Port => (ushort)(_responder?.LocalEndPoint?.Port ?? 623);
}
