using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Operations;

/// <summary>Sends a typed command and hands back the completion code instead of throwing, for flows that react to codes.</summary>
internal static class CommandExchange
{
    public static async Task<(CompletionCode Code, T? Response)> TryExecuteAsync<T>(this IIpmiChannel channel, IIpmiCommand<T> command, CancellationToken cancellationToken)
        where T : class
    {
        var writer = new IpmiWriter();
        command.WriteRequest(writer);
        var response = await channel.SendAsync(new IpmiRequest(command.NetFn, command.Command, writer.ToArray()), cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? (response.Code, command.ReadResponse(response.Data.Span)) : (response.Code, null);
    }

    public static IpmiException Failure<T>(IIpmiCommand<T> command, CompletionCode code) =>
        new(code, command.NetFn, command.Command, command.Name);
}
