using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lifeline.Cli.Consoles;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Secrets;
using Lifeline.Cli.Targets;
using Lifeline.Consoles.Sol;
using Lifeline.Drivers;
using Lifeline.Ipmi.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands.Consoles;

/// <summary>
/// <c>console --bmc ipmi://USER@HOST[:PORT] [--force]</c>: direct mode, one BMC's Serial-over-LAN console with no
/// service in between (password from LIFELINE_BMC_PASSWORD or a prompt). Without <c>--bmc</c> the <c>console</c> verb
/// is fleet mode (<c>lifeline console NODE</c>, see <see cref="ModeRouting"/>).
/// </summary>
public sealed class ConsoleDirectCommand : AsyncCommand<ConsoleDirectCommand.Settings>
{
    private readonly IConsoleTerminal _console;
    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;
    private readonly TimeProvider _time;

    public ConsoleDirectCommand(IConsoleTerminal console, ITerminal terminal, IEnvironment environment, TimeProvider time)
    {
        _console = console;
        _terminal = terminal;
        _environment = environment;
        _time = time;
    }

    public sealed class Settings : LifelineSettings
    {
        [CommandOption("--bmc <URL>")]
        [Description("The BMC: ipmi://USER@HOST[[:PORT]] (one host). The password comes from LIFELINE_BMC_PASSWORD, or a prompt.")]
        public string? Bmc { get; set; }

        [CommandOption("--force")]
        [Description("When the BMC's SOL payload is already active (often a stale session), deactivate it and take over.")]
        public bool Force { get; set; }

        [CommandOption("--timeout <SECONDS>")]
        [Description("How long to wait for one answer from the BMC before resending.")]
        [DefaultValue(2.0)]
        public double Timeout { get; set; } = 2.0;

        [CommandOption("--linger <SECONDS>")]
        [Description("When stdin is a pipe and ends, keep showing output this long before detaching.")]
        [DefaultValue(2.0)]
        public double Linger { get; set; } = 2.0;

        public override ValidationResult Validate()
        {
            if (!(Timeout > 0) || Timeout > 60 || !(Linger >= 0) || Linger > 3600)
            {
                return ValidationResult.Error("--timeout expects 0-60 seconds, --linger 0-3600 seconds");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Bmc is not { } text)
        {
            throw new UsageException("which console? lifeline console NODE (through the fleet service) or lifeline console --bmc ipmi://USER@HOST (one BMC's SOL)");
        }

        var url = BmcUrl.Parse(text);
        var targets = url.Expand().Take(2).ToArray();
        if (targets.Length != 1)
        {
            throw new UsageException($"--bmc {text}: a console is one BMC; give a single host");
        }

        var target = targets[0];
        if (target.Scheme != BmcScheme.Ipmi)
        {
            throw new UsageException($"--bmc {text}: direct consoles use IPMI Serial-over-LAN (ipmi://USER@HOST); for Redfish BMCs attach through the fleet service");
        }

        using var password = PasswordSource.Resolve(_environment, _terminal, cancellationToken);
        var endpoint = await ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        var timeout = TimeSpan.FromSeconds(settings.Timeout);
        var source = new SolConsoleSource(new SolConsoleSourceOptions
        {
            Endpoint = endpoint,
            Session = new IpmiSessionOptions
            {
                UserName = target.User,
                Password = password.Bytes.ToArray(),
                Retransmit = new RetransmitPolicy(timeout / 2, timeout, 3),
                TimeProvider = _time,
            },
            TakeOver = settings.Force,
        });
        var link = new SourceConsoleLink(source);
        await using (link.ConfigureAwait(false))
        {
            var attachment = new ConsoleAttachment(_console, link, _time, TimeSpan.FromSeconds(settings.Linger));
            return await attachment.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IPEndPoint> ResolveAsync(BmcTarget target, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(target.Host.Trim('[', ']'), out var ip))
        {
            return new IPEndPoint(ip, target.Port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(target.Host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0
                ? new IPEndPoint(addresses[0], target.Port)
                : throw new UsageException($"{target.Host}: the name has no IPv4 address");
        }
        catch (SocketException e)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{target.Host}: cannot resolve the name ({e.Message}); give an IP address"));
        }
    }
}
