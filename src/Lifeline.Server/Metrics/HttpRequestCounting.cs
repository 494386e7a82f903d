using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Metrics;

/// <summary>
/// Outermost middleware: counts every answered request by its endpoint's route pattern (<c>unmatched</c> when no
/// endpoint matched, so arbitrary paths cannot grow the label set) and final status code.
/// </summary>
internal sealed class HttpRequestCounting(RequestDelegate next, HttpRequestCounter counter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            counter.Count(route, context.Response.StatusCode);
        }
    }
}
