namespace Lifeline.Ipmi.Messages;

/// <summary>
/// A typed IPMI command: knows its network function and command code, encodes its request data and decodes the
/// response data (the bytes after the completion code). Servers (the simulator) use the same types the other way:
/// the request type's static Read and the response type's Write.
/// </summary>
public interface IIpmiCommand<out TResponse>
{
    NetFn NetFn { get; }
    byte Command { get; }
    /// <summary>A human name for errors, e.g. "Get Chassis Status".</summary>
    string Name { get; }
    void WriteRequest(IpmiWriter writer);
    TResponse ReadResponse(ReadOnlySpan<byte> data);
}

/// <summary>Typed execution over any <see cref="IIpmiChannel"/>.</summary>
public static class IpmiChannelExtensions
{
    /// <summary>Sends the command, throws <see cref="IpmiException"/> on a non-zero completion code, decodes the response.</summary>
    public static async Task<TResponse> ExecuteAsync<TResponse>(this IIpmiChannel channel, IIpmiCommand<TResponse> command, CancellationToken cancellationToken)
    {
        var writer = new IpmiWriter();
        command.WriteRequest(writer);
        var response = await channel.SendAsync(new IpmiRequest(command.NetFn, command.Command, writer.ToArray()), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new IpmiException(response.Code, command.NetFn, command.Command, command.Name);
        }
        return command.ReadResponse(response.Data.Span);
    }

    /// <summary>Raw passthrough: returns the completion code and data without interpretation.</summary>
    public static Task<IpmiResponse> RawAsync(this IIpmiChannel channel, NetFn netFn, byte command, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        => channel.SendAsync(new IpmiRequest(netFn, command, data), cancellationToken);
}
