using Lifeline.Drivers;
using System.ComponentModel;
using System.Globalization;
using Lifeline.Cli.Backend;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary>Options every command takes.</summary>
public class LifelineSettings : CommandSettings
{
    [CommandOption("--debug")]
    [Description("On an unexpected error, print the stack trace too.")]
    public bool Debug { get; set; }
}

/// <summary>Options shared by the commands that fan out over BMCs (<c>discover</c> included).</summary>
public class FleetSettings : LifelineSettings
{
    [CommandOption("--timeout <SECONDS>")]
    [Description("How long to wait for one answer before resending (per attempt).")]
    [DefaultValue(2.0)]
    public double Timeout { get; set; } = 2.0;

    [CommandOption("--retries <N>")]
    [Description("How many times to resend an unanswered request.")]
    [DefaultValue(3)]
    public int Retries { get; set; } = 3;

    [CommandOption("--deadline <SECONDS>")]
    [Description("The most one BMC may take in total, retries included. Default: derived from --timeout and --retries.")]
    public double? Deadline { get; set; }

    [CommandOption("--fanout <N>")]
    [Description("How many BMCs to work on at once.")]
    [DefaultValue(FanOutRunner.DefaultFanout)]
    public int Fanout { get; set; } = FanOutRunner.DefaultFanout;

    [CommandOption("-o|--output <FORMAT>")]
    [Description("table (nodes with the same result folded into one line) or json (one object per BMC per line).")]
    [DefaultValue("table")]
    public string Output { get; set; } = "table";

    public OutputFormat Format => Output.ToLowerInvariant() == "json" ? OutputFormat.Json : OutputFormat.Table;

    public TimeSpan TimeoutSpan => TimeSpan.FromSeconds(Timeout);

    /// <summary>
    /// The per-node deadline: <c>--deadline</c>, or enough for <paramref name="exchanges"/> request/response
    /// exchanges that each use up every retry.
    /// </summary>
    public TimeSpan DeadlineFor(int exchanges) =>
        Deadline is { } d ? TimeSpan.FromSeconds(d) : TimeSpan.FromSeconds(Timeout * (Retries + 1) * exchanges);

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

        if (Retries is < 0 or > 100)
        {
            return ValidationResult.Error($"--retries {Retries}: expected 0 to 100");
        }

        if (Deadline is { } d && (!(d > 0) || d > 86400))
        {
            return ValidationResult.Error($"--deadline {d.ToString(CultureInfo.InvariantCulture)}: expected seconds between 0 and 86400");
        }

        if (Fanout is < 1 or > 65536)
        {
            return ValidationResult.Error($"--fanout {Fanout}: expected 1 to 65536");
        }

        return base.Validate();
    }
}

/// <summary>Options of every verb that logs in to BMCs.</summary>
public class BmcSettings : FleetSettings
{
    [CommandOption("--bmc <URL>")]
    [Description("A BMC: ipmi://USER@HOST[[:PORT]], redfish://USER@HOST[[:PORT]] (HTTPS) or redfish+http://USER@HOST:PORT. Repeatable. HOST and PORT take ranges: ipmi://admin@10.0.1.[[1-250]], node[[01-10,15]]. " +
        "The password comes from LIFELINE_BMC_PASSWORD, or a prompt.")]
    public string[] Bmc { get; set; } = [];

    [CommandOption("--bmc-file <FILE>")]
    [Description("A file with one BMC URL (or range) per line; '#' starts a comment.")]
    public string? BmcFile { get; set; }

    [CommandOption("--cipher <SUITE>")]
    [Description("RMCP+ cipher suite: auto, 0, 1, 2, 3 or 17. auto picks the strongest the BMC offers, never 0.")]
    [DefaultValue("auto")]
    public string Cipher { get; set; } = "auto";

    [CommandOption("--allow-suite-0")]
    [Description("Permit cipher suite 0 (no authentication, no integrity, no encryption).")]
    public bool AllowSuite0 { get; set; }

