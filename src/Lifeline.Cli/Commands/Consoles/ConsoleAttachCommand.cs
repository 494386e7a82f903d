using System.ComponentModel;
using System.Globalization;
using Lifeline.Cli.Commands.Fleet;
using Lifeline.Cli.Consoles;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Consoles;

/// <summary><c>console NODE [--spy] [--force] [--replay N] [--via N|KIND]</c>: attaches the terminal to a node's console through the fleet service.</summary>
public sealed class ConsoleAttachCommand : AsyncCommand<ConsoleAttachCommand.Settings>
{
    private readonly FleetOperationRunner _runner;
    private readonly IConsoleTerminal _terminal;
    private readonly TimeProvider _time;

    public ConsoleAttachCommand(FleetOperationRunner runner, IConsoleTerminal terminal, TimeProvider time)
    {
        _runner = runner;
        _terminal = terminal;
        _time = time;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NODE>")]
        [Description("The node whose console to attach.")]
        public string Node { get; set; } = "";

        [CommandOption("--spy")]
        [Description("Read only: watch without taking the writer seat.")]
        public bool Spy { get; set; }

        [CommandOption("--force")]
        [Description("Take the writer seat from whoever holds it (operators; audited).")]
        public bool Force { get; set; }

        [CommandOption("--replay <LINES>")]
        [Description("Show this many lines of recent output first (default: the last screen).")]
        public int? Replay { get; set; }

        [CommandOption("--via <METHOD>")]
        [Description("Another of the node's console methods: its position (1 is the default) or its kind (sol, tcp, telnet, serial, ssh). Not logged.")]
        public string? Via { get; set; }

        [CommandOption("--linger <SECONDS>")]
        [Description("When stdin is a pipe and ends, keep showing output this long before detaching.")]
        [DefaultValue(2.0)]
        public double Linger { get; set; } = 2.0;

        public override ValidationResult Validate()
        {
            if (Spy && Force)
            {
                return ValidationResult.Error("--spy watches read only and --force takes the writer seat: choose one");
            }

            if (Replay is < 0 or > 100_000)
            {
                return ValidationResult.Error($"--replay {Replay}: expected 0 to 100000 lines");
            }

            if (Via is { } via && (via.Length > 32 || !via.All(char.IsAsciiLetterOrDigit)))
            {
                return ValidationResult.Error($"--via {via}: expected a position (1, 2, …) or a kind (sol, tcp, telnet, serial, ssh)");
            }

            if (!(Linger >= 0) || Linger > 3600)
            {
                return ValidationResult.Error($"--linger {Linger.ToString(CultureInfo.InvariantCulture)}: expected 0 to 3600 seconds");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ConsoleNames.Check(settings.Node);
        var endpoint = _runner.Clients.Endpoint();
        using var fleet = _runner.Clients.Create(endpoint, settings.TimeoutSpan);
        var link = new WebSocketConsoleLink(endpoint, settings.Node, settings.Spy, settings.Force, settings.Replay, fleet, settings.Via);
        await using (link.ConfigureAwait(false))
        {
            var attachment = new ConsoleAttachment(_terminal, link, _time, TimeSpan.FromSeconds(settings.Linger));
            return await attachment.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
