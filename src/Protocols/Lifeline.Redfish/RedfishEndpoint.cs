namespace Lifeline.Redfish;

/// <summary>
/// A BMC's Redfish address. <c>redfish://USER@HOST[:PORT]</c> is HTTPS (port 443); <c>redfish+http://USER@HOST:PORT</c>
/// is plain HTTP for test services such as the mockup server and is never a default. https:// and http:// URLs are
/// accepted with the same meaning.
/// </summary>
public sealed record RedfishEndpoint(Uri Origin, string? UserName)
{
    public bool IsPlainHttp => Origin.Scheme == Uri.UriSchemeHttp;

    /// <summary>"host:port", the key of certificate pins.</summary>
    public string HostPort => $"{Origin.Host}:{Origin.Port}";

    public static RedfishEndpoint Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var sep = url.IndexOf("://", StringComparison.Ordinal);
        if (sep < 0)
        {
            throw new RedfishException(RedfishError.InvalidRequest, $"'{url}' is not a Redfish URL (redfish://USER@HOST[:PORT])");
        }
        var scheme = url[..sep].ToLowerInvariant();
        var httpScheme = scheme switch
        {
            "redfish" or "https" => Uri.UriSchemeHttps,
            "redfish+http" or "http" => Uri.UriSchemeHttp,
            _ => throw new RedfishException(RedfishError.InvalidRequest, $"unknown scheme '{scheme}' in '{url}' (redfish:// or redfish+http://)"),
        };
        if (!Uri.TryCreate(httpScheme + url[sep..], UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new RedfishException(RedfishError.InvalidRequest, $"'{url}' has no valid host");
        }
        string? user = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]) : null;
        var origin = new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
        return new RedfishEndpoint(origin, user);
    }

    public override string ToString() => (IsPlainHttp ? "redfish+http://" : "redfish://") + (UserName is null ? "" : UserName + "@") + HostPort;
}
