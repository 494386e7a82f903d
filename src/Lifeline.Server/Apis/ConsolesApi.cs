using System.Globalization;
using System.Text;
using Lifeline.Consoles.Hub;
using Lifeline.Consoles.Logging;
using Lifeline.Consoles.Sources;
using Lifeline.Fleet.Security;
using Lifeline.Server.Apis.Models;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Lifeline.Server.Consoles;
using Lifeline.Server.Hosting;
using Lifeline.Server.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Server.Apis;

/// <summary>
/// <c>/consoles</c>: the console hub. A listing, a node's log (replay and grep across rotated files), a break, and the
/// WebSocket attach (<see cref="ConsoleWebSocket"/>). Reads need viewer over the node, a break or the writer seat operator.
/// </summary>
internal static class ConsolesApi
{
    private const int MaxLogLines = 100_000;

    public static void MapConsolesApi(this RouteGroupBuilder api)
    {
        var consoles = api.MapGroup("/consoles").WithTags("Consoles");
        consoles.MapGet("/", ListAsync).WithName("consoles.list").Requires(Permission.NodeViewer);
        consoles.MapGet("/{name}/log", LogAsync).WithName("consoles.log").Requires(Permission.NodeViewer);
        consoles.MapPost("/{name}/break", BreakAsync).WithName("consoles.break").Requires(Permission.NodeOperator);
        consoles.MapGet("/{name}/ws", ConsoleWebSocket.RunAsync).WithName("consoles.attach").Requires(Permission.NodeViewer)
            .WithMetadata(SelfAuthorizingWebSocket.Instance);
    }

    private static async Task<Results<Ok<ConsoleInfo[]>, ProblemHttpResult>> ListAsync(
        string? noderange, HttpContext context, NoderangeResolver resolver, ConsoleHubService consoles, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var (view, names, problem) = await resolver.ResolveAsync(noderange, required: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var list = consoles.Hub.List()
            .Where(s => wanted.Contains(s.Node) && view.Nodes.TryGetValue(s.Node, out var node) && caller.Allows(Role.Viewer, node.Groups))
            .Select(s => new ConsoleInfo(s.Node, s.Method, ConsoleMessages.Name(s.Logging), ConsoleMessages.Name(s.Connection), s.Writer, s.Viewers,
                s.LastError, s.ConnectedSince))
            .OrderBy(s => s.Node, StringComparer.Ordinal);
        return TypedResults.Ok(list.ToArray());
    }

    private static async Task<IResult> LogAsync(
        string name, string? since, string? until, string? grep, int? limit, HttpContext context, InventoryCache inventory, ConsoleHubService consoles,
        [FromKeyedServices(ServiceClock.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        var (_, problem) = NodesApi.Find(view, name, context.GetCaller(), Role.Viewer);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        if (!QueryTime.TryParse(since, now, out var from) || !QueryTime.TryParse(until, now, out var to))
        {
            return Problems.BadRequest($"'{since ?? until}' is not a time", "write an ISO 8601 time (2026-05-01T12:00:00Z) or a duration back from now (90s, 15m, 1h, 2d)");
        }

        if (limit is <= 0 or > MaxLogLines)
        {
            return Problems.BadRequest($"limit {limit} is out of range", $"ask for 1 to {MaxLogLines} lines");
        }

        var hub = consoles.Hub.Options;
        IEnumerable<ConsoleLogLine> lines;
        try
        {
            if (!string.IsNullOrEmpty(grep))
            {
                ConsoleLog.CompileSearch(grep, hub.Log.RegexTimeout);
            }

            lines = string.IsNullOrEmpty(grep)
                ? ConsoleLog.ReadLines(hub.LogDirectory, name, from, to, hub.Log, cancellationToken)
                : ConsoleLog.Search(hub.LogDirectory, name, grep, from, to, hub.Log, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message, "fix the grep pattern (a .NET regular expression)");
        }

        // the last `limit` lines of the window (all of it up to the cap when no limit is given)
        int keep = limit ?? MaxLogLines;
        var tail = new Queue<ConsoleLogLine>();
        await Task.Run(() =>
        {
            foreach (var line in lines)
            {
                if (tail.Count == keep)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line);
            }
        }, cancellationToken).ConfigureAwait(false);

        var text = new StringBuilder();
        foreach (var line in tail)
        {
            text.Append(line.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\t')
                .Append(line.Text.TrimEnd('\r', '\n')).Append('\n');
        }

        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    /// <summary>An ISO 8601 time, or a duration back from <paramref name="now"/> (90s, 15m, 1h, 2d).</summary>

    private static async Task<IResult> BreakAsync(
        string name, HttpContext context, InventoryCache inventory, ConsoleHubService consoles, AuditWriter audit, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var view = await inventory.GetAsync(cancellationToken).ConfigureAwait(false);
        var (_, problem) = NodesApi.Find(view, name, caller, Role.Operator);
        if (problem is not null)
        {
            await audit.WriteAsync(context, caller.UserName, "consoles.break", name, AuditWriter.Denied, null).ConfigureAwait(false);
            return problem;
        }

        if (consoles.Hub.Find(name) is not { } session)
        {
            return Problems.NotFound($"{name} has no console", $"set console_method of {name} (sol, tcp://HOST:PORT, ...)");
        }

        try
        {
            await session.SendBreakAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConsoleException e)
        {
            await audit.WriteAsync(context, caller.UserName, "consoles.break", name, AuditWriter.Failed, new { error = e.Message }).ConfigureAwait(false);
            return Problems.Conflict(e.Message, e.NextStep);
        }

        await audit.WriteAsync(context, caller.UserName, "consoles.break", name, AuditWriter.Ok, null).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
