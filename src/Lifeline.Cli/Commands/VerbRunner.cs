using Lifeline.Drivers;
using System.Globalization;
using Lifeline.Cli.Backend;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Output;
using Lifeline.Cli.Secrets;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Commands;

/// <summary>
/// What every fleet verb does around its one backend call: build the target list, resolve the password and K_g,
/// fan out, stream results into the chosen output (with a progress bar on a terminal), and pick the exit status.
/// </summary>
public sealed class VerbRunner
{
    /// <summary>Above this many BMCs a progress bar is drawn (when stderr is a terminal).</summary>
    public const int ProgressThreshold = ResultPresenter.ProgressThreshold;

    /// <summary>Exchanges a one-command verb may need: auth caps, open session, RAKP 1/3, the command, close, slack.</summary>
    public const int SimpleExchanges = 8;

    /// <summary>Exchanges budgeted for verbs that walk a repository (SDR, SEL, FRU).</summary>
    public const int BulkExchanges = 64;

    private readonly IBmcBackend _backend;
    private readonly ITerminal _terminal;
    private readonly IEnvironment _environment;
    private readonly FanOutRunner _fanOut;

    public VerbRunner(IBmcBackend backend, ITerminal terminal, IEnvironment environment, FanOutRunner fanOut)
    {
        _backend = backend;
        _terminal = terminal;
        _environment = environment;
        _fanOut = fanOut;
    }

    public IBmcBackend Backend => _backend;

    /// <summary>Runs a verb that logs in to each BMC.</summary>
    public async Task<int> RunAsync<T>(
        string verb,
        BmcSettings settings,
        IResultView<T> view,
        int exchanges,
        Func<BmcTarget, ConnectionSettings, CancellationToken, Task<T>> operation,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (targets, connection) = await PrepareAsync(settings, cancellationToken).ConfigureAwait(false);
        using var password = connection.Password;
        using var kg = connection.Kg;
        return await RunFleetAsync(verb, targets, settings, view, settings.DeadlineFor(exchanges),
            (target, ct) => operation(target, connection, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the target list and the connection settings (password, K_g, TLS) of a BMC verb, and warns on stderr
    /// about <c>--insecure</c>. The caller disposes the password and K_g in the settings.
    /// </summary>
    public async Task<(IReadOnlyList<BmcTarget> Targets, ConnectionSettings Connection)> PrepareAsync(BmcSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var targets = TargetList.Build(settings.Bmc, settings.BmcFile);
        var password = PasswordSource.Resolve(_environment, _terminal, cancellationToken);
        Secret? kg = null;
        try
        {
            kg = settings.KgEnv is { } kgVariable ? KgSource.Read(_environment, kgVariable) : null;
        }
        catch
        {
            password.Dispose();
            throw;
        }

        var connection = new ConnectionSettings(
            settings.CipherSuite, settings.AllowSuite0, settings.PrivilegeLevel, password, kg, settings.TimeoutSpan, settings.Retries)
        {
            Tls = settings.TlsFor(TlsSettings.DefaultPinStorePath(_environment.GetVariable("XDG_CONFIG_HOME"), _environment.GetVariable("HOME"))),
        };
        if (settings.Insecure && targets.Any(t => t.Scheme == BmcScheme.Redfish))
        {
            await _terminal.Error.WriteLineAsync(
                "lifeline: WARNING: --insecure: Redfish TLS certificates are NOT checked; anyone on the path can impersonate " +
                "these BMCs and read the password. Use --pin SHA256 or --ca FILE instead.").ConfigureAwait(false);
        }

        return (targets, connection);
    }

    /// <summary>Fans out over <paramref name="targets"/> and writes the results; returns the exit status.</summary>
    public async Task<int> RunFleetAsync<T>(
        string verb,
        IReadOnlyList<BmcTarget> targets,
        FleetSettings settings,
        IResultView<T> view,
        TimeSpan deadline,
        Func<BmcTarget, CancellationToken, Task<T>> operation,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(settings);
        var results = _fanOut.RunAsync(targets, operation, settings.Fanout, deadline, cancellationToken);
        var tally = await new ResultPresenter(_terminal).PresentAsync(
            $"{verb}: {targets.Count.ToString(CultureInfo.InvariantCulture)} BMCs", targets.Count, results, settings.Format, view, NodeFolding.Hosts).ConfigureAwait(false);

        if (cancellationToken.IsCancellationRequested)
        {
            await _terminal.Error.WriteLineAsync(
                $"lifeline: interrupted; {tally.Cancelled} of {targets.Count} BMCs did not finish").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        if (tally.Failed > 0 && targets.Count > 1)
        {
            await _terminal.Error.WriteLineAsync($"lifeline: {tally.Failed} of {targets.Count} BMCs failed").ConfigureAwait(false);
        }

        return tally.Failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }
}
