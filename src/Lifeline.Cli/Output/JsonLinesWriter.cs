using Lifeline.Drivers;
using System.Text.Json;
using Lifeline.Cli.FanOut;

namespace Lifeline.Cli.Output;

/// <summary>
/// The <c>-o json</c> output: one compact JSON object per BMC, written and flushed as soon as that BMC's result
/// arrives (completion order, not list order). Each has <c>node</c>, <c>ok</c>, <c>error</c> and the verb's field.
/// </summary>
public sealed class JsonLinesWriter<T> : IResultWriter<T>
{
    private readonly TextWriter _output;
    private readonly IResultView<T> _view;

    public JsonLinesWriter(TextWriter output, IResultView<T> view)
    {
        _output = output;
        _view = view;
    }

    public void Add(NodeResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = _view.Json(result.Ok ? result.Value : default);
        line.Node = result.Node;
        line.Ok = result.Ok;
        line.Error = result.Error is { } e ? new ErrorJson { Category = e.Category, Message = e.Message, Next = e.NextStep } : null;
        _output.WriteLine(JsonSerializer.Serialize(line, line.GetType(), LifelineJsonContext.Default));
        _output.Flush();
    }

    public void Complete() => _output.Flush();
}
