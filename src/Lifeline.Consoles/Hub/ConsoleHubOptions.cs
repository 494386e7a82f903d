using Lifeline.Consoles.Logging;

namespace Lifeline.Consoles.Hub;

/// <summary>Settings of a <see cref="ConsoleHub"/>.</summary>
public sealed record ConsoleHubOptions
{
    /// <summary>Where the per-node console logs go (the service uses DATA/consoles).</summary>
    public required string LogDirectory { get; init; }

    public ConsoleLogOptions Log { get; init; } = new();

    /// <summary>The pattern-watch rules (the defaults unless replaced).</summary>
    public IReadOnlyList<ConsolePatternRule> Rules { get; init; } = ConsolePatternRule.Defaults;

    /// <summary>The longest one rule may take on one line; past it the line is skipped for that rule.</summary>
    public TimeSpan PatternTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Lines of context (before the hit) an event carries.</summary>
    public int ContextLines { get; init; } = 5;

    /// <summary>Frames queued per viewer; a viewer this far behind is dropped so it never stalls the hub.</summary>
    public int ViewerQueueFrames { get; init; } = 1024;

    /// <summary>The longest wait between reconnect attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Record what the writer types in the audit (<c>console.keystrokes</c>). Off by default: keystrokes include
    /// passwords typed at login prompts, so the audit then holds secrets.
    /// </summary>
    public bool RecordKeystrokes { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The jitter source for reconnect delays (a number in [0, 1)); random unless a test pins it.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
}
