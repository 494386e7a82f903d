using Lifeline.Fleet.Inventory;
using Lifeline.Server.Apis;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Lifeline.Server.Hosting;

/// <summary>
/// The store's own validation (a rule the API's checks did not catch first) answers 400 with every problem, not 500.
/// </summary>
internal sealed class ValidationExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not InventoryValidationException invalid || httpContext.Response.HasStarted)
        {
            return false;
        }

        await Problems.Make(StatusCodes.Status400BadRequest, "Invalid inventory", invalid.Message, "fix the values named and send the request again; nothing was stored",
            [new("problems", invalid.Problems)]).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
