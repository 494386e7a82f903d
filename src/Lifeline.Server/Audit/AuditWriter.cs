using Lifeline.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Audit;

/// <summary>
/// Appends audit entries: who, when (the service clock), from where (the remote address), what, on which target, how it
/// ended, and details as JSON. Callers pass only non-secret details; this type never sees a password or token.
/// Writes are not cancelled by the client going away: an action that ran is recorded.
/// </summary>
internal sealed partial class AuditWriter(IFleetStore store, [FromKeyedServices(ServiceClock.Key)] TimeProvider time, ILogger<AuditWriter> logger)
{
    public const string Ok = "ok";
    public const string Partial = "partial";
    public const string Failed = "failed";
    public const string Denied = "denied";

    public Task WriteAsync(HttpContext context, string actor, string action, string? target, string outcome, object? details) =>
        WriteAsync(actor, context.Source(), action, target, outcome, details);

    public async Task WriteAsync(string actor, string source, string action, string? target, string outcome, object? details)
    {
        var entry = new AuditEntry
        {
            Time = time.GetUtcNow(),
            Actor = actor,
            Source = source,
            Action = action,
            Target = target,
            Outcome = outcome,
            Details = details is null ? null : JsonSerializer.Serialize(details, details.GetType(), FleetJson.Options),
        };
        try
        {
            await store.AppendAuditAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogAuditFailed(logger, ex, action, actor);
            throw;
        }
    }

    /// <summary>ok when every node succeeded, failed when none did, denied when the only failures are refusals, else partial.</summary>
    public static string Summarise(int ok, int failed, int forbidden) => (ok, failed, forbidden) switch
    {
        ( > 0, 0, 0) => Ok,
        (0, 0, > 0) => Denied,
        (0, _, _) when failed + forbidden > 0 => Failed,
        (0, 0, 0) => Ok,
        _ => Partial,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not append the audit entry {Action} by {Actor}")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string action, string actor);
}
