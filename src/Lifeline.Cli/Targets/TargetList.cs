using Lifeline.Drivers;
using System.Globalization;

namespace Lifeline.Cli.Targets;

/// <summary>
/// Collects the BMCs of one command from <c>--bmc</c> values and <c>--bmc-file</c> lines: expands ranges,
/// drops duplicates (keeping the first), and refuses more than <see cref="MaxTargets"/> in total.
/// </summary>
public sealed class TargetList
{
    /// <summary>The most BMCs one command may address; a typo like <c>[1-99999999]</c> fails fast instead of eating memory.</summary>
    public const int MaxTargets = 1_000_000;

    private readonly List<BmcTarget> _targets = [];
    private readonly HashSet<BmcTarget> _seen = [];
    private readonly int _max;

    public TargetList(int maxTargets = MaxTargets)
    {
        _max = maxTargets;
    }

    /// <summary>The distinct targets in the order first given.</summary>
    public IReadOnlyList<BmcTarget> Targets => _targets;

    /// <summary>Builds the list from <c>--bmc</c> values and an optional <c>--bmc-file</c>; errors if it ends up empty.</summary>
    public static IReadOnlyList<BmcTarget> Build(IEnumerable<string>? urls, string? file, int maxTargets = MaxTargets)
    {
        var list = new TargetList(maxTargets);
        foreach (var url in urls ?? [])
        {
            list.AddUrl(url);
        }

        if (file is not null)
        {
            list.AddFile(file);
        }

        if (list.Targets.Count == 0)
        {
            throw new UsageException(file is null
                ? "no BMC given: pass --bmc ipmi://USER@HOST (repeatable, ranges allowed) or --bmc-file FILE; " +
                  "for nodes of the fleet service, name them with a noderange instead (lifeline power NODERANGE status; see lifeline fleet --help)"
                : $"--bmc-file {file}: the file names no BMC (one ipmi://USER@HOST per line; '#' starts a comment)");
        }

        return list.Targets;
    }

    /// <summary>Adds one <c>--bmc</c> value.</summary>
    public void AddUrl(string url, string origin = "--bmc", int columnOffset = 0, string? line = null)
    {
        var parsed = BmcUrl.Parse(url, origin, columnOffset, line);
        long room = _max - _targets.Count;
        if (parsed.Count > room)
        {
            string count = parsed.Count == long.MaxValue ? "more than 9 quintillion" : parsed.Count.ToString("N0", CultureInfo.InvariantCulture);
            string reason = _targets.Count == 0
                ? $"expands to {count} BMCs; the limit is {_max.ToString("N0", CultureInfo.InvariantCulture)} per command (check the range, or split the fleet)"
                : $"expands to {count} BMCs, which with the {_targets.Count.ToString("N0", CultureInfo.InvariantCulture)} before it passes the limit of {_max.ToString("N0", CultureInfo.InvariantCulture)} per command";
            throw new TargetSyntaxException(origin, reason, BmcUrl.Redact(line ?? url), null);
        }

        foreach (var target in parsed.Expand())
        {
            if (_seen.Add(target))
            {
                _targets.Add(target);
            }
        }
    }

    /// <summary>
    /// Adds every line of a BMC file: one URL (ranges allowed) per line; blank lines and everything from '#' on are
    /// ignored. Errors name <c>FILE:LINE</c> and the column in that line.
    /// </summary>
    public void AddFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--bmc-file {path}: cannot read it: {e.Message}");
        }

        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            string content = hash >= 0 ? line[..hash] : line;
            string url = content.Trim();
            if (url.Length == 0)
            {
                continue;
            }

            int offset = content.IndexOf(url, StringComparison.Ordinal);
            if (url.Any(char.IsWhiteSpace))
            {
                int bad = offset + url.IndexOf(url.First(char.IsWhiteSpace));
                throw new TargetSyntaxException($"{path}:{n + 1}", "one BMC per line (unexpected whitespace)", BmcUrl.Redact(content.TrimEnd()), bad + 1);
            }

            AddUrl(url, $"{path}:{n + 1}", offset, content.TrimEnd());
        }
    }
}
