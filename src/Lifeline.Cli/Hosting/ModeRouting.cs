namespace Lifeline.Cli.Hosting;

/// <summary>
/// Chooses between direct mode (talk to BMCs: <c>lifeline power status --bmc URL</c>) and fleet mode (ask the
/// fleet service about nodes: <c>lifeline power n[1-20] on</c>) before the command line is parsed.
/// </summary>
/// <remarks>
/// The rule, for the verbs that exist in both modes (<c>power boot sensors events inventory bmc identify</c>):
/// <list type="number">
/// <item>any <c>--bmc</c> or <c>--bmc-file</c> → direct mode, unchanged;</item>
/// <item>else, the first word after the verb (options and their values skipped) is a direct subcommand
/// (<c>power status</c>, <c>boot pxe</c>, <c>bmc info</c>, <c>events watch</c>) or missing → direct mode, whose
/// "no BMC given" error and help mention both forms;</item>
/// <item>else that word is a noderange → fleet mode: the arguments are rewritten to <c>fleet VERB …</c>.</item>
/// </list>
/// <c>health</c> and <c>state</c> exist only in fleet mode and are always rewritten. <c>console</c> follows the same
/// rule with no direct subcommands: <c>console --bmc URL</c> is direct (one BMC's SOL); <c>console NODE</c>,
/// <c>console log NODE</c> and <c>console list</c> go to fleet mode; <c>console</c> alone stays direct, whose error names both forms. <c>lifeline fleet VERB …</c> is
/// the explicit form (for a node literally named like a subcommand, e.g. <c>lifeline fleet power on on</c>).
/// </remarks>
public static class ModeRouting
{
    /// <summary>The branch that holds the fleet forms of the shared verbs.</summary>
    public const string FleetBranch = "fleet";

    private static readonly Dictionary<string, string[]> DirectSubcommands = new(StringComparer.Ordinal)
    {
        ["power"] = ["status", "on", "off", "cycle", "reset", "soft", "diag"],
        ["boot"] = ["status", "pxe", "disk", "cdrom", "bios", "safe", "diag", "removable", "none"],
        ["bmc"] = ["info", "reset"],
        ["events"] = ["watch"],
        ["sensors"] = [],
        ["inventory"] = [],
        ["identify"] = [],
        ["console"] = [],
    };

    private static readonly HashSet<string> FleetOnly = new(StringComparer.Ordinal) { "health", "state" };

    /// <summary>True for the verbs that take a noderange in fleet mode.</summary>
    public static bool IsNoderangeVerb(string verb) => DirectSubcommands.ContainsKey(verb) || FleetOnly.Contains(verb);

    /// <summary>
    /// The arguments to parse: <paramref name="args"/> as they are, or with <c>fleet</c> put in front when the rule
    /// above picks fleet mode. <paramref name="valueOptions"/> are the options that take a value (so their values are
    /// not mistaken for the noderange).
    /// </summary>
    public static IReadOnlyList<string> Route(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueOptions);
        return IsFleet(args, valueOptions) ? [FleetBranch, .. args] : args;
    }

    /// <summary>True when <paramref name="args"/> are a fleet-mode command line of a shared verb (see the rule).</summary>
    public static bool IsFleet(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueOptions);
        if (args.Count == 0)
        {
            return false;
        }

        string verb = args[0];
        if (FleetOnly.Contains(verb))
        {
            return true;
        }

        if (!DirectSubcommands.TryGetValue(verb, out var subcommands) || NamesBmcs(args))
        {
            return false;
        }

        string? first = FirstWord(args, valueOptions);
        return first is not null && !subcommands.Contains(first, StringComparer.Ordinal);
    }

    private static bool NamesBmcs(IReadOnlyList<string> args)
    {
        foreach (string arg in args)
        {
            if (arg == "--")
            {
                break;
            }

            if (arg is "--bmc" or "--bmc-file" || arg.StartsWith("--bmc=", StringComparison.Ordinal) || arg.StartsWith("--bmc-file=", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first argument after the verb that is neither an option nor an option's value.</summary>
    private static string? FirstWord(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions)
    {
        for (int i = 1; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                return i + 1 < args.Count ? args[i + 1] : null;
            }

            if (arg.Length > 1 && arg[0] == '-')
            {
                if (valueOptions.Contains(arg))
                {
                    i++;
                }

                continue;
            }

            return arg;
        }

        return null;
    }
}
