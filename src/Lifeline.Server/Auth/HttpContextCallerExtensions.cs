using Microsoft.AspNetCore.Http;

namespace Lifeline.Server.Auth;

/// <summary>The <see cref="Caller"/> of a request, set by <see cref="BearerAuthenticationHandler"/>.</summary>
internal static class HttpContextCallerExtensions
{
    public static Caller? FindCaller(this HttpContext context) => context.Features.Get<Caller>();

    /// <summary>The caller of an endpoint behind the permission gate (which guarantees one).</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.Features.Get<Caller>() ?? throw new InvalidOperationException("no authenticated caller on a gated endpoint");

    /// <summary>The remote address for audit, or <c>local</c> for in-process requests.</summary>
    public static string Source(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";
}
