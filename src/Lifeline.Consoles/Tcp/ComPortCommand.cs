namespace Lifeline.Consoles.Tcp;

/// <summary>
/// RFC 2217 (Telnet Com Port Control) sub-negotiation commands, client to server; the server answers with the same
/// command plus 100 (<see cref="ComPortControl.ServerOffset"/>) and the value in force.
/// </summary>
public enum ComPortCommand : byte
{
    SetBaudRate = 1,
    SetDataSize = 2,
    SetParity = 3,
    SetStopSize = 4,
    SetControl = 5,
    NotifyLineState = 6,
    NotifyModemState = 7,
    FlowControlSuspend = 8,
    FlowControlResume = 9,
    SetLineStateMask = 10,
    SetModemStateMask = 11,
    PurgeData = 12,
}
