using Lifeline.Drivers;

namespace Lifeline.Cli.Hosting;

/// <summary>
/// The process's standard streams as the CLI sees them. Results go to <see cref="Out"/>; progress, prompts and error
/// messages go to <see cref="Error"/>. Tests pass a fake with string writers.
/// </summary>
public interface ITerminal
{
    TextWriter Out { get; }

    TextWriter Error { get; }

    /// <summary>True when stdin is an interactive terminal (a prompt can be answered).</summary>
    bool IsInputInteractive { get; }

    /// <summary>True when stdout is a terminal (not a pipe or file).</summary>
    bool IsOutputInteractive { get; }

    /// <summary>True when stderr is a terminal: only then is a progress bar drawn.</summary>
    bool IsErrorInteractive { get; }

    /// <summary>
    /// Writes <paramref name="prompt"/> to stderr and reads one line from the terminal without echoing it.
    /// Returns null at end of input (Ctrl-D).
    /// </summary>
    string? ReadSecret(string prompt, CancellationToken cancellationToken);
}

/// <summary>Reads environment variables (a seam so tests control them without touching the process).</summary>
public interface IEnvironment
{
    string? GetVariable(string name);
}

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironment : IEnvironment
{
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);
}
