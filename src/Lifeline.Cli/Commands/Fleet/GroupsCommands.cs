using System.ComponentModel;
using Lifeline.Cli.Fleet;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Fleet;

/// <summary><c>groups list</c>.</summary>
public sealed class GroupsListCommand : AsyncCommand<ServiceSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public GroupsListCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var groups = await client.GetAsync<GroupItem[]>("groups", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, groups);
            return ExitCodes.Ok;
        }

        ListOutput.Table(_terminal.Out, ["NAME", "NODES", "MEMBERS", "CREDENTIAL", "DESCRIPTION"], groups.Select(g => new[]
        {
            g.Name,
            (g.Members?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            g.Members is { Count: > 0 } members ? NodeFolding.Noderange.Fold(members) : "-",
            g.Credential ?? "-",
            g.Description ?? "-",
        }));
        return ExitCodes.Ok;
    }
}

/// <summary>Settings of the commands on one group.</summary>
public class GroupSettings : ServiceSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The group.")]
    public string Name { get; set; } = "";
}

/// <summary><c>groups show NAME</c>.</summary>
public sealed class GroupsShowCommand : AsyncCommand<GroupSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public GroupsShowCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, GroupSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        var group = await client.GetAsync<GroupItem>($"groups/{Uri.EscapeDataString(settings.Name)}", cancellationToken).ConfigureAwait(false);
        if (settings.Format == OutputFormat.Json)
        {
            ListOutput.JsonLines(_terminal.Out, [group]);
            return ExitCodes.Ok;
        }

        await _terminal.Out.WriteLineAsync($"{"name:",-16}{group.Name}").ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"{"description:",-16}{group.Description ?? "-"}").ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"{"credential:",-16}{group.Credential ?? "-"}").ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(
            $"{"members:",-16}{(group.Members is { Count: > 0 } m ? $"{NodeFolding.Noderange.Fold(m)} ({ResultPresenter.Count(m.Count, "node")})" : "-")}").ConfigureAwait(false);
        foreach (var (key, value) in (group.Attributes ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            await _terminal.Out.WriteLineAsync($"{$"attribute {key}:",-16}{value}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}

/// <summary>
/// <c>groups set NAME [--description D] [--credential C] [--attr k=v]…</c>: creates the group or changes the fields
/// given (the rest are kept); <c>--attr k=</c> removes an attribute.
/// </summary>
public sealed class GroupsSetCommand : AsyncCommand<GroupsSetCommand.Settings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public GroupsSetCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public sealed class Settings : GroupSettings
    {
        [CommandOption("--description <TEXT>")]
        [Description("What the group is ('' clears it).")]
        public string? GroupDescription { get; set; }

        [CommandOption("--credential <NAME>")]
        [Description("The BMC credential members use when they name none ('' clears it).")]
        public string? Credential { get; set; }

        [CommandOption("--attr <KEY=VALUE>")]
        [Description("An attribute members inherit (repeatable); KEY= removes it.")]
        public string[] Attributes { get; set; } = [];

        public override ValidationResult Validate() =>
            Attributes.FirstOrDefault(a => a.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad
                ? ValidationResult.Error($"--attr '{bad}': expected KEY=VALUE")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        string path = $"groups/{Uri.EscapeDataString(settings.Name)}";
        GroupItem? current = null;
        try
        {
            current = await client.GetAsync<GroupItem>(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FleetRequestException e) when (e.Status == 404)
        {
            // A new group.
        }

        var attributes = new Dictionary<string, string>(current?.Attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (string attribute in settings.Attributes)
        {
            int eq = attribute.IndexOf('=', StringComparison.Ordinal);
            string key = attribute[..eq].Trim().ToLowerInvariant();
            string value = attribute[(eq + 1)..];
            if (value.Length == 0)
            {
                attributes.Remove(key);
            }
            else
            {
                attributes[key] = value;
            }
        }

        var body = new GroupBody(
            settings.GroupDescription is null ? current?.Description : Blank(settings.GroupDescription),
            settings.Credential is null ? current?.Credential : Blank(settings.Credential),
            attributes);
        var group = await client.SendAsync<GroupItem>(HttpMethod.Put, path, body, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync(
            $"{(current is null ? "created" : "changed")} group {group.Name} ({ResultPresenter.Count(group.Members?.Count ?? 0, "member")})").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary><c>groups remove NAME</c>: the definition goes; nodes keep naming the group.</summary>
public sealed class GroupsRemoveCommand : AsyncCommand<GroupSettings>
{
    private readonly FleetClientFactory _clients;
    private readonly ITerminal _terminal;

    public GroupsRemoveCommand(FleetClientFactory clients, ITerminal terminal)
    {
        _clients = clients;
        _terminal = terminal;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, GroupSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = _clients.Create(settings.TimeoutSpan);
        await client.SendAsync(HttpMethod.Delete, $"groups/{Uri.EscapeDataString(settings.Name)}", null, cancellationToken).ConfigureAwait(false);
        await _terminal.Out.WriteLineAsync($"removed group {settings.Name}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
