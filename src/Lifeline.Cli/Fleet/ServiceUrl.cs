namespace Lifeline.Cli.Fleet;

/// <summary>The fleet service's address as the user gives it (<c>http://HOST:8600</c>), normalised.</summary>
public static class ServiceUrl
{
    /// <summary>The path of the API under the service's address.</summary>
    public const string ApiPath = "api/v1/";

    /// <summary>
    /// Parses <paramref name="text"/>: an absolute http or https URL, without user, query or fragment; a trailing
    /// <c>/</c> or <c>/api/v1</c> is dropped. Returns the service root with a trailing slash.
    /// </summary>
    /// <exception cref="UsageException">Not such a URL.</exception>
    public static Uri Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            throw new UsageException($"{origin} '{text}': give the service's URL with its scheme, e.g. http://{(trimmed.Length > 0 ? trimmed : "HOST:8600")}");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{origin} '{text}': expected http://HOST[:PORT] or https://HOST[:PORT]");
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new UsageException($"{origin} '{text}': no user, password, query or fragment in the service URL (log in with lifeline login URL --user NAME)");
        }

        string path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^"/api/v1".Length];
        }

        return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path + "/").Uri;
    }

    /// <summary>The URL as shown to people: without the trailing slash.</summary>
    public static string Show(Uri root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.ToString().TrimEnd('/');
    }

    /// <summary>True when both name the same service (scheme, host, port and path).</summary>
    public static bool Same(Uri a, Uri b) => Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
