using Lifeline.Drivers;

namespace Lifeline.Cli;

/// <summary>The exit statuses of <c>lifeline</c>; scripts rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Every node answered and every operation succeeded.</summary>
    public const int Ok = 0;

    /// <summary>At least one node ended with an error (the others may have succeeded); see the per-node output.</summary>
    public const int SomeFailed = 1;

    /// <summary>The command line could not be used: bad option, bad range or URL, missing password.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl-C / SIGTERM) before every node finished; unfinished nodes are reported as cancelled.</summary>
    public const int Cancelled = 130;
}