    [CommandOption("--kg-env <NAME>")]
    [Description("The name of an environment variable holding the BMC key K_g (0x-prefixed hex, or text).")]
    public string? KgEnv { get; set; }

    [CommandOption("--privilege <LEVEL>")]
    [Description("Session privilege: user, operator or administrator.")]
    [DefaultValue("administrator")]
    public string Privilege { get; set; } = "administrator";

    [CommandOption("--insecure")]
    [Description("Redfish: accept any TLS certificate (no protection against impostors; a warning is printed).")]
    public bool Insecure { get; set; }

    [CommandOption("--pin <SHA256>")]
    [Description("Redfish: accept only the certificate with this SHA-256 fingerprint (64 hex digits, colons optional).")]
    public string? Pin { get; set; }

    [CommandOption("--ca <FILE>")]
    [Description("Redfish: accept certificates that chain to the PEM roots in FILE. " +
        "Default: trust on first use (fingerprints recorded in ~/.config/lifeline/known_bmcs).")]
    public string? Ca { get; set; }

    /// <summary>The <c>--pin</c> value as 64 upper-case hex digits, or null when it is not one.</summary>
    public static string? NormalizePin(string pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        var hex = pin.Replace(":", "", StringComparison.Ordinal).Trim();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex.ToUpperInvariant() : null;
    }

    /// <summary>The TLS choice; <paramref name="pinStorePath"/> is used for trust-on-first-use.</summary>
    public TlsSettings TlsFor(string pinStorePath) => this switch
    {
        { Insecure: true } => new TlsSettings(TlsTrust.Insecure),
        { Pin: { } pin } => new TlsSettings(TlsTrust.Pinned, Pin: NormalizePin(pin)),
        { Ca: { } ca } => new TlsSettings(TlsTrust.CertificateAuthority, CaFile: ca),
        _ => new TlsSettings(TlsTrust.TrustOnFirstUse, PinStorePath: pinStorePath),
    };

    /// <summary>The <c>--cipher</c> value as a suite id, null for auto.</summary>
    public int? CipherSuite => Cipher.Equals("auto", StringComparison.OrdinalIgnoreCase)
        ? null
        : int.Parse(Cipher, NumberStyles.None, CultureInfo.InvariantCulture);

    public PrivilegeLevel PrivilegeLevel => Privilege.ToLowerInvariant() switch
    {
        "user" => PrivilegeLevel.User,
        "operator" => PrivilegeLevel.Operator,
        _ => PrivilegeLevel.Administrator,
    };

    public override ValidationResult Validate()
    {
        if (!Cipher.Equals("auto", StringComparison.OrdinalIgnoreCase) && Cipher is not ("0" or "1" or "2" or "3" or "17"))
        {
            return ValidationResult.Error($"--cipher '{Cipher}': expected auto, 0, 1, 2, 3 or 17");
        }

        if (Cipher == "0" && !AllowSuite0)
        {
            return ValidationResult.Error("--cipher 0 means no authentication, integrity or encryption; add --allow-suite-0 to use it anyway");
        }

        if ((Insecure ? 1 : 0) + (Pin is null ? 0 : 1) + (Ca is null ? 0 : 1) > 1)
        {
            return ValidationResult.Error("choose at most one of --insecure, --pin and --ca");
        }

        if (Pin is { } pin && NormalizePin(pin) is null)
        {
            return ValidationResult.Error($"--pin '{pin}': expected a SHA-256 fingerprint, 64 hex digits (colons optional)");
        }

        if (Ca is { } ca && !File.Exists(ca))
        {
            return ValidationResult.Error($"--ca '{ca}': no such file (expected PEM certificates)");
        }

        if (Privilege.ToLowerInvariant() is not ("user" or "operator" or "administrator"))
        {
            return ValidationResult.Error($"--privilege '{Privilege}': expected user, operator or administrator");
        }

        return base.Validate();
    }
}
