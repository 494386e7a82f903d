namespace Lifeline.Consoles.Tcp;

/// <summary>Telnet command bytes (RFC 854 "TELNET COMMAND STRUCTURE").</summary>
public enum TelnetCommand : byte
{
    Se = 240,
    Nop = 241,
    DataMark = 242,
    Break = 243,
    InterruptProcess = 244,
    AbortOutput = 245,
    AreYouThere = 246,
    EraseCharacter = 247,
    EraseLine = 248,
    GoAhead = 249,
    Sb = 250,
    Will = 251,
    Wont = 252,
    Do = 253,
    Dont = 254,
    Iac = 255,
}
