using System.Text;
using Lifeline.Simulator.Model;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Simulator.Tests.Model;

/// <summary>Builds nodes on a fake clock. Random ECC errors are off unless a test turns them on.</summary>
internal static class TestNodes
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public static BmcOptions Quiet { get; } = new() { CorrectableEccPerHour = 0 };

    public static FakeTimeProvider Clock() => new(Start);

    public static BmcModel On(FakeTimeProvider clock, BmcOptions? options = null, int index = 0, int seed = 1) =>
        new(index, (options ?? Quiet) with { InitiallyOn = true }, clock, seed);

    public static BmcModel Off(FakeTimeProvider clock, BmcOptions? options = null, int index = 0, int seed = 1) =>
        new(index, (options ?? Quiet) with { InitiallyOn = false }, clock, seed);

    public static string ConsoleText(BmcModel node, long from = 0) =>
        Encoding.UTF8.GetString(node.ReadConsole(from, out _));

    public static void Type(BmcModel node, string text) => node.WriteConsole(Encoding.UTF8.GetBytes(text));

    public static SelEntry[] Events(BmcModel node, byte sensorNumber) =>
        node.GetSelEntries().Where(e => e.SensorNumber == sensorNumber).ToArray();

    public static uint Seconds(DateTimeOffset t) => (uint)t.ToUnixTimeSeconds();
}
