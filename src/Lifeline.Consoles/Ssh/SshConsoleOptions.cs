namespace Lifeline.Consoles.Ssh;

/// <summary>An SSH console (a BMC's SSH-SOL, a switch or router CLI): endpoint, credentials and host-key policy.</summary>
public sealed record SshConsoleOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 22;

    public required string UserName { get; init; }

    /// <summary>Password authentication (from the credential store; never logged).</summary>
    public string? Password { get; init; }

    /// <summary>A private key in OpenSSH/PEM text (from the credential store); tried before the password.</summary>
    public string? PrivateKey { get; init; }

    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>Where host keys are pinned.</summary>
    public required string KnownHostsPath { get; init; }

    /// <summary>Pin the key of a host seen for the first time (true), or refuse unknown hosts (false).</summary>
    public bool TrustOnFirstUse { get; init; } = true;

    public string TerminalType { get; init; } = "xterm";

    public uint Columns { get; init; } = 80;

    public uint Rows { get; init; } = 24;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
