using System.Globalization;
using Lifeline.Drivers;

namespace Lifeline.Fleet.Grains;

/// <summary>
/// Reads a stored BMC URL — <c>ipmi://[USER@]HOST[:PORT]</c>, <c>redfish://…</c> or <c>redfish+http://…</c> — into a
/// <see cref="BmcTarget"/>. The user is optional (the credential's user applies then); a password never belongs in it.
/// </summary>
internal static class BmcUrl
{
    public static bool TryParse(string url, out BmcTarget? target, out string? error)
    {
        target = null;
        error = null;
        var text = url.Trim();
        int sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
        {
            error = $"'{url}' is not a BMC URL: write ipmi://HOST, redfish://HOST or redfish+http://HOST";
            return false;
        }
        BmcScheme? scheme = text[..sep].ToLowerInvariant() switch
        {
            "ipmi" => BmcScheme.Ipmi,
            "redfish" => BmcScheme.Redfish,
            "redfish+http" => BmcScheme.RedfishHttp,
            _ => null,
        };
        if (scheme is not { } s)
        {
            error = $"'{text[..sep]}' is not a BMC URL scheme: use ipmi://, redfish:// or redfish+http://";
            return false;
        }
        var rest = text[(sep + 3)..].TrimEnd('/');
        if (rest.Contains('/', StringComparison.Ordinal) || rest.Contains('?', StringComparison.Ordinal))
        {
            error = $"'{url}': a BMC URL names a host and port only, no path";
            return false;
        }
        string user = "";
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = Uri.UnescapeDataString(rest[..at]);
            rest = rest[(at + 1)..];
            if (user.Contains(':', StringComparison.Ordinal))
            {
                error = $"the URL of this node holds a password: remove it and store it as a credential instead";
                return false;
            }
        }
        string host;
        string? portText = null;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{url}': an IPv6 address needs its closing ']'";
                return false;
            }
            host = rest[1..close];
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"'{url}': expected :PORT after the IPv6 address";
                    return false;
                }
                portText = after[1..];
            }
        }
        else
        {
            int colon = rest.LastIndexOf(':');
            if (colon >= 0 && rest.IndexOf(':', StringComparison.Ordinal) == colon)
            {
                host = rest[..colon];
                portText = rest[(colon + 1)..];
            }
            else
            {
                host = rest; // no port, or a bare IPv6 literal
            }
        }
        if (host.Length == 0)
        {
            error = $"'{url}' names no host";
            return false;
        }
        int port = BmcTarget.DefaultPort(s);
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"'{url}': the port must be 1 to 65535";
            return false;
        }
        target = new BmcTarget(s, user, host.ToLowerInvariant(), port);
        return true;
    }
}
