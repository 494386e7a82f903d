using System.Net.Sockets;

namespace Lifeline.Drivers;

/// <summary>The management protocol a BMC URL names.</summary>
public enum BmcScheme
{
    /// <summary><c>ipmi://</c>: IPMI v2.0 over LAN (RMCP+), UDP.</summary>
    Ipmi,

    /// <summary><c>redfish://</c>: DMTF Redfish over HTTPS (port 443 unless given).</summary>
    Redfish,

    /// <summary><c>redfish+http://</c>: Redfish over plain HTTP, for test services only; never chosen by default.</summary>
    RedfishHttp,
}

/// <summary>
/// One BMC to talk to: <c>ipmi://USER@HOST[:PORT]</c>, <c>redfish://USER@HOST[:PORT]</c> or <c>redfish+http://USER@HOST[:PORT]</c>. Never holds a password: that comes from
/// <c>LIFELINE_BMC_PASSWORD</c> or the prompt (see <see cref="Secrets.PasswordSource"/>).
/// </summary>
/// <param name="Scheme">The protocol.</param>
/// <param name="User">The BMC user name; empty only for verbs that open no session (<c>discover</c>).</param>
/// <param name="Host">A lower-case host name, IPv4 address, or IPv6 address without brackets.</param>
/// <param name="Port">The UDP port for IPMI (623 unless given), the TCP port for Redfish (443, or 80 for redfish+http, unless given).</param>
public sealed record BmcTarget(BmcScheme Scheme, string User, string Host, int Port)
{
    /// <summary>The RMCP port (IPMI v2.0 §13.1.1: 623, "asf-rmcp").</summary>
    public const int DefaultIpmiPort = 623;

    /// <summary>The HTTPS port (redfish://).</summary>
    public const int DefaultRedfishPort = 443;

    /// <summary>The HTTP port (redfish+http://).</summary>
    public const int DefaultRedfishHttpPort = 80;

    /// <summary>The port a URL of <paramref name="scheme"/> without <c>:PORT</c> means.</summary>
    public static int DefaultPort(BmcScheme scheme) => scheme switch
    {
        BmcScheme.Redfish => DefaultRedfishPort,
        BmcScheme.RedfishHttp => DefaultRedfishHttpPort,
        _ => DefaultIpmiPort,
    };

    /// <summary>The URL scheme: <c>ipmi</c>, <c>redfish</c> or <c>redfish+http</c>.</summary>
    public static string SchemeName(BmcScheme scheme) => scheme switch
    {
        BmcScheme.Redfish => "redfish",
        BmcScheme.RedfishHttp => "redfish+http",
        _ => "ipmi",
    };

    /// <summary>True for redfish:// and redfish+http://.</summary>
    public bool IsRedfish => Scheme is BmcScheme.Redfish or BmcScheme.RedfishHttp;

    /// <summary>True when <see cref="Host"/> is an IPv6 literal.</summary>
    public bool IsIPv6 => Host.Contains(':', StringComparison.Ordinal);

    /// <summary>
    /// The name shown for this node in output: the host, with <c>:PORT</c> only when the port is not the scheme's
    /// default (simulated fleets put many BMCs on one address). IPv6 literals get brackets only when a port follows.
    /// </summary>
    public string Node => Port == DefaultPort(Scheme) ? Host : $"{HostForUrl}:{Port}";

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
        var port = Port == DefaultPort(Scheme) ? "" : $":{Port}";
        return $"{SchemeName(Scheme)}://{user}{HostForUrl}{port}";
    }
}
