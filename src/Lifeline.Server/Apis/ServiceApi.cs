using Lifeline.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>GET /healthz</c> (also under <c>/api/v1</c>): <c>ok</c> once the service answers; no authentication.</summary>
internal static class ServiceApi
{
    public static void MapServiceApi(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapGet("/healthz", Healthz).WithName("healthz").WithTags("Service").Requires(Permission.Public);
        api.MapGet("/healthz", Healthz).WithName("api.healthz").WithTags("Service").Requires(Permission.Public);
    }

    private static ContentHttpResult Healthz() => TypedResults.Text("ok", "text/plain");
}
