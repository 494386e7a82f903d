using System.Runtime.CompilerServices;
using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Lifeline.Fleet.Security;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Operations;

/// <summary>
/// Runs one operation over authorised nodes: nodes outside the caller's scope for the needed role are answered
/// <c>forbidden</c> and never reach a grain; unknown names are answered <c>unknown-node</c>; the rest go to
/// <see cref="IFleetOperations"/> and stream back as they complete. A mutating operation is audited with every node's
/// outcome once the stream ends (also when the client goes away halfway).
/// </summary>
internal sealed partial class OperationRunner(IFleetOperations fleet, AuditWriter audit, ILogger<OperationRunner> logger)
{
    /// <summary>The role an operation needs on each node: operator when it changes the node, else viewer.</summary>
    public static Role RoleFor(NodeOperation operation) => operation.IsMutating ? Role.Operator : Role.Viewer;

    /// <summary>The audit action of a mutating operation: <c>power.on</c>, <c>boot.set</c>, <c>events.clear</c>, <c>identify</c>.</summary>
    public static string ActionName(NodeOperation operation) => operation.Kind switch
    {
        OperationKind.Power => $"power.{operation.Power.ToString().ToLowerInvariant()}",
        OperationKind.BootSet => "boot.set",
        OperationKind.BootGet => "boot.status",
        OperationKind.EventsClear => "events.clear",
        OperationKind.EventsList => "events.list",
        OperationKind.Identify => "identify",
        OperationKind.BmcInfo => "bmc-info",
        _ => operation.Kind.ToString().ToLowerInvariant(),
    };

    public async IAsyncEnumerable<NodeLine> StreamAsync(
        HttpContext context,
        Caller caller,
        NodeOperation operation,
        string noderange,
        IReadOnlyList<string> nodes,
        InventoryView view,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var role = RoleFor(operation);
        var allowed = new List<string>(nodes.Count);
        var early = new List<NodeLine>();
        foreach (var name in nodes)
        {
            if (!view.Nodes.TryGetValue(name, out var node))
            {
                early.Add(NodeLine.Unknown(name));
            }
            else if (!caller.Allows(role, node.Groups))
            {
                early.Add(NodeLine.Forbidden(name, PermissionGate.Name(role)));
            }
            else
            {
                allowed.Add(name);
            }
        }

        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in early)
            {
                outcomes[line.Node] = line.Error!.Category;
                yield return line;
            }

            if (allowed.Count > 0)
            {
                var results = fleet.RunAsync(operation, allowed, cancellationToken).GetAsyncEnumerator(cancellationToken);
                Exception? failure = null;
                try
                {
                    while (true)
                    {
                        NodeOutcome outcome;
                        try
                        {
                            if (!await results.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }

                            outcome = results.Current;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            failure = ex;
                            break;
                        }

                        outcomes[outcome.Node] = outcome.Ok ? "ok" : outcome.Error!.Category;
                        yield return NodeLine.From(outcome);
                    }
                }
                finally
                {
                    await results.DisposeAsync().ConfigureAwait(false);
                }

                if (failure is not null)
                {
                    // every node still ends with a line: the fleet failed under it (our bug, not the BMC's)
                    LogFleetFailed(logger, failure, ActionName(operation));
                    foreach (var name in allowed.Where(n => !outcomes.ContainsKey(n)).ToList())
                    {
                        outcomes[name] = "internal";
                        yield return new NodeLine(name, false, new ErrorBody("internal", $"{name}: the operation failed inside the service ({failure.GetType().Name})",
                            "this is a bug in lifeline; report it with the time of the request"), null);
                    }
                }
            }
        }
        finally
        {
            if (operation.IsMutating)
            {
                foreach (var name in allowed.Where(n => !outcomes.ContainsKey(n)))
                {
                    outcomes[name] = "cancelled";
                }

                await WriteAuditAsync(context, caller, operation, noderange, outcomes).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One node already authorised: its outcome, audited when mutating.</summary>
    public async Task<NodeOutcome> RunOneAsync(HttpContext context, Caller caller, NodeOperation operation, string node, CancellationToken cancellationToken)
    {
        NodeOutcome? result = null;
        try
        {
            await foreach (var outcome in fleet.RunAsync(operation, [node], cancellationToken).ConfigureAwait(false))
            {
                result = outcome;
            }

            return result ?? new NodeOutcome(node, null, new NodeError("internal", $"{node}: the fleet returned no outcome", "this is a bug in lifeline; report it"));
        }
        finally
        {
            if (operation.IsMutating)
            {
                var outcomes = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [node] = result is null ? "cancelled" : result.Ok ? "ok" : result.Error!.Category,
                };
                await WriteAuditAsync(context, caller, operation, node, outcomes).ConfigureAwait(false);
            }
        }
    }

    private Task WriteAuditAsync(HttpContext context, Caller caller, NodeOperation operation, string noderange, Dictionary<string, string> outcomes)
    {
        int ok = outcomes.Values.Count(v => v == "ok");
        int forbidden = outcomes.Values.Count(v => v == ErrorBody.ForbiddenCategory);
        int failed = outcomes.Count - ok - forbidden;
        object? arguments = operation.Kind switch
        {
            OperationKind.BootSet => operation.Boot,
            OperationKind.Identify => operation.Identify,
            _ => null,
        };
        return audit.WriteAsync(context, caller.UserName, ActionName(operation), noderange, AuditWriter.Summarise(ok, failed, forbidden),
            new { noderange, arguments, nodes = outcomes });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The fleet failed while running {Action}; the nodes without an outcome were answered 'internal'")]
    private static partial void LogFleetFailed(ILogger logger, Exception exception, string action);
}
