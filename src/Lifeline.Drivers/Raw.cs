namespace Lifeline.Drivers;

/// <summary>A raw IPMI request: <c>raw &lt;netfn&gt; &lt;cmd&gt; [bytes...]</c>.</summary>
/// <param name="NetFn">The request network function (even, 00h-3Eh).</param>
/// <param name="Command">The command byte.</param>
/// <param name="Data">The request data.</param>
public sealed record RawRequest(byte NetFn, byte Command, IReadOnlyList<byte> Data);

/// <summary>The response to a raw request.</summary>
/// <param name="CompletionCode">IPMI v2.0 §5.2 completion code (00h = success).</param>
/// <param name="Data">The response data after the completion code.</param>
public sealed record RawResult(byte CompletionCode, IReadOnlyList<byte> Data);
