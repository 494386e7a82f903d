using System.Text.Json;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary><c>GET /audit</c>: newest first; admins over <c>*</c> see every entry, everyone else their own.</summary>
internal static class AuditApi
{
    public const int MaxLimit = 1000;

    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", QueryAsync).WithName("audit.query").WithTags("Audit").Requires(Permission.Own);
    }

    private static async Task<Results<Ok<AuditView[]>, ProblemHttpResult>> QueryAsync(
        DateTimeOffset? since, DateTimeOffset? until, string? user, string? action, int? limit, [FromQuery(Name = "before_id")] long? beforeId,
        HttpContext context, IFleetStore store, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        if (!caller.AllowsService(Role.Admin))
        {
            if (user is not null && user != caller.UserName)
            {
                return Problems.Forbidden("other users' audit entries need admin over *", "leave out ?user= to see your own entries");
            }

            user = caller.UserName;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"limit must be 1 to {MaxLimit}", "page with ?before_id= the last id of the previous page");
        }

        var entries = await store.QueryAuditAsync(new AuditQuery(since, until, user, action, limit ?? 100, beforeId), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(entries.Select(e => new AuditView(e.Id, e.Time, e.Actor, e.Source, e.Action, e.Target, e.Outcome, Parse(e.Details))).ToArray());
    }

    private static JsonElement? Parse(string? details)
    {
        if (details is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(details);
        }
    }
}
