using Lifeline.Drivers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Lifeline.Cli.Backend;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Cli.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>events watch</c> (Redfish SSE): one line (or JSON object) per event, tagged with its node, until Ctrl-C,
/// <c>--count N</c> events or <c>--seconds S</c>. A node that cannot stream prints one error line and the others go on.
/// </summary>
public sealed class EventsWatchCommand : AsyncCommand<EventsWatchCommand.Settings>
{
    private readonly VerbRunner _runner;
    private readonly ITerminal _terminal;
    private readonly FailureClassifier _classifier;

    public EventsWatchCommand(VerbRunner runner, ITerminal terminal, FailureClassifier classifier)
    {
        _runner = runner;
        _terminal = terminal;
        _classifier = classifier;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandOption("--count <N>")]
        [Description("Stop after N events (from all nodes together).")]
        public int? Count { get; set; }

        [CommandOption("--seconds <S>")]
        [Description("Stop after S seconds.")]
        public double? Seconds { get; set; }

        public override ValidationResult Validate()
        {
            if (Count is < 1)
            {
                return ValidationResult.Error($"events watch --count {Count}: expected 1 or more");
            }

            if (Seconds is { } s && (!(s > 0) || s > 31_536_000))
            {
                return ValidationResult.Error($"events watch --seconds {s.ToString(CultureInfo.InvariantCulture)}: expected a positive number of seconds");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (targets, connection) = await _runner.PrepareAsync(settings, cancellationToken).ConfigureAwait(false);
        using var password = connection.Password;
        using var kg = connection.Kg;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Seconds is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var gate = new Lock();
        int seen = 0;
        int failed = 0;
        var semaphore = new SemaphoreSlim(settings.Fanout);

        void Write(NodeLine json, string text)
        {
            lock (gate)
            {
                _terminal.Out.WriteLine(settings.Format == OutputFormat.Json
                    ? JsonSerializer.Serialize(json, json.GetType(), LifelineJsonContext.Default)
                    : text);
                _terminal.Out.Flush();
            }
        }

        async Task WatchAsync(BmcTarget target)
        {
            await semaphore.WaitAsync(stop.Token).ConfigureAwait(false);
            try
            {
                await foreach (var e in _runner.Backend.WatchEventsAsync(target, connection, stop.Token).ConfigureAwait(false))
                {
                    Write(new EventLine { Node = target.Node, Ok = true, Event = e },
                        $"{target.Node}: {e.Timestamp ?? "-"} {e.Severity ?? "-"} {e.Message}{(e.MessageId is { } id ? $" [{id}]" : "")}");
                    if (Interlocked.Increment(ref seen) >= (settings.Count ?? int.MaxValue))
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl-C, --count or --seconds: the normal end.
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref failed);
                var error = _classifier.Classify(e);
                Write(new EventLine { Node = target.Node, Ok = false, Error = new ErrorJson { Category = error.Category, Message = error.Message, Next = error.NextStep } },
                    $"{target.Node}: {ResultViews.ErrorLine(error)}");
            }
            finally
            {
                semaphore.Release();
            }
        }

        try
        {
            await Task.WhenAll(targets.Select(t => Task.Run(() => WatchAsync(t), CancellationToken.None))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Nodes still queued behind --fanout when watching stopped.
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }

        return failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }
}
