using Lifeline.Drivers;
using System.ComponentModel;
using System.Globalization;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lifeline.Cli.Commands;

/// <summary><c>bmc reset --warm|--cold</c>.</summary>
public sealed class BmcResetCommand : AsyncCommand<BmcResetCommand.Settings>
{
    private readonly VerbRunner _runner;

    public BmcResetCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandOption("--warm")]
        [Description("Warm reset: restart the BMC firmware, keep its state.")]
        public bool Warm { get; set; }

        [CommandOption("--cold")]
        [Description("Cold reset: reboot the BMC as from power-up.")]
        public bool Cold { get; set; }

        public override ValidationResult Validate() => Warm == Cold
            ? ValidationResult.Error("bmc reset: choose exactly one of --warm and --cold")
            : base.Validate();
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var kind = settings.Cold ? BmcResetKind.Cold : BmcResetKind.Warm;
        return _runner.RunAsync($"bmc reset {ResultViews.Word(kind)}", settings, ResultViews.Action, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.ResetBmcAsync(target, connection, kind, ct), cancellationToken);
    }
}

/// <summary><c>identify [--seconds N|--force|--off]</c>.</summary>
public sealed class IdentifyCommand : AsyncCommand<IdentifyCommand.Settings>
{
    private readonly VerbRunner _runner;

    public IdentifyCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandOption("--seconds <N>")]
        [Description("Light the identify LED for N seconds (1-255). Without options: the BMC's default, 15 s.")]
        public int? Seconds { get; set; }

        [CommandOption("--force")]
        [Description("Light it until --off.")]
        public bool Force { get; set; }

        [CommandOption("--off")]
        [Description("Turn it off.")]
        public bool Off { get; set; }

        public IdentifyRequest Request => this switch
        {
            { Off: true } => new IdentifyRequest(IdentifyMode.Off),
            { Force: true } => new IdentifyRequest(IdentifyMode.Force),
            { Seconds: { } s } => new IdentifyRequest(IdentifyMode.Seconds, s),
            _ => new IdentifyRequest(IdentifyMode.Default),
        };

        public override ValidationResult Validate()
        {
            if ((Seconds is null ? 0 : 1) + (Force ? 1 : 0) + (Off ? 1 : 0) > 1)
            {
                return ValidationResult.Error("identify: use at most one of --seconds, --force and --off");
            }

            if (Seconds is < 1 or > 255)
            {
                return ValidationResult.Error($"identify --seconds {Seconds}: expected 1 to 255 (use --force to keep it on, --off to stop)");
            }

            return base.Validate();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var request = settings.Request;
        return _runner.RunAsync("identify", settings, ResultViews.Action, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.IdentifyAsync(target, connection, request, ct), cancellationToken);
    }
}

/// <summary><c>raw &lt;netfn&gt; &lt;cmd&gt; [bytes...]</c>: every number is hex, with or without 0x.</summary>
public sealed class RawCommand : AsyncCommand<RawCommand.Settings>
{
    /// <summary>The most request data bytes accepted (an IPMI LAN message carries well under 256).</summary>
    public const int MaxDataBytes = 255;

    private readonly VerbRunner _runner;

    public RawCommand(VerbRunner runner)
    {
        _runner = runner;
    }

    public sealed class Settings : BmcSettings
    {
        [CommandArgument(0, "<netfn>")]
        [Description("Network function, hex (0x06 or 06); even (a request).")]
        public string NetFn { get; set; } = "";

        [CommandArgument(1, "<cmd>")]
        [Description("Command, hex (0x01 or 01).")]
        public string Command { get; set; } = "";

        [CommandArgument(2, "[bytes]")]
        [Description("Request data bytes, hex each (0x00 or 00).")]
        public string[] Bytes { get; set; } = [];

        public override ValidationResult Validate()
        {
            try
            {
                _ = ToRequest();
            }
            catch (UsageException e)
            {
                return ValidationResult.Error(e.Message);
            }

            return base.Validate();
        }

        /// <exception cref="UsageException">A value is not a hex byte, or the netfn is odd or above 3Fh.</exception>
        public RawRequest ToRequest()
        {
            byte netFn = ParseHexByte(NetFn, "netfn");
            if (netFn > 0x3F)
            {
                throw new UsageException($"raw: netfn {NetFn} is above 0x3f (network functions are 6 bits)");
            }

            if ((netFn & 1) != 0)
            {
                throw new UsageException($"raw: netfn {NetFn} is odd, which is a response; send the even request netfn 0x{netFn - 1:x2}");
            }

            byte command = ParseHexByte(Command, "cmd");
            if (Bytes.Length > MaxDataBytes)
            {
                throw new UsageException($"raw: {Bytes.Length} data bytes is more than {MaxDataBytes}");
            }

            var data = Bytes.Select((b, i) => ParseHexByte(b, $"data byte {i + 1}")).ToArray();
            return new RawRequest(netFn, command, data);
        }
    }

    /// <summary>Parses "0x06", "06" or "6" as hex.</summary>
    public static byte ParseHexByte(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length is < 1 or > 2 || !byte.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value))
        {
            throw new UsageException($"raw: {what} '{text}' is not a hex byte (write it like 0x06 or 06)");
        }

        return value;
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var request = settings.ToRequest();
        return _runner.RunAsync("raw", settings, ResultViews.Raw, VerbRunner.SimpleExchanges,
            (target, connection, ct) => _runner.Backend.RawAsync(target, connection, request, ct), cancellationToken);
    }
}
