using Microsoft.AspNetCore.Http;

namespace Lifeline.Server.Operations;

/// <summary>
/// The HTTP status of a single-node answer from the node's error category: BMC unreachable or timed out 504; the BMC
/// refused our credentials or answered with an error 502 (never 401: that is the caller's own authentication); not
/// supported by this BMC 501; outside the caller's scope 403; the node's own configuration incomplete
/// (<c>not-configured</c>: no URL or credential) 409; a request the driver cannot encode 400; our own failure 500.
/// </summary>
internal static class ErrorStatus
{
    public static int For(string category) => category switch
    {
        "unreachable" or "timeout" or "session-lost" => StatusCodes.Status504GatewayTimeout,
        "not-supported" or "not-implemented" or "unsupported" => StatusCodes.Status501NotImplemented,
        ErrorBody.ForbiddenCategory => StatusCodes.Status403Forbidden,
        ErrorBody.UnknownNodeCategory => StatusCodes.Status404NotFound,
        "internal" or "cancelled" => StatusCodes.Status500InternalServerError,
        "not-configured" or "no-credential" or "no-endpoint" => StatusCodes.Status409Conflict,
        "invalid-request" => StatusCodes.Status400BadRequest,
        // bad-password, unknown-user, unauthorized, bad-kg, insufficient-privilege, completion-code, rejected,
        // malformed-response, session-limit, no-cipher-suite, untrusted-certificate, task-failed and anything else a BMC says
        _ => StatusCodes.Status502BadGateway,
    };

    public static string Title(int status) => status switch
    {
        StatusCodes.Status504GatewayTimeout => "BMC unreachable",
        StatusCodes.Status502BadGateway => "BMC error",
        StatusCodes.Status501NotImplemented => "Not supported by this BMC",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Node not configured",
        StatusCodes.Status400BadRequest => "Bad request",
        _ => "Internal error",
    };
}
