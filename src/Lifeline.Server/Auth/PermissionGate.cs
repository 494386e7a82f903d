using Lifeline.Fleet.Security;
using Lifeline.Server.Apis;
using Lifeline.Server.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Lifeline.Server.Auth;

/// <summary>
/// The endpoint-level check, run after authentication and before any handler: public endpoints pass; every other one
/// needs a caller (401 otherwise) holding the endpoint's <see cref="Permission"/> (403 otherwise). Per-node checks are
/// the handlers' job. A refused mutating request is audited as <c>denied</c>.
/// </summary>
internal sealed class PermissionGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AuditWriter audit)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var permission = endpoint.Metadata.GetMetadata<Permission>() ?? Permission.Own;
        if (permission.Scope == AccessScope.Public
            || (context.WebSockets.IsWebSocketRequest && endpoint.Metadata.GetMetadata<SelfAuthorizingWebSocket>() is not null))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var caller = context.FindCaller();
        if (caller is null)
        {
            var reason = context.Items[BearerAuthenticationHandler.FailureItem] as string ?? "no bearer token";
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Unauthorized($"authentication required: {reason}").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        bool allowed = permission.Scope switch
        {
            AccessScope.Service => caller.AllowsService(permission.Role),
            AccessScope.Nodes => caller.AllowsSomewhere(permission.Role),
            _ => true,
        };
        if (!allowed)
        {
            string needed = permission.Scope == AccessScope.Service
                ? $"{Name(permission.Role)} over *"
                : $"{Name(permission.Role)} over some scope";
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                await audit.WriteAsync(context, caller.UserName, AuditActions.For(context), context.Request.Path, AuditWriter.Denied,
                    new { needed }).ConfigureAwait(false);
            }

            await Problems.Forbidden($"{context.Request.Method} {context.Request.Path} needs {needed}").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    internal static string Name(Role role) => role.ToString().ToLowerInvariant();
}
