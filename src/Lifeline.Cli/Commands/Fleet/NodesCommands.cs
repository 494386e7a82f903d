using System.ComponentModel;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Fleet.Inventory;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary><c>nodes list [NODERANGE] [--effective]</c>.</summary>
public sealed class NodesListCommand : AsyncCommand<NodesListCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public NodesListCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "[NODERANGE]")]
        [Description("The nodes (default: every node you may see).")]
        public string? Noderange { get; set; }

        [CommandOption("--effective")]
        [Description("Include attributes and the credential inherited from groups.")]
        public bool Effective { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Noderange is not null)
        {
            FleetOperationRunner.CheckSyntax(settings.Noderange);
        }

        using var client = _clients.Create(settings.TimeoutSpan);
        var query = new List<string>();
        if (settings.Noderange is not null)
        {
            query.Add($"noderange={Uri.EscapeDataString(settings.Noderange)}");
        }

        if (settings.Effective)
        {
            query.Add("effective=true");
        }

        var nodes = await client.GetAsync<NodeDefinition[]>(query.Count == 0 ? "nodes" : $"nodes?{string.Join('&', query)}", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, nodes);
        }
        else
        {
            ListOutput.Table(_terminal.Out, ["NAME", "GROUPS", "IPMI", "REDFISH", "CREDENTIAL", "ATTRIBUTES"], nodes.Select(n => new[]
            {
                n.Name,
                n.Groups.Count == 0 ? "-" : string.Join(",", n.Groups),
                n.IpmiUrl ?? "-",
                n.RedfishUrl ?? "-",
                n.Credential ?? "-",
                NodeOptions.AttributeCell(n.Attributes),
            }));
        }

        if (nodes.Length == 0)
        {
            await _terminal.Error.WriteLineAsync("lifeline: no nodes (that you may see); add some with lifeline nodes add NAME --ipmi URL, or lifeline nodes import FILE").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>nodes show NAME [--effective]</c>.</summary>
public sealed class NodesShowCommand : AsyncCommand<NodesShowCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public NodesShowCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The node.")]
        public string Name { get; set; } = "";

        [CommandOption("--effective")]
        [Description("Include attributes and the credential inherited from groups.")]
        public bool Effective { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var node = await client.GetAsync<NodeDefinition>(
            $"nodes/{Uri.EscapeDataString(settings.Name)}{(settings.Effective ? "?effective=true" : "")}", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, [node]);
            return ExitCodes.Ok;
        }

        var rows = new List<string[]>
        {
            new[] { "name:", node.Name },
            new[] { "groups:", node.Groups.Count == 0 ? "-" : string.Join(",", node.Groups) },
            new[] { "ipmi:", node.IpmiUrl ?? "-" },
            new[] { "redfish:", node.RedfishUrl ?? "-" },
            new[] { "management:", Word(node.Management) },
            new[] { "credential:", node.Credential ?? "-" },
            new[] { "console:", node.ConsoleMethod ?? "-" },
            new[] { "inband address:", node.InbandAddress ?? "-" },
            new[] { "location:", NodeOptions.LocationText(node.Location) },
        };
        rows.AddRange(node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new[] { $"attribute {a.Key}:", a.Value }));
        foreach (var row in rows)
        {
            await _terminal.Out.WriteLineAsync($"{row[0],-16}{row[1]}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static string Word(ManagementProtocol protocol) => protocol.ToString().ToLowerInvariant();
}

/// <summary><c>nodes add NAME [--ipmi URL] [--redfish URL] [--groups a,b] [--credential C] [--attr k=v]…</c>.</summary>
public sealed class NodesAddCommand : AsyncCommand<NodesAddCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public NodesAddCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : NodeOptions
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The new node's name: letters, digits, '-', '_' and '.'.")]
        public string Name { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var node = settings.ToNode(settings.Name);
        if (node.IpmiUrl is null && node.RedfishUrl is null)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: note: {node.Name} has no --ipmi or --redfish URL yet; operations on it fail until lifeline nodes set {node.Name} --ipmi URL").ConfigureAwait(false);
        }

        using var client = _clients.Create(settings.TimeoutSpan);
        var changed = await client.SendAsync<NodesChanged>(HttpMethod.Post, "nodes", node, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"added {NodeFolding.Noderange.Fold(changed.Nodes)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary><c>nodes set NODERANGE [same options as add]</c>: changes only the fields given.</summary>
public sealed class NodesSetCommand : AsyncCommand<NodesSetCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public NodesSetCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : NodeOptions
    {
        [CommandArgument(0, "<NODERANGE>")]
        [Description("The nodes to change.")]
        public string Noderange { get; set; } = "";

        public override ValidationResult Validate() =>
            AnyField ? base.Validate() : ValidationResult.Error("nothing to change: give --ipmi, --redfish, --groups, --credential, --management, --attr KEY=VALUE or a location option");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        FleetOperationRunner.CheckSyntax(settings.Noderange);
        using var client = _clients.Create(settings.TimeoutSpan);
        var changed = await client.SendAsync<NodesChanged>(HttpMethod.Patch, $"nodes?noderange={Uri.EscapeDataString(settings.Noderange)}", settings.ToPatch(), cancellationToken)
            .ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(changed.Count == 0
            ? "changed nothing (the noderange names no node)"
            : $"changed {ResultPresenter.Count(changed.Count, "node")}: {NodeFolding.Noderange.Fold(changed.Nodes)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary><c>nodes remove NODERANGE</c>.</summary>
public sealed class NodesRemoveCommand : AsyncCommand<NodesRemoveCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public NodesRemoveCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<NODERANGE>")]
        [Description("The nodes to remove from the inventory (their BMCs are not touched).")]
        public string Noderange { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        FleetOperationRunner.CheckSyntax(settings.Noderange);
        using var client = _clients.Create(settings.TimeoutSpan);
        var removed = await client.SendAsync<NodesChanged>(HttpMethod.Delete, $"nodes?noderange={Uri.EscapeDataString(settings.Noderange)}", null, cancellationToken)
            .ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(removed.Count == 0
            ? "removed nothing (the noderange names no node)"
            : $"removed {ResultPresenter.Count(removed.Count, "node")}: {NodeFolding.Noderange.Fold(removed.Nodes)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary><c>nodes import FILE [--format yaml|csv]</c>: all or nothing.</summary>
public sealed class NodesImportCommand : AsyncCommand<NodesImportCommand.Settings>
{
    /// <summary>The largest file sent (the service takes at most 16 MiB).</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public NodesImportCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A YAML or CSV inventory file (as written by nodes export).")]
        public string File { get; set; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("yaml or csv. Default: from the file's extension (.yaml, .yml, .csv).")]
        public string? FileFormat { get; set; }

        public override ValidationResult Validate() =>
            FileFormat is not null && FileFormat.ToLowerInvariant() is not ("yaml" or "csv")
                ? ValidationResult.Error($"--format '{FileFormat}': expected yaml or csv")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string format = settings.FileFormat?.ToLowerInvariant() ?? Path.GetExtension(settings.File).ToLowerInvariant() switch
        {
            ".yaml" or ".yml" => "yaml",
            ".csv" => "csv",
            _ => throw new UsageException($"{settings.File}: cannot tell the format from the extension; add --format yaml or --format csv"),
        };
        string text;
        try
        {
            var info = new FileInfo(settings.File);
            if (!info.Exists)
            {
                throw new UsageException($"{settings.File}: no such file");
            }

            if (info.Length > MaxBytes)
            {
                throw new UsageException($"{settings.File} is {info.Length} bytes; the service takes at most {MaxBytes / (1024 * 1024)} MiB: split it");
            }

            text = await File.ReadAllTextAsync(settings.File, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{settings.File}: cannot read it: {e.Message}");
        }

        using var client = _clients.Create(settings.TimeoutSpan);
        var answer = await client.PostTextAsync<ImportAnswer>($"inventory/import?format={format}", text, format == "csv" ? "text/csv" : "application/yaml", cancellationToken)
            .ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"imported {ResultPresenter.Count(answer.Nodes, "node")} and {ResultPresenter.Count(answer.Groups, "group")} from {settings.File}")
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

/// <summary><c>nodes export [NODERANGE] [--format yaml|csv]</c>: the inventory file on stdout.</summary>
public sealed class NodesExportCommand : AsyncCommand<NodesExportCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public NodesExportCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : ServiceSettings
    {
        [CommandArgument(0, "[NODERANGE]")]
        [Description("The nodes (default: every node you may see, with every group).")]
        public string? Noderange { get; set; }

        [CommandOption("--format <FORMAT>")]
        [Description("yaml (default) or csv.")]
        [DefaultValue("yaml")]
        public string FileFormat { get; set; } = "yaml";

        public override ValidationResult Validate() =>
            FileFormat.ToLowerInvariant() is not ("yaml" or "csv")
                ? ValidationResult.Error($"--format '{FileFormat}': expected yaml or csv")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Noderange is not null)
        {
            FleetOperationRunner.CheckSyntax(settings.Noderange);
        }

        using var client = _clients.Create(settings.TimeoutSpan);
        string path = $"inventory/export?format={settings.FileFormat.ToLowerInvariant()}"
            + (settings.Noderange is null ? "" : $"&noderange={Uri.EscapeDataString(settings.Noderange)}");
        string text = await client.GetTextAsync(path, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteAsync(text).ConfigureAwait(false);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            await _terminal.Out.WriteLineAsync().ConfigureAwait(false);
        }

        await _terminal.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
