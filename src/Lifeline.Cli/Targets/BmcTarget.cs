using System.Net.Sockets;

namespace Lifeline.Cli.Targets;

/// <summary>The management protocol a BMC URL names.</summary>
public enum BmcScheme
{
    /// <summary><c>ipmi://</c>: IPMI v2.0 over LAN (RMCP+), UDP.</summary>
    Ipmi,
}

/// <summary>
/// One BMC to talk to: <c>ipmi://USER@HOST[:PORT]</c>. Never holds a password: that comes from
/// <c>LIFELINE_BMC_PASSWORD</c> or the prompt (see <see cref="Secrets.PasswordSource"/>).
/// </summary>
/// <param name="Scheme">The protocol.</param>
/// <param name="User">The BMC user name; empty only for verbs that open no session (<c>discover</c>).</param>
/// <param name="Host">A lower-case host name, IPv4 address, or IPv6 address without brackets.</param>
/// <param name="Port">The UDP port (623 unless given).</param>
public sealed record BmcTarget(BmcScheme Scheme, string User, string Host, int Port)
{
    /// <summary>The RMCP port (IPMI v2.0 §13.1.1: 623, "asf-rmcp").</summary>
    public const int DefaultIpmiPort = 623;

    /// <summary>True when <see cref="Host"/> is an IPv6 literal.</summary>
    public bool IsIPv6 => Host.Contains(':', StringComparison.Ordinal);

    /// <summary>
    /// The name shown for this node in output: the host, with <c>:PORT</c> only when the port is not 623
    /// (simulated fleets put many BMCs on one address). IPv6 literals get brackets only when a port follows.
    /// </summary>
    public string Node => Port == DefaultIpmiPort ? Host : $"{HostForUrl}:{Port}";

    /// <summary>The host as written in a URL: IPv6 literals in brackets.</summary>
    public string HostForUrl => IsIPv6 ? $"[{Host}]" : Host;

    /// <summary>
    /// Host and port for sockets: <c>(Host, Port)</c>. Resolution happens in the backend, not here.
    /// </summary>
    public AddressFamily? LiteralFamily =>
        System.Net.IPAddress.TryParse(Host, out var ip) ? ip.AddressFamily : null;

    /// <summary>The URL form, <c>ipmi://admin@10.0.0.5</c> (no password: there never is one).</summary>
    public override string ToString()
    {
        var user = User.Length == 0 ? "" : Uri.EscapeDataString(User) + "@";
        var port = Port == DefaultIpmiPort ? "" : $":{Port}";
        return $"ipmi://{user}{HostForUrl}{port}";
    }
}
