using System.Net.Http.Json;
using Lifeline.Server.Tests.Infrastructure;

namespace Lifeline.Server.Tests.Apis;

/// <summary>A pattern rule from <c>Lifeline:Consoles:Patterns</c> raises <c>event</c> messages on a WebSocket viewer.</summary>
public sealed class ConsolePatternConfigTests
{
    [Fact]
    public async Task AConfiguredRuleFiresAnEventOnAViewerBesideTheBuiltInOnes()
    {
        await using var host = await ServerHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Lifeline:Consoles:Patterns:0:Name"] = "raid-degraded",
            ["Lifeline:Consoles:Patterns:0:Regex"] = @"md\d+: array degraded",
            ["Lifeline:Consoles:Patterns:0:Severity"] = "critical",
        });
        await using var console = new FakeConsoleServer();
        string admin = await host.LoginAsync("admin", ServerHost.AdminPassword);
        using var client = host.Client(admin);
        var accepted = console.AcceptAsync();
        using var add = await client.PostAsJsonAsync("nodes", new object[] { new { name = "pat1", console_method = $"tcp://127.0.0.1:{console.Port}" } });
        Assert.True(add.IsSuccessStatusCode, await host.ReadAsync(add));
        await accepted;

        await using var viewer = await ConsoleClient.ConnectAsync(host.BaseAddress, admin, "pat1", "?mode=spy&replay=0");
        await viewer.NextMessageAsync("state");
        await console.EmitAsync("md127: array degraded, 1 of 2 disks\r\nKernel panic - not syncing: test\r\n");
        var hit = await viewer.NextMessageAsync("event", m => m.GetProperty("pattern").GetString() == "raid-degraded");
        Assert.Equal("critical", hit.GetProperty("severity").GetString());
        Assert.Contains("md127: array degraded", hit.GetProperty("line").GetString(), StringComparison.Ordinal);
        // the built-in rules stay beside the configured one
        await viewer.NextMessageAsync("event", m => m.GetProperty("pattern").GetString() == "kernel-panic");
    }
}
