using System.Net;
using System.Text.Json;

namespace Lifeline.Cli.Fleet;

/// <summary>
/// Turns an error answer of the service into one clear message: RFC 9457 problem details (<c>title</c>,
/// <c>detail</c>, and the service's extra <c>next</c>), or, for anything else, the status and the body's first line.
/// </summary>
public static class ProblemDetails
{
    /// <summary>The most of a non-JSON error body quoted in a message.</summary>
    private const int MaxQuoted = 200;

    /// <summary>
    /// The exception for an error answer. 401 always points to <c>lifeline login</c> (except for the login itself);
    /// 4xx ends the command with exit status 2, 5xx with 1.
    /// </summary>
    public static FleetRequestException ToException(HttpStatusCode status, string? body, Uri root, bool isLogin)
    {
        ArgumentNullException.ThrowIfNull(root);
        int code = (int)status;
        var (title, detail, next) = Parse(body);
        string message = detail ?? title ?? Quote(body) ?? $"HTTP {code} {status}";
        int exit = code is >= 400 and < 500 ? ExitCodes.Usage : ExitCodes.SomeFailed;
        string shown = ServiceUrl.Show(root);
        if (status == HttpStatusCode.Unauthorized && !isLogin)
        {
            return new FleetRequestException(
                $"the service at {shown} did not accept the token: {message}",
                $"run lifeline login {shown}, or set LIFELINE_TOKEN to a valid token", exit, code);
        }

        if (status == HttpStatusCode.Forbidden)
        {
            return new FleetRequestException($"not allowed: {message}", next ?? "ask an admin for a grant that covers it", exit, code);
        }

        if (title is null && detail is null && code is 404 or 405)
        {
            next = $"is {shown} a lifeline service? check the URL (lifeline login URL, or LIFELINE_URL)";
        }
        else if (next is null && code >= 500)
        {
            next = "the service failed; its log says why (journalctl -u lifeline, or the terminal running lifeline serve)";
        }

        return new FleetRequestException(message, next, exit, code);
    }

    private static (string? Title, string? Detail, string? Next) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return (Text(root, "title"), Text(root, "detail"), Text(root, "next"));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static string? Quote(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        string first = body.Trim().Split('\n', 2)[0].Trim();
        return first.Length > MaxQuoted ? first[..MaxQuoted] + "…" : first;
    }
}
