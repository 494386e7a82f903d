namespace Lifeline.Consoles.Tests.Infrastructure;

/// <summary>TCP ports on 127.0.0.1 derived from the process id, so two test runs on one host do not collide.</summary>
public static class TestPorts
{
    public static int For(int slot) => 24000 + Environment.ProcessId % 1000 * 8 + slot;
}
