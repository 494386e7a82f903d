using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Audit;

/// <summary>Audit action names: the endpoint's name (<c>nodes.add</c>, <c>users.remove</c>), else method and path.</summary>
internal static class AuditActions
{
    public static string For(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
        ?? $"{context.Request.Method} {context.Request.Path}";
}
