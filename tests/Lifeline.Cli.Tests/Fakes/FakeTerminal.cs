using Lifeline.Drivers;
using Lifeline.Cli.Hosting;

namespace Lifeline.Cli.Tests.Fakes;

/// <summary>A terminal made of string writers; says "not a TTY" unless told otherwise.</summary>
internal sealed class FakeTerminal : ITerminal
{
    private readonly Queue<string?> _answers = new();

    public StringWriter OutWriter { get; } = new() { NewLine = "\n" };

    public StringWriter ErrorWriter { get; } = new() { NewLine = "\n" };

    public TextWriter Out => OutWriter;

    public TextWriter Error => ErrorWriter;

    public bool IsInputInteractive { get; set; }

    public bool IsOutputInteractive { get; set; }

    public bool IsErrorInteractive { get; set; }

    public List<string> Prompts { get; } = [];

    public string Output => OutWriter.ToString();

    public string Errors => ErrorWriter.ToString();

    /// <summary>Queues what the "user" types at the next prompt (null = Ctrl-D).</summary>
    public FakeTerminal Answer(string? text)
    {
        _answers.Enqueue(text);
        return this;
    }

    public string? ReadSecret(string prompt, CancellationToken cancellationToken)
    {
        Prompts.Add(prompt);
        return _answers.Count > 0 ? _answers.Dequeue() : null;
    }
}

internal sealed class FakeEnvironment : IEnvironment
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public FakeEnvironment Set(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public string? GetVariable(string name) => _variables.GetValueOrDefault(name);
}
