using System.ComponentModel;
using System.Globalization;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary>Options of every command that talks to the fleet service.</summary>
public class ServiceSettings : LifelineSettings
{
    [CommandOption("--timeout <SECONDS>")]
    [Description("How long to wait for the fleet service to answer (operations: to start answering; each node has the service's own deadline).")]
    [DefaultValue(30.0)]
    public double Timeout { get; set; } = 30.0;

    [CommandOption("-o|--output <FORMAT>")]
    [Description("table (aligned columns; node results folded by noderange) or json (one object per line).")]
    [DefaultValue("table")]
    public string Output { get; set; } = "table";

    public OutputFormat Format => Output.Equals("json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Table;

    public TimeSpan TimeoutSpan => TimeSpan.FromSeconds(Timeout);

    public override ValidationResult Validate()
    {
        if (Output.ToLowerInvariant() is not ("table" or "json"))
        {
            return ValidationResult.Error($"--output '{Output}': expected table or json");
        }

        if (!(Timeout > 0) || Timeout > 3600)
        {
            return ValidationResult.Error($"--timeout {Timeout.ToString(CultureInfo.InvariantCulture)}: expected seconds between 0 and 3600");
        }

        return base.Validate();
    }
}

/// <summary>Options of a command over a noderange (required).</summary>
public class NoderangeSettings : ServiceSettings
{
    [CommandArgument(0, "<NODERANGE>")]
    [Description("The nodes: n1, n[[1-20]], rack1, rack1,-n7, ~^gpu, os=debian, … (quote it: 'rack1,-n7').")]
    public string Noderange { get; set; } = "";
}
