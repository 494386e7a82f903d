using System.Runtime.CompilerServices;
using System.Text.Json;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Drivers;
using Lifeline.Fleet.Noderanges;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary>
/// What every fleet operation verb does: check the noderange's syntax, <c>POST /ops/{verb}</c>, turn each streamed
/// line into a <see cref="NodeResult{T}"/> of the driver's result record, and write them through the same views and
/// writers as direct mode (node names folded into noderanges), with a progress bar on a terminal and the same exit
/// statuses.
/// </summary>
public sealed class FleetOperationRunner
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public FleetOperationRunner(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public FleetClientFactory Clients => _clients;

    /// <summary>Runs <paramref name="verb"/> over <paramref name="body"/>'s noderange; returns the exit status.</summary>
    /// <param name="label">For the progress bar and messages: <c>power on</c>.</param>
    /// <param name="verb">The API verb: <c>power</c>, <c>boot-status</c>, …</param>
    /// <param name="body">The noderange and the verb's arguments.</param>
    /// <param name="settings">Output and time limit.</param>
    /// <param name="view">The result's view.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public async Task<int> RunAsync<T>(string label, string verb, OperationBody body, ServiceSettings settings, IResultView<T> view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(settings);
        CheckSyntax(body.Noderange);
        using var client = _clients.Create(settings.TimeoutSpan);
        int? total = await CountForProgressAsync(client, body.Noderange, settings, cancellationToken).ConfigureAwait(false);
        var outcome = new StreamOutcome();
        var results = ResultsAsync<T>(client.StreamAsync(verb, body, cancellationToken), outcome, cancellationToken);
        var tally = await new ResultPresenter(_terminal).PresentAsync(
            total is { } n ? $"{label}: {ResultPresenter.Count(n, "node")}" : label, total, results, settings.Format, view, NodeFolding.Noderange).ConfigureAwait(false);
        return await FinishAsync(label, body.Noderange, tally, outcome.Broken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes already known results (the cached state) the same way; returns the exit status.</summary>
    public async Task<int> PresentAsync<T>(string label, string noderange, IReadOnlyList<NodeResult<T>> results, ServiceSettings settings, IResultView<T> view)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var tally = await new ResultPresenter(_terminal).PresentAsync(label, null, results.ToAsyncEnumerable(), settings.Format, view, NodeFolding.Noderange).ConfigureAwait(false);
        return await FinishAsync(label, noderange, tally, null, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Checks the noderange's syntax here, so a typo fails at once with a caret under it.</summary>
    /// <exception cref="UsageException">It does not parse.</exception>
    public static void CheckSyntax(string noderange)
    {
        ArgumentNullException.ThrowIfNull(noderange);
        if (string.IsNullOrWhiteSpace(noderange))
        {
            throw new UsageException("the noderange is empty: name nodes, e.g. n1, n[1-20], rack1 (lifeline nodes list shows them)");
        }

        try
        {
            NodeRange.Validate(noderange);
        }
        catch (NodeRangeException e)
        {
            throw new UsageException($"bad noderange: {e.Message}");
        }
    }

    /// <summary>The node result for one streamed line: the driver record from <c>result</c>, or the node's error.</summary>
    public static NodeResult<T> ToResult<T>(int index, FleetLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Error is { } error)
        {
            return NodeResult<T>.Failure(index, line.Node, new NodeError(error.Category, error.Message, error.Next));
        }

        if (!line.Ok)
        {
            return NodeResult<T>.Failure(index, line.Node, new NodeError("unknown", "the service reported a failure without saying why", "see the service's log"));
        }

        if (line.Result is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } result)
        {
            return NodeResult<T>.Failure(index, line.Node, BadAnswer("a success without a result"));
        }

        try
        {
            return result.Deserialize<T>(FleetJson.Options) is { } value
                ? NodeResult<T>.Success(index, line.Node, value)
                : NodeResult<T>.Failure(index, line.Node, BadAnswer("a null result"));
        }
        catch (JsonException e)
        {
            return NodeResult<T>.Failure(index, line.Node, BadAnswer($"a result this lifeline cannot read ({e.Message})"));
        }
    }

    private static NodeError BadAnswer(string what) =>
        new("bad-answer", $"the service sent {what}", "use a lifeline command of the same version as the service");

    private async Task<int?> CountForProgressAsync(FleetClient client, string noderange, ServiceSettings settings, CancellationToken cancellationToken)
    {
        // Only a progress bar needs the count up front: ask for it only when one could be drawn.
        bool streamsToTerminal = settings.Format == OutputFormat.Json && _terminal.IsOutputInteractive;
        if (!_terminal.IsErrorInteractive || streamsToTerminal)
        {
            return null;
        }

        var answer = await client.GetAsync<NoderangeAnswer>($"noderange?expr={Uri.EscapeDataString(noderange)}", cancellationToken).ConfigureAwait(false);
        return answer.Nodes.Count;
    }

    private static async IAsyncEnumerable<NodeResult<T>> ResultsAsync<T>(
        IAsyncEnumerable<FleetLine> lines, StreamOutcome outcome, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int index = 0;
        var enumerator = lines.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl-C: show what arrived; the caller reports the interruption.
                    yield break;
                }
                catch (FleetRequestException e) when (index > 0)
                {
                    // The stream broke after some nodes: show them, then say so.
                    outcome.Broken = e;
                    yield break;
                }

                yield return ToResult<T>(index++, enumerator.Current);
            }
        }
    }

    private async Task<int> FinishAsync(string label, string noderange, ResultTally tally, FleetRequestException? broken, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            await _terminal.Error.WriteLineAsync(
                $"lifeline: interrupted; {ResultPresenter.Count(tally.Count, "node")} reported before that; the others may or may not have been acted on").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        if (broken is not null)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: {broken.Describe()}").ConfigureAwait(false);
            return ExitCodes.SomeFailed;
        }

        if (tally.Count == 0)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: {label}: '{noderange}' names no node you may see; nothing was done").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (tally.Failed > 0 && tally.Count > 1)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: {tally.Failed} of {ResultPresenter.Count(tally.Count, "node")} failed").ConfigureAwait(false);
        }

        return tally.Failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    private sealed class StreamOutcome
    {
        public FleetRequestException? Broken { get; set; }
    }
}
