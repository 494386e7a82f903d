using System.Diagnostics;
using Xunit.Abstractions;

namespace Lifeline.Ipmi.Tests.Vectors;

/// <summary>
/// Runs a decoder over mutated inputs and checks the contract every decoder has: it returns, or throws
/// <see cref="IpmiException"/>; nothing else (no IndexOutOfRange, no ArgumentOutOfRange, no hang).
/// </summary>
internal static class FuzzRunner
{
    public static void Run(ITestOutputHelper output, string decoder, int count, Func<int, byte[]> input, Action<byte[]> decode)
    {
        int current = -1;
        byte[] currentInput = [];
        int rejected = 0;
        Exception? failure = null;
        var watch = Stopwatch.StartNew();
        var run = Task.Run(() =>
        {
            for (int i = 0; i < count; i++)
            {
                current = i;
                currentInput = input(i);
                try
                {
                    decode(currentInput);
                }
                catch (IpmiException)
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    failure = new InvalidOperationException(
                        $"{decoder} threw {ex.GetType().Name} on input #{i} ({currentInput.Length} bytes: {Convert.ToHexString(currentInput)})", ex);
                    return;
                }
            }
        });
        bool finished = run.Wait(TimeSpan.FromSeconds(60));
        Assert.True(finished, $"{decoder} fuzz did not finish in 60 s: stuck at input #{current} ({Convert.ToHexString(currentInput)})");
        if (failure is not null)
        {
            throw failure;
        }
        output.WriteLine($"{decoder}: {count} inputs decoded in {watch.ElapsedMilliseconds} ms ({rejected} rejected with IpmiException, {count - rejected} accepted)");
    }
}
