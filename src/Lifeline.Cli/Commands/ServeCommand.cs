using System.ComponentModel;
using Lifeline.Cli.Hosting;
using Lifeline.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>serve</c>: the fleet service in production — configuration from appsettings.json, LIFELINE__* environment
/// variables and <c>-- --Lifeline:Key=value</c> arguments; runs until SIGTERM or Ctrl-C, then closes BMC sessions.
/// </summary>
public sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    private readonly ITerminal _terminal;

    public ServeCommand(ITerminal terminal)
    {
        _terminal = terminal;
    }

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--listen <URL>")]
        [Description("Where to listen (Lifeline:Listen; default http://127.0.0.1:8600). Several separated by ';'.")]
        public string? Listen { get; set; }

        [CommandOption("--data-dir <DIR>")]
        [Description("The data directory: SQLite database, secret key, known BMC certificates (Lifeline:DataDirectory).")]
        public string? DataDir { get; set; }

        [CommandOption("--config <FILE>")]
        [Description("A JSON configuration file read after appsettings.json (see docs/api.md, \"Hosting\").")]
        public string? Config { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (settings.Config is { } file && !File.Exists(file))
        {
            throw new UsageException($"--config {file}: no such file");
        }

        var error = _terminal.Error;
        await using var app = LifelineServer.Build([.. context.Remaining.Raw], o =>
        {
            if (settings.Listen is { } listen)
            {
                o.Settings["Lifeline:Listen"] = listen;
            }
            if (settings.DataDir is { } dir)
            {
                o.Settings["Lifeline:DataDirectory"] = Path.GetFullPath(dir);
            }
            o.ConfigurationFile = settings.Config;
            // printed once, on the first start of an empty database; never logged
            o.AdminPasswordCreated = pw => error.WriteLine($"lifeline: created user admin with password {pw} (shown once: store it, or set Lifeline:Auth:AdminPassword before the first start)");
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"lifeline: serve: cannot listen: {e.Message} (is another service on that address? choose one with --listen)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        foreach (var address in app.ListenAddresses())
        {
            await _terminal.Out.WriteLineAsync($"listening on {address}").ConfigureAwait(false);
        }

        try
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(stop.Token).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
