using Lifeline.Drivers;

namespace Lifeline.Cli.Output;

/// <summary><c>-o table</c> (collated text for people) or <c>-o json</c> (one JSON object per BMC per line).</summary>
public enum OutputFormat
{
    Table,
    Json,
}

/// <summary>Receives node results as they arrive and writes them in one format.</summary>
public interface IResultWriter<T>
{
    void Add(FanOut.NodeResult<T> result);

    /// <summary>Called once after the last result.</summary>
    void Complete();
}

public static class ResultWriter
{
    public static IResultWriter<T> Create<T>(OutputFormat format, TextWriter output, IResultView<T> view, NodeFolding? folding = null) => format switch
    {
        OutputFormat.Json => new JsonLinesWriter<T>(output, view),
        _ => new CollatedTableWriter<T>(output, view, folding),
    };
}
