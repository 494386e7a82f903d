using Lifeline.Drivers;
using System.ComponentModel;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary><c>bios get [ATTR]</c> (Redfish).</summary>
public sealed class BiosGetCommand : AsyncCommand<BiosGetCommand.Settings>
{
    private readonly VerbRunner _runner;

    public BiosGetCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandArgument(0, "[ATTR]")]
        [Description("Show only this attribute.")]
        public string? Attribute { get; set; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return _runner.RunAsync("bios get", settings, RedfishResultViews.Bios(settings.Attribute), VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.GetBiosAsync(target, connection, ct), cancellationToken);
    }
}

/// <summary><c>bios set ATTR=VALUE...</c> (Redfish): written to the pending settings, applied at the next reset.</summary>
public sealed class BiosSetCommand : AsyncCommand<BiosSetCommand.Settings>
{
    private readonly VerbRunner _runner;

    public BiosSetCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandArgument(0, "<ATTR=VALUE>")]
        [Description("One or more assignments. true/false and integers are sent as JSON booleans and numbers, the rest as strings.")]
        public string[] Assignments { get; set; } = [];

        /// <summary>The assignments as a dictionary; throws <see cref="UsageException"/> on a malformed or repeated one.</summary>
        public IReadOnlyDictionary<string, string> Parse()
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in Assignments)
            {
                int eq = a.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new UsageException($"bios set: '{a}' is not ATTR=VALUE");
                }

                if (!values.TryAdd(a[..eq], a[(eq + 1)..]))
                {
                    throw new UsageException($"bios set: {a[..eq]} is given twice");
                }
            }

            return values;
        }

        public override ValidationResult Validate()
        {
            if (Assignments.Length == 0)
            {
                return ValidationResult.Error("bios set: give at least one ATTR=VALUE");
            }

            try
            {
                Parse();
            }
            catch (UsageException e)
            {
                return ValidationResult.Error(e.Message);
            }

            return base.Validate();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = new BiosSetRequest(settings.Parse());
        return _runner.RunAsync("bios set", settings, ResultViews.Action, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.SetBiosAsync(target, connection, request, ct), cancellationToken);
    }
}
