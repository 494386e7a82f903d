using System.Globalization;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Hosting;
using Spectre.Console;

namespace Lifeline.Cli.Output;

/// <summary>How many node results a command wrote, and how many failed or were cancelled.</summary>
public readonly record struct ResultTally(int Count, int Failed, int Cancelled);

/// <summary>
/// Writes a stream of node results in the chosen format, with a progress bar on stderr when it is a terminal and
/// there are more than <see cref="ProgressThreshold"/> nodes. Direct mode (a fan-out over BMCs) and fleet mode (lines
/// streamed by the service) both end here, so their output is the same.
/// </summary>
public sealed class ResultPresenter
{
    /// <summary>Above this many nodes a progress bar is drawn (when stderr is a terminal).</summary>
    public const int ProgressThreshold = 20;

    private readonly ITerminal _terminal;

    public ResultPresenter(ITerminal terminal)
    {
        _terminal = terminal;
    }

    /// <summary>
    /// Consumes <paramref name="results"/> into a writer and completes it (the collated table prints then).
    /// </summary>
    /// <param name="description">The progress bar's label, e.g. <c>power status: 500 BMCs</c>.</param>
    /// <param name="total">How many results are expected, when known (needed for a progress bar).</param>
    /// <param name="results">The results; the enumeration ends early (without throwing) when interrupted.</param>
    /// <param name="format">Table or JSON lines.</param>
    /// <param name="view">The verb's view.</param>
    /// <param name="folding">How node sets are written in the table.</param>
    public async Task<ResultTally> PresentAsync<T>(
        string description,
        int? total,
        IAsyncEnumerable<NodeResult<T>> results,
        OutputFormat format,
        IResultView<T> view,
        NodeFolding folding)
    {
        ArgumentNullException.ThrowIfNull(results);
        var writer = ResultWriter.Create(format, _terminal.Out, view, folding);
        int count = 0;
        int failed = 0;
        int cancelled = 0;

        async Task ConsumeAsync(Action? tick)
        {
            await foreach (var result in results.ConfigureAwait(false))
            {
                writer.Add(result);
                count++;
                if (!result.Ok)
                {
                    failed++;
                    if (result.Error!.Category == "cancelled")
                    {
                        cancelled++;
                    }
                }

                tick?.Invoke();
            }
        }

        bool streamsToTerminal = format == OutputFormat.Json && _terminal.IsOutputInteractive;
        if (_terminal.IsErrorInteractive && total > ProgressThreshold && !streamsToTerminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_terminal.Error) });
            await console.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(description, maxValue: total.Value);
                    await ConsumeAsync(() =>
                    {
                        // The service may answer for more nodes than it first named (nodes added meanwhile).
                        if (task.Value + 1 > task.MaxValue)
                        {
                            task.MaxValue = task.Value + 1;
                        }

                        task.Increment(1);
                    }).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            await ConsumeAsync(null).ConfigureAwait(false);
        }

        writer.Complete();
        return new ResultTally(count, failed, cancelled);
    }

    /// <summary>"500 BMCs", "1 node".</summary>
    public static string Count(int n, string singular) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {singular}{(n == 1 ? "" : "s")}";
}
