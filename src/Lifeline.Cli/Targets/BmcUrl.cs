using Lifeline.Drivers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lifeline.Cli.Targets;

/// <summary>
/// One parsed <c>--bmc</c> value before expansion: <c>ipmi://USER@HOST[:PORT]</c> (or <c>redfish://</c>,
/// <c>redfish+http://</c>), where HOST and PORT may carry
/// bracket ranges (<c>ipmi://admin@127.0.1.[1-500]</c>, <c>ipmi://admin@127.0.0.1:[9001-9100]</c>) and an IPv6
/// host is written in brackets (<c>ipmi://admin@[fd00::5]:623</c>).
/// </summary>
public sealed class BmcUrl
{
    /// <summary>The environment variable that holds the BMC password; URLs never do.</summary>
    public const string PasswordVariable = "LIFELINE_BMC_PASSWORD";

    private readonly string _origin;
    private readonly string _text;
    private readonly HostPattern? _host;
    private readonly string? _ipv6;
    private readonly HostPattern? _port;

    private BmcUrl(string origin, string text, BmcScheme scheme, string user, HostPattern? host, string? ipv6, HostPattern? port)
    {
        Scheme = scheme;
        _origin = origin;
        _text = text;
        User = user;
        _host = host;
        _ipv6 = ipv6;
        _port = port;
        Count = HostPattern.SaturatingMultiply(host?.Count ?? 1, port?.Count ?? 1);
    }

    /// <summary>The protocol the URL names.</summary>
    public BmcScheme Scheme { get; }

    /// <summary>The BMC user name (percent-decoded).</summary>
    public string User { get; }

    /// <summary>How many targets <see cref="Expand"/> yields (hosts × ports, saturating).</summary>
    public long Count { get; }

    /// <summary>
    /// Parses one URL. <paramref name="origin"/> names the source in error messages (<c>--bmc</c>, <c>FILE:LINE</c>);
    /// <paramref name="columnOffset"/> is added to columns (the URL's position within <paramref name="line"/>, the
    /// whole file line shown under the error).
    /// </summary>
    /// <exception cref="TargetSyntaxException">The URL is malformed, has a password, or names an unsupported scheme.</exception>
    public static BmcUrl Parse(string text, string origin = "--bmc", int columnOffset = 0, string? line = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string shown = Redact(line ?? text);
        TargetSyntaxException Error(string reason, int? index) =>
            new(origin, reason, shown, index is { } i ? i + 1 + columnOffset : null);

        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            throw Error("expected a BMC URL like ipmi://admin@10.0.0.5 (scheme, user and host)", null);
        }

        string schemeText = text[..schemeEnd].ToLowerInvariant();
        var scheme = schemeText switch
        {
            "ipmi" => BmcScheme.Ipmi,
            "redfish" or "redfish+https" => BmcScheme.Redfish,
            "redfish+http" => BmcScheme.RedfishHttp,
            "https" => throw Error("write Redfish BMCs as redfish://USER@HOST[:PORT] (HTTPS)", 0),
            "http" => throw Error("plain-HTTP Redfish is never implied: write redfish+http://USER@HOST:PORT", 0),
            _ => throw Error($"unknown scheme '{text[..schemeEnd]}' (expected ipmi://, redfish:// or redfish+http://USER@HOST)", 0),
        };

        int rest = schemeEnd + 3;
        int at = text.LastIndexOf('@');
        if (at < rest)
        {
            throw Error("a user is required: ipmi://USER@HOST", rest);
        }

