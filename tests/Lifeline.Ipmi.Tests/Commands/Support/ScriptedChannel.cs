using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Tests.Commands.Support;

/// <summary>
/// A fake BMC behind <see cref="IIpmiChannel"/>: answers scripted replies in order (each checked against the expected
/// NetFn and command), then falls back to a handler if one is given. Every request is recorded. Answers complete
/// synchronously, so an operation runs up to its next timer wait before SendAsync returns to the test.
/// </summary>
internal sealed class ScriptedChannel : IIpmiChannel
{
    private readonly Queue<(NetFn NetFn, byte Command, Func<byte[], IpmiResponse> Answer)> _script = new();
    private readonly Func<IpmiRequest, byte[], IpmiResponse>? _fallback;

    public ScriptedChannel(Func<IpmiRequest, byte[], IpmiResponse>? fallback = null)
    {
        _fallback = fallback;
    }

    public List<(NetFn NetFn, byte Command, byte[] Data)> Requests { get; } = [];

    public int Count(NetFn netFn, byte command) => Requests.Count(r => r.NetFn == netFn && r.Command == command);

    public ScriptedChannel Reply(NetFn netFn, byte command, CompletionCode code, params byte[] data)
    {
        _script.Enqueue((netFn, command, _ => new IpmiResponse(code, data)));
        return this;
    }

    public ScriptedChannel Reply(NetFn netFn, byte command, Func<byte[], IpmiResponse> answer)
    {
        _script.Enqueue((netFn, command, answer));
        return this;
    }

    public static IpmiResponse Ok(params byte[] data) => new(CompletionCode.Success, data);

    public static IpmiResponse Fail(byte code) => new((CompletionCode)code, ReadOnlyMemory<byte>.Empty);

    public Task<IpmiResponse> SendAsync(IpmiRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = request.Data.ToArray();
        Requests.Add((request.NetFn, request.Command, data));
        if (_script.TryDequeue(out var step))
        {
            Assert.True(step.NetFn == request.NetFn && step.Command == request.Command,
                $"fake BMC expected NetFn {(byte)step.NetFn:X2}h cmd {step.Command:X2}h, got {request}");
            return Task.FromResult(step.Answer(data));
        }
        if (_fallback is not null)
        {
            return Task.FromResult(_fallback(request, data));
        }
        Assert.Fail($"fake BMC has no answer left for request #{Requests.Count}: {request}");
        return null!;
    }
}
