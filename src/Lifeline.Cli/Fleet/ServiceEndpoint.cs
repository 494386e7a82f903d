using Lifeline.Cli.Hosting;

namespace Lifeline.Cli.Fleet;

/// <summary>
/// Which service a command talks to and with which token. <c>LIFELINE_URL</c> and <c>LIFELINE_TOKEN</c> win over the
/// config file (scripts, CI). The file's token is only sent to the file's URL: pointing LIFELINE_URL elsewhere never
/// leaks it to another service.
/// </summary>
/// <param name="Root">The service root (<c>http://HOST:8600/</c>).</param>
/// <param name="Token">The API token, or null when not logged in.</param>
/// <param name="User">The user the config file names, when it applies.</param>
public sealed record ServiceEndpoint(Uri Root, string? Token, string? User)
{
    public const string UrlVariable = "LIFELINE_URL";
    public const string TokenVariable = "LIFELINE_TOKEN";

    /// <summary>Resolves the endpoint from the environment and <paramref name="config"/>.</summary>
    /// <exception cref="UsageException">No service URL anywhere, or a malformed one.</exception>
    public static ServiceEndpoint Resolve(IEnvironment environment, FleetConfig? config)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? urlVariable = environment.GetVariable(UrlVariable);
        Uri? stored = config?.Url is { Length: > 0 } storedUrl ? ServiceUrl.Parse(storedUrl, "the config file's url") : null;
        Uri root = !string.IsNullOrWhiteSpace(urlVariable)
            ? ServiceUrl.Parse(urlVariable, UrlVariable)
            : stored ?? throw new UsageException(
                "no fleet service: run lifeline login URL (or set LIFELINE_URL and LIFELINE_TOKEN); " +
                "to talk to BMCs directly instead, give --bmc URL or --bmc-file FILE");
        bool sameService = stored is not null && ServiceUrl.Same(stored, root);
        string? tokenVariable = environment.GetVariable(TokenVariable);
        string? token = !string.IsNullOrWhiteSpace(tokenVariable) ? tokenVariable.Trim() : sameService ? config!.Token : null;
        return new ServiceEndpoint(root, string.IsNullOrEmpty(token) ? null : token, sameService ? config!.User : null);
    }

    /// <summary>The token id of a token <c>ll_&lt;id&gt;_&lt;secret&gt;</c> (docs/api.md), or null for another shape.</summary>
    public static string? TokenId(string? token)
    {
        const string prefix = "ll_";
        if (token is null || !token.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        int separator = token.IndexOf('_', prefix.Length);
        return separator > prefix.Length ? token[prefix.Length..separator] : null;
    }

    public override string ToString() => $"ServiceEndpoint {{ Root = {Root}, User = {User}, Token = {(Token is null ? "none" : "[redacted]")} }}";
}
