using Lifeline.Drivers;
using System.Text.Json;
using Lifeline.Cli.Backend;
using Lifeline.Cli.FanOut;
using Lifeline.Cli.Output;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Tests.Output;

public class OutputTests
{
    private static BmcTarget Node(string host, int port = 623) => new(BmcScheme.Ipmi, "admin", host, port);

    private static string Table<T>(IResultView<T> view, params NodeResult<T>[] results)
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = new CollatedTableWriter<T>(output, view);
        foreach (var r in results)
        {
            writer.Add(r);
        }

        writer.Complete();
        return output.ToString();
    }

    [Fact]
    public void IdenticalResultsFoldIntoOneLinePerRangeInTargetOrder()
    {
        var timeout = new NodeError("timeout", "no answer after 3 retries", "check the BMC");
        var results = new List<NodeResult<PowerResult>>();
        for (int i = 1; i <= 500; i++)
        {
            var target = Node($"127.0.1.{i}");
            results.Add(i <= 498 ? NodeResult<PowerResult>.Success(i - 1, target, new PowerResult(PowerState.On)) : NodeResult<PowerResult>.Failure(i - 1, target, timeout));
        }

        results.Reverse(); // arrival order must not matter
        Assert.Equal(
            "127.0.1.[1-498]: on\n" +
            "127.0.1.[499-500]: error timeout: no answer after 3 retries (next: check the BMC)\n",
            Table(ResultViews.Power, [.. results]));
    }

    [Fact]
    public void MultiLineResultsCollateAsBlocksPerNode()
    {
        var healthy = new SensorsResult([
            new SensorReadingResult("CPU1 Temp", "Temperature", 45, "degrees C", SensorStatus.Ok),
            new SensorReadingResult("PSU1", "Power Supply", null, null, SensorStatus.Ok, "Presence detected"),
        ]);
        var hot = new SensorsResult([
            new SensorReadingResult("CPU1 Temp", "Temperature", 97.5, "degrees C", SensorStatus.Critical),
            new SensorReadingResult("PSU1", "Power Supply", null, null, SensorStatus.Ok, "Presence detected"),
        ]);
        string table = Table(ResultViews.Sensors,
            NodeResult<SensorsResult>.Success(0, Node("node01"), healthy),
            NodeResult<SensorsResult>.Success(1, Node("node02"), hot),
            NodeResult<SensorsResult>.Success(2, Node("node03"), healthy));
        Assert.Equal(
            "node[01,03]:\n" +
            "    CPU1 Temp | 45 degrees C      | ok\n" +
            "    PSU1      | Presence detected | ok\n" +
            "node02:\n" +
            "    CPU1 Temp | 97.5 degrees C    | critical\n" +
            "    PSU1      | Presence detected | ok\n",
            table);
    }

    [Fact]
    public void SelBlocksShowIdTimeSeveritySensorAndMessage()
    {
        var sel = new SelResult([
            new SelEvent(1, new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), "CPU1 Temp", "Upper Critical going high", EventSeverity.Critical),
            new SelEvent(12, null, "PS1", "Presence detected", EventSeverity.Info),
        ]);
        string table = Table(ResultViews.Sel,
            NodeResult<SelResult>.Success(0, Node("127.0.0.1", 6230), sel),
            NodeResult<SelResult>.Success(1, Node("127.0.0.1", 6231), sel),
            NodeResult<SelResult>.Success(2, Node("127.0.0.1", 6232), new SelResult([])));
        Assert.Equal(
            "127.0.0.1:[6230-6231]:\n" +
            "     1 | 2026-11-26 12:00:00Z | critical | CPU1 Temp | Upper Critical going high\n" +
            "    12 | pre-init time        | info     | PS1 | Presence detected\n" +
            "127.0.0.1:6232: SEL is empty\n",
            table);
    }

    [Fact]
    public void JsonLinesCarryNodeOkErrorAndTheVerbsFields()
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = new JsonLinesWriter<PowerResult>(output, ResultViews.Power);
        writer.Add(NodeResult<PowerResult>.Success(0, Node("10.0.0.1"), new PowerResult(PowerState.Off)));
        writer.Add(NodeResult<PowerResult>.Failure(1, Node("10.0.0.2", 6230), new NodeError("bad-password", "RAKP 2 failed", "check the password")));
        writer.Complete();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var ok = JsonDocument.Parse(lines[0]);
        Assert.Equal("10.0.0.1", ok.RootElement.GetProperty("node").GetString());
        Assert.True(ok.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ok.RootElement.GetProperty("error").ValueKind);
        Assert.Equal("off", ok.RootElement.GetProperty("state").GetString());
        Assert.Equal(["node", "ok", "error", "state", "action"], ok.RootElement.EnumerateObject().Select(p => p.Name));

        using var failed = JsonDocument.Parse(lines[1]);
        Assert.Equal("10.0.0.2:6230", failed.RootElement.GetProperty("node").GetString());
        Assert.False(failed.RootElement.GetProperty("ok").GetBoolean());
        var error = failed.RootElement.GetProperty("error");
        Assert.Equal("bad-password", error.GetProperty("category").GetString());
        Assert.Equal("RAKP 2 failed", error.GetProperty("message").GetString());
        Assert.Equal("check the password", error.GetProperty("next").GetString());
        Assert.Equal(JsonValueKind.Null, failed.RootElement.GetProperty("state").ValueKind);
    }

    [Fact]
    public void RawJsonHasTheCompletionCodeAndDataAsNumbers()
    {
        var line = ResultViews.Raw.Json(new RawResult(0xC1, [0x01, 0xFF]));
        string json = JsonSerializer.Serialize(line, line.GetType(), LifelineJsonContext.Default);
        using var doc = JsonDocument.Parse(json);
        var raw = doc.RootElement.GetProperty("raw");
        Assert.Equal(0xC1, raw.GetProperty("completion_code").GetInt32());
        Assert.Equal([1, 255], raw.GetProperty("data").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["completion code C1h (Invalid command): 01 ff"], ResultViews.Raw.Lines(new RawResult(0xC1, [0x01, 0xFF])));
    }

    [Fact]
    public void InventoryAndBootJsonUseSnakeCaseObjects()
    {
        var inventory = ResultViews.Inventory.Json(new InventoryResult(null, new FruBoard(null, "Acme", "X1", "SN1", "PN1"), null));
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(inventory, inventory.GetType(), LifelineJsonContext.Default));
        Assert.Equal("SN1", doc.RootElement.GetProperty("inventory").GetProperty("board").GetProperty("serial_number").GetString());

        var boot = ResultViews.Boot.Json(new BootResult(BootDevice.Pxe, true, true));
        using var bootDoc = JsonDocument.Parse(JsonSerializer.Serialize(boot, boot.GetType(), LifelineJsonContext.Default));
        Assert.Equal("pxe", bootDoc.RootElement.GetProperty("boot").GetProperty("device").GetString());
        Assert.True(bootDoc.RootElement.GetProperty("boot").GetProperty("persistent").GetBoolean());
    }

    [Fact]
    public void NonFiniteSensorValuesBecomeNullInsteadOfBreakingJson()
    {
        var line = ResultViews.Sensors.Json(new SensorsResult([new SensorReadingResult("X", "Fan", double.NaN, "RPM", SensorStatus.Unavailable)]));
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(line, line.GetType(), LifelineJsonContext.Default));
        var sensor = doc.RootElement.GetProperty("sensors")[0];
        Assert.Equal(JsonValueKind.Null, sensor.GetProperty("value").ValueKind);
        Assert.Equal("unavailable", sensor.GetProperty("status").GetString());
    }
}