        string userInfo = text[rest..at];
        int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            throw Error(
                $"the URL must not contain a password; put it in the environment variable {PasswordVariable} " +
                "(or leave it unset to be asked)", rest + colon);
        }

        if (userInfo.Length == 0)
        {
            throw Error("a user is required: ipmi://USER@HOST", rest);
        }

        if (userInfo.Any(char.IsWhiteSpace))
        {
            throw Error("the user name contains whitespace (write it %-escaped: %20)", rest);
        }

        string user;
        try
        {
            user = Uri.UnescapeDataString(userInfo);
        }
        catch (UriFormatException)
        {
            throw Error("the user name has a malformed %-escape", rest);
        }

        int hostStart = at + 1;
        int pathAt = text.IndexOfAny(['/', '?', '#'], hostStart);
        if (pathAt >= 0)
        {
            throw Error($"unexpected '{text[pathAt]}': a BMC URL has no path, query or fragment", pathAt);
        }

        if (hostStart >= text.Length)
        {
            throw Error("a host is required after '@'", hostStart);
        }

        HostPattern? host = null;
        string? ipv6 = null;
        int portStart;
        if (text[hostStart] == '[' && text.IndexOf(']', hostStart) is var close && close > hostStart
            && text.AsSpan(hostStart, close - hostStart).Contains(':'))
        {
            string literal = text[(hostStart + 1)..close];
            if (!IPAddress.TryParse(literal, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw Error($"'{literal}' is not a valid IPv6 address (ranges are not supported inside IPv6 literals)", hostStart + 1);
            }

            ipv6 = address.ToString();
            portStart = close + 1;
            if (portStart < text.Length && text[portStart] != ':')
            {
                throw Error($"unexpected '{text[portStart]}' after the IPv6 address (expected ':PORT')", portStart);
            }
        }
        else
        {
            portStart = FindPortColon(text, hostStart);
            string hostText = text[hostStart..portStart];
            if (hostText.Length == 0)
            {
                throw Error("a host is required after '@'", hostStart);
            }

            try
            {
                host = HostPattern.Parse(hostText);
            }
            catch (HostPatternException e)
            {
                throw Error(e.Reason, hostStart + e.Index);
            }
        }

        HostPattern? port = null;
        if (portStart < text.Length)
        {
            int p = portStart + 1; // skip ':'
            if (p >= text.Length)
            {
                throw Error("a port number is required after ':'", portStart);
            }

            try
            {
                port = HostPattern.Parse(text[p..]);
            }
            catch (HostPatternException e)
            {
                throw Error(e.Reason, p + e.Index);
            }

            for (int i = p; i < text.Length; i++)
            {
                if (!char.IsAsciiDigit(text[i]) && text[i] is not ('[' or ']' or ',' or '-'))
                {
                    throw Error($"unexpected '{text[i]}' in the port (expected a number or a range like [9001-9010])", i);
                }
            }
        }

        return new BmcUrl(origin, shown, scheme, user, host, ipv6, port);
    }

    /// <summary>
    /// All targets, hosts outermost and ports innermost. Checks each expanded host (IPv4 octets ≤ 255, no leading
    /// zeros; host-name characters) and port (1–65535), naming the first bad one.
    /// </summary>
    public IEnumerable<BmcTarget> Expand()
    {
        var hosts = _ipv6 is not null ? [_ipv6] : _host!.Expand();
        foreach (var rawHost in hosts)
        {
            string host = _ipv6 is not null ? rawHost : CheckHost(rawHost);
            if (_port is null)
            {
                yield return new BmcTarget(Scheme, User, host, BmcTarget.DefaultPort(Scheme));
                continue;
            }

            foreach (var portText in _port.Expand())
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
                {
                    throw new TargetSyntaxException(_origin, $"port {portText} is out of range (1-65535)", _text, null);
                }

                yield return new BmcTarget(Scheme, User, host, port);
            }
        }
    }

    private string CheckHost(string host)
    {
        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var octets = host.Split('.');
            if (octets.Length != 4 || octets.Any(o => o.Length == 0))
            {
                throw new TargetSyntaxException(_origin, $"{host} is not a valid IPv4 address (expected four numbers a.b.c.d)", _text, null);
            }

            foreach (var octet in octets)
            {
                if (octet.Length > 3 || int.Parse(octet, CultureInfo.InvariantCulture) > 255)
                {
                    throw new TargetSyntaxException(_origin, $"{host} is not a valid IPv4 address: {octet} is above 255", _text, null);
                }

                if (octet.Length > 1 && octet[0] == '0')
                {
                    throw new TargetSyntaxException(_origin,
                        $"{host} is not a valid IPv4 address: {octet} has a leading zero (often read as octal); write it without padding",
                        _text, null);
                }
            }

            return host;
        }

        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                throw new TargetSyntaxException(_origin, $"'{host}' is not a valid host name (unexpected '{c}')", _text, null);
            }
        }

        if (host[0] is '-' or '.' || host[^1] == '-' || host.Contains("..", StringComparison.Ordinal))
        {
            throw new TargetSyntaxException(_origin, $"'{host}' is not a valid host name", _text, null);
        }

        return host.ToLowerInvariant();
    }

    /// <summary>
    /// The text as it may be shown: a password typed into the user part (<c>user:pw@</c>) becomes <c>***</c>, so that
    /// no error message, log or exception ever carries it.
    /// </summary>
    internal static string Redact(string text)
    {
        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int at = text.LastIndexOf('@');
        if (at < start)
        {
            return text;
        }

        int colon = text.IndexOf(':', start, at - start);
        return colon < 0 ? text : text[..(colon + 1)] + "***" + text[at..];
    }

    /// <summary>The index of the ':' that starts the port (outside brackets), or the text length when there is none.</summary>
    private static int FindPortColon(string text, int from)
    {
        int depth = 0;
        for (int i = from; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ':' when depth == 0:
                    return i;
            }
        }

        return text.Length;
    }
}
