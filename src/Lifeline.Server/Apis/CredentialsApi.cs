using System.Security.Cryptography;
using System.Text;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>/credentials</c>: named BMC credentials (admin over <c>*</c>). The password goes into the store encrypted and is
/// never answered, logged or audited; changing one tells the grains of every node that uses it.
/// </summary>
internal static class CredentialsApi
{
    public static void MapCredentialsApi(this RouteGroupBuilder api)
    {
        var credentials = api.MapGroup("/credentials").WithTags("Credentials").Requires(Permission.ServiceAdmin);
        credentials.MapGet("/", ListAsync).WithName("credentials.list");
        credentials.MapPut("/{name}", SetAsync).WithName("credentials.set");
        credentials.MapDelete("/{name}", RemoveAsync).WithName("credentials.remove");
    }

    private static async Task<Ok<CredentialView[]>> ListAsync(IFleetStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListCredentialsAsync(cancellationToken).ConfigureAwait(false)).Select(CredentialView.From).ToArray());

    private static async Task<Results<Ok<CredentialView>, ProblemHttpResult>> SetAsync(
        string name, CredentialRequest request, HttpContext context, IFleetStore store, InventoryCache inventory, InventoryChanges changes, AuditWriter audit,
        CancellationToken cancellationToken)
    {
        if (!Names.IsValid(name))
        {
            return Problems.BadRequest($"a credential name is {Names.Rule}", "pick another name");
        }

        if (string.IsNullOrWhiteSpace(request.User) || request.User.Length > 64 || string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
        {
            return Problems.BadRequest("a credential needs user (1-64 characters) and password (1-1024 characters)", "send {\"user\": \"admin\", \"password\": \"...\"}");
        }

        byte[] password = Encoding.UTF8.GetBytes(request.Password);
        try
        {
            await store.SetCredentialAsync(name, request.User, password, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }

        await changes.AppliedAsync(await UsersOfAsync(inventory, name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, context.GetCaller().UserName, "credentials.set", $"credential:{name}", AuditWriter.Ok, new { user = request.User }).ConfigureAwait(false);
        var stored = (await store.ListCredentialsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.Name == name);
        return TypedResults.Ok(stored is null ? new CredentialView(name, request.User, DateTimeOffset.MinValue) : CredentialView.From(stored));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string name, HttpContext context, IFleetStore store, InventoryCache inventory, InventoryChanges changes, AuditWriter audit, CancellationToken cancellationToken)
    {
        var users = await UsersOfAsync(inventory, name, cancellationToken).ConfigureAwait(false);
        if (!await store.RemoveCredentialAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound($"no credential {name}", "list credentials with GET /api/v1/credentials");
        }

        await changes.AppliedAsync(users, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(context, context.GetCaller().UserName, "credentials.remove", $"credential:{name}", AuditWriter.Ok, new { nodes = users.Count }).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>The nodes whose effective credential is <paramref name="name"/>.</summary>
    private static async Task<List<string>> UsersOfAsync(InventoryCache inventory, string name, CancellationToken cancellationToken)
    {
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        return [.. view.NodeList.Where(n => view.EffectiveCredential(n) == name).Select(n => n.Name)];
    }
}
