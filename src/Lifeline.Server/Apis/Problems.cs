using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Server.Apis;

/// <summary>RFC 9457 problem details with the extra <c>next</c> member (what the caller can do about it).</summary>
internal static class Problems
{
    public static ProblemHttpResult Make(int status, string title, string detail, string next, IEnumerable<KeyValuePair<string, object?>>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["next"] = next };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                extensions[key] = value;
            }
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult BadRequest(string detail, string next) => Make(StatusCodes.Status400BadRequest, "Bad request", detail, next);

    public static ProblemHttpResult NotFound(string detail, string next) => Make(StatusCodes.Status404NotFound, "Not found", detail, next);

    public static ProblemHttpResult Conflict(string detail, string next) => Make(StatusCodes.Status409Conflict, "Conflict", detail, next);

    public static ProblemHttpResult Forbidden(string detail, string next = "ask an admin for a grant that covers it") =>
        Make(StatusCodes.Status403Forbidden, "Forbidden", detail, next);

    public static ProblemHttpResult Unauthorized(string detail, string next = "log in again (POST /api/v1/auth/login) or use a valid token") =>
        Make(StatusCodes.Status401Unauthorized, "Unauthorized", detail, next);

    public static ProblemHttpResult TooManyRequests(string detail, string next) =>
        Make(StatusCodes.Status429TooManyRequests, "Too many requests", detail, next);
}
