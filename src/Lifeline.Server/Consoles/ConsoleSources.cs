using System.Net;
using System.Net.Sockets;
using Lifeline.Consoles.Hub;
using Lifeline.Consoles.Serial;
using Lifeline.Consoles.Sol;
using Lifeline.Consoles.Sources;
using Lifeline.Consoles.Ssh;
using Lifeline.Consoles.Tcp;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Storage;
using Lifeline.Ipmi.Client;
using Lifeline.Server.Inventory;

namespace Lifeline.Server.Consoles;

/// <summary>
/// Turns the inventory into hub configurations: one per node with a console method (the first of a comma-separated
/// list; the others ride along as <see cref="ConsoleNodeConfig.Others"/>), its logging mode from the
/// effective attribute <c>console.logging</c>, and a source factory that reads the credential from the store at each
/// connect (so a changed password applies at the next reconnect; its update time is in the fingerprint so a change
/// reconnects at once).
/// </summary>
internal static class ConsoleSources
{
    public const string LoggingAttribute = "console.logging";

    public static async Task<List<ConsoleNodeConfig>> ConfigsAsync(InventoryView view, IFleetStore store, ConsoleOptions options, CancellationToken cancellationToken)
    {
        var credentials = (await store.ListCredentialsAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Name, c => c.UpdatedAt, StringComparer.Ordinal);
        var configs = new List<ConsoleNodeConfig>();
        foreach (var node in view.NodeList)
        {
            if (string.IsNullOrWhiteSpace(node.ConsoleMethod))
            {
                continue;
            }

            var attributes = view.EffectiveAttributes(node);
            ConsoleMethod.TryParseLogging(attributes.GetValueOrDefault(LoggingAttribute), out var logging);
            var credential = view.EffectiveCredential(node);
            var updated = credential is not null && credentials.TryGetValue(credential, out var at) ? at.ToString("O") : "";
            // several methods, comma-separated: the first is the kept (logged) console, the others are attached on demand
            var methods = ConsoleMethod.SplitList(node.ConsoleMethod);
            if (methods.Count == 0)
            {
                continue;
            }

            var fingerprint = $"{node.IpmiUrl}|{credential}|{updated}|{string.Join(',', methods)}";
            var others = methods.Skip(1)
                .Select(m => new ConsoleNodeConfig(node.Name, m, ConsoleLoggingMode.None, ct => OpenAsync(node, m, credential, store, options, ct), fingerprint))
                .ToList();
            configs.Add(new ConsoleNodeConfig(node.Name, methods[0], logging, ct => OpenAsync(node, methods[0], credential, store, options, ct), fingerprint)
            {
                Others = others,
            });
        }

        return configs;
    }

    private static async Task<IConsoleSource> OpenAsync(NodeDefinition node, string text, string? credentialName, IFleetStore store, ConsoleOptions options,
        CancellationToken cancellationToken)
    {
        if (!ConsoleMethod.TryParse(text, out var method, out var error))
        {
            throw Invalid(error!, $"fix console_method of {node.Name}");
        }

        switch (method!.Kind)
        {
            case ConsoleMethodKind.Tcp or ConsoleMethodKind.Telnet:
                return new TcpConsoleSource(new TcpConsoleOptions
                {
                    Host = method.Host!,
                    Port = method.Port,
                    Mode = method.Kind == ConsoleMethodKind.Tcp ? TcpConsoleMode.Raw : TcpConsoleMode.Telnet,
                    BaudRate = method.Line?.BaudRate,
                    DataBits = method.Line?.DataBits,
                    Parity = method.Line?.Parity,
                    StopBits = method.Line?.StopBits,
                    FlowControl = method.Line?.FlowControl,
                });
            case ConsoleMethodKind.Serial:
                return new SerialConsoleSource(method.Serial!);
            case ConsoleMethodKind.Ssh:
            {
                var credential = credentialName is null ? null : await store.GetCredentialAsync(credentialName, cancellationToken).ConfigureAwait(false);
                using var password = credential?.Password;
                var user = method.User ?? credential?.UserName
                    ?? throw Invalid($"the SSH console of {node.Name} names no user and the node has no credential", "write ssh://USER@HOST or give the node a credential");
                return new SshConsoleSource(new SshConsoleOptions
                {
                    Host = method.Host!,
                    Port = method.Port,
                    UserName = user,
                    Password = password is null ? null : System.Text.Encoding.UTF8.GetString(password.Bytes),
                    KnownHostsPath = Path.Combine(options.Directory, "known_hosts"),
                });
            }

            default:
                return await OpenSolAsync(node, credentialName, store, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IConsoleSource> OpenSolAsync(NodeDefinition node, string? credentialName, IFleetStore store, ConsoleOptions options,
        CancellationToken cancellationToken)
    {
        if (!NodeUrl.TryParse(node.IpmiUrl, out var target, out var problem) || target.Scheme != Lifeline.Drivers.BmcScheme.Ipmi)
        {
            throw Invalid($"the SOL console of {node.Name} needs an IPMI URL{(node.IpmiUrl is null ? "" : $": {problem}")}", $"set ipmi_url of {node.Name}");
        }

        if (credentialName is null)
        {
            throw Invalid($"{node.Name} has no credential for its SOL console", $"name a stored credential on {node.Name} or one of its groups");
        }

        var credential = await store.GetCredentialAsync(credentialName, cancellationToken).ConfigureAwait(false)
            ?? throw Invalid($"the credential {credentialName} of {node.Name} is not stored", $"store it with PUT /api/v1/credentials/{credentialName}");
        using var password = credential.Password;
        var endpoint = new IPEndPoint(await ResolveAsync(target.Host, cancellationToken).ConfigureAwait(false), target.Port);
        return new SolConsoleSource(new SolConsoleSourceOptions
        {
            Endpoint = endpoint,
            Session = new IpmiSessionOptions
            {
                UserName = string.IsNullOrEmpty(target.User) ? credential.UserName : target.User,
                Password = password.Bytes.ToArray(),
            },
            TakeOver = options.SolTakeOver,
        });
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0
                ? addresses[0]
                : throw new ConsoleException(ConsoleErrorCategory.Unreachable, $"{host} has no IPv4 address", "check the name in DNS");
        }
        catch (SocketException e)
        {
            throw new ConsoleException(ConsoleErrorCategory.Unreachable, $"cannot resolve {host} ({e.Message})", "check the name in DNS", e);
        }
    }

    private static ConsoleException Invalid(string message, string next) => new(ConsoleErrorCategory.InvalidConfiguration, message, next);
}

/// <summary>What the source factories need from the service's settings.</summary>
internal sealed record ConsoleOptions(string Directory, bool SolTakeOver);
