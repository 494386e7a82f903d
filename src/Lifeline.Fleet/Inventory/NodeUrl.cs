using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lifeline.Drivers;

namespace Lifeline.Fleet.Inventory;

/// <summary>
/// The BMC URLs an inventory holds: <c>ipmi://[USER@]HOST[:PORT]</c>, <c>redfish://[USER@]HOST[:PORT]</c> and
/// <c>redfish+http://[USER@]HOST[:PORT]</c>. One host per URL (ranges belong to noderanges, not to stored nodes), no
/// path, and never a password: that lives in a stored credential the node names.
/// </summary>
public static class NodeUrl
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 512;

    /// <summary>Parses <paramref name="url"/>; the target's user is empty when the URL names none.</summary>
    /// <exception cref="FormatException">The URL is malformed, has a password or an unsupported scheme; the message says what to write.</exception>
    public static BmcTarget Parse(string url)
    {
        return TryParse(url, out var target, out var problem) ? target : throw new FormatException(problem);
    }

    /// <summary>Parses <paramref name="url"/>, or says what is wrong with it in <paramref name="problem"/>.</summary>
    public static bool TryParse(string? url, out BmcTarget target, out string problem)
    {
        target = null!;
        problem = Check(url, out var parsed) ?? "";
        if (parsed is null)
        {
            return false;
        }

        target = parsed;
        return true;
    }

    /// <summary>Null when <paramref name="url"/> is a valid IPMI URL, else what to fix.</summary>
    public static string? CheckIpmi(string url)
    {
        string? problem = Check(url, out var target);
        if (problem is not null)
        {
            return problem;
        }

        return target!.Scheme == BmcScheme.Ipmi
            ? null
            : $"'{Redact(url)}' is a Redfish URL; the IPMI URL must start with ipmi:// (put Redfish URLs in redfish)";
    }

    /// <summary>Null when <paramref name="url"/> is a valid Redfish URL, else what to fix.</summary>
    public static string? CheckRedfish(string url)
    {
        string? problem = Check(url, out var target);
        if (problem is not null)
        {
            return problem;
        }

        return target!.IsRedfish
            ? null
            : $"'{Redact(url)}' is an IPMI URL; the Redfish URL must start with redfish:// or redfish+http:// (put IPMI URLs in ipmi)";
    }

    private static string? Check(string? url, out BmcTarget? target)
    {
        target = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "the URL is empty (write ipmi://USER@HOST[:PORT] or redfish://USER@HOST[:PORT], or leave it unset)";
        }

        if (url.Length > MaxLength)
        {
            return $"the URL is longer than {MaxLength} characters";
        }

        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return $"'{Redact(url)}' is not a BMC URL: write ipmi://USER@HOST[:PORT], redfish://USER@HOST[:PORT] or redfish+http://USER@HOST[:PORT]";
        }

        string schemeText = url[..schemeEnd].ToLowerInvariant();
        BmcScheme scheme;
        switch (schemeText)
        {
            case "ipmi":
                scheme = BmcScheme.Ipmi;
                break;
            case "redfish" or "redfish+https":
                scheme = BmcScheme.Redfish;
                break;
            case "redfish+http":
                scheme = BmcScheme.RedfishHttp;
                break;
            case "https":
                return "write Redfish BMCs as redfish://USER@HOST[:PORT] (HTTPS), not https://";
            case "http":
                return "plain-HTTP Redfish is never implied: write redfish+http://USER@HOST[:PORT]";
            default:
                return $"unknown scheme '{Redact(url[..schemeEnd])}' (expected ipmi://, redfish:// or redfish+http://)";
        }

        string rest = url[(schemeEnd + 3)..];
        string user = "";
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            string userInfo = rest[..at];
            if (userInfo.Contains(':', StringComparison.Ordinal))
            {
                return "a BMC URL must not contain a password: store it as a credential (PUT /credentials/NAME) " +
                    "and name that credential in the node's or its group's credential";
            }

            if (userInfo.Length == 0)
            {
                return "the user before '@' is empty (write USER@HOST, or leave out the '@')";
            }

            if (userInfo.Any(char.IsWhiteSpace))
            {
                return "the user name contains whitespace (write it %-escaped: %20)";
            }

            user = Uri.UnescapeDataString(userInfo);
            if (user.Any(char.IsControl))
            {
                return "the user name contains control characters";
            }

            rest = rest[(at + 1)..];
        }

        int pathAt = rest.IndexOfAny(['/', '?', '#']);
        if (pathAt >= 0)
        {
            return $"unexpected '{rest[pathAt]}': a BMC URL has no path, query or fragment";
        }

        string host;
        string? portText = null;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return "the IPv6 address has no closing ']'";
            }

            string literal = rest[1..close];
            if (!IPAddress.TryParse(literal, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return $"'{literal}' is not a valid IPv6 address";
            }

            host = address.ToString();
            string after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return $"unexpected '{after[0]}' after the IPv6 address (expected ':PORT')";
                }

                portText = after[1..];
            }
        }
        else
        {
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? rest : rest[..colon];
            portText = colon < 0 ? null : rest[(colon + 1)..];
            if (host.Length == 0)
            {
                return "a host is required (ipmi://USER@HOST)";
            }

            string? hostProblem = CheckHost(host);
            if (hostProblem is not null)
            {
                return hostProblem;
            }

            host = host.ToLowerInvariant();
        }

        int port = BmcTarget.DefaultPort(scheme);
        if (portText is not null)
        {
            if (portText.Length == 0 || portText.Length > 5 || !portText.All(char.IsAsciiDigit)
                || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return $"'{portText}' is not a port (expected a number from 1 to 65535)";
            }
        }

        target = new BmcTarget(scheme, user, host, port);
        return null;
    }

    private static string? CheckHost(string host)
    {
        if (host.Length > 253)
        {
            return "the host name is longer than 253 characters";
        }

        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                return $"unexpected '{c}' in the host '{host}' (expected a host name or an IP address; one host per node, no ranges)";
            }
        }

        if (host.All(c => char.IsAsciiDigit(c) || c == '.') && !IPAddress.TryParse(host, out _))
        {
            return $"'{host}' is not a valid IPv4 address";
        }

        if (host.All(c => char.IsAsciiDigit(c) || c == '.') && host.Split('.').Length != 4)
        {
            return $"'{host}' is not a valid IPv4 address (expected four numbers like 10.0.0.5)";
        }

        return null;
    }

    /// <summary>The URL for messages: anything between "://" and '@' that looks like a password is masked.</summary>
    internal static string Redact(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        int at = url.LastIndexOf('@');
        if (schemeEnd >= 0 && at > schemeEnd)
        {
            string userInfo = url[(schemeEnd + 3)..at];
            int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                return url[..(schemeEnd + 3)] + userInfo[..colon] + ":***" + url[at..];
            }
        }

        return url.Length > 80 ? url[..80] + "…" : url;
    }
}
