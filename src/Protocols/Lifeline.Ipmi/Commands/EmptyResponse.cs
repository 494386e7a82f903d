using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Commands;

/// <summary>
/// The response of commands that answer with a completion code only (Cold Reset, Chassis Control, Set ... commands).
/// Bytes after the completion code are ignored.
/// </summary>
// BMC quirk (OpenIPMI ipmi_sim 2.0.33): Chassis Identify answers 35 bytes of uninitialised memory after the
// completion code → a response with no defined data accepts and ignores whatever follows.
public sealed record EmptyResponse
{
    public static readonly EmptyResponse Instance = new();

    private EmptyResponse()
    {
    }

    public static EmptyResponse Read(ReadOnlySpan<byte> data) => Instance;

    public void Write(IpmiWriter writer)
    {
    }
}
