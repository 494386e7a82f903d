using Lifeline.Ipmi.Messages;

namespace Lifeline.Ipmi.Tests.Commands.Support;

/// <summary>Helpers to turn commands and responses into bytes and back.</summary>
internal static class Wire
{
    /// <summary>"01 94 04" → bytes; spaces optional.</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static byte[] Request<T>(IIpmiCommand<T> command)
    {
        var w = new IpmiWriter();
        command.WriteRequest(w);
        return w.ToArray();
    }

    public static byte[] Of(Action<IpmiWriter> write)
    {
        var w = new IpmiWriter();
        write(w);
        return w.ToArray();
    }

    /// <summary>Asserts that decoding every strict prefix of <paramref name="data"/> shorter than <paramref name="minimum"/> throws MalformedResponse.</summary>
    public static void AssertTruncationIsMalformed(byte[] data, int minimum, Func<byte[], object> decode)
    {
        for (int n = 0; n < minimum; n++)
        {
            var prefix = data[..n];
            var e = Assert.Throws<IpmiException>(() => decode(prefix));
            Assert.Equal(IpmiError.MalformedResponse, e.Error);
        }
    }
}
