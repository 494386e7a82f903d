using Microsoft.AspNetCore.Builder;

namespace Lifeline.Server.Auth;

/// <summary>Attaches a <see cref="Permission"/> to an endpoint.</summary>
internal static class PermissionExtensions
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(permission);
        return builder;
    }
}
