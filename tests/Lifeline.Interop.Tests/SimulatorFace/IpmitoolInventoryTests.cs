using System.Globalization;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.SimulatorFace;

/// <summary>Nodes on a frozen clock, so what ipmitool prints can be compared with the model exactly.</summary>
public sealed class FrozenFleetForIpmitool() : SimulatedFleetFixture(subnet: 71, nodes: 9, fakeClock: true,
    perNode: (i, d) => i == IpmitoolInventoryTests.SuiteZeroNode ? d with { Faults = d.Faults.WithCipherSuiteZero() } : d);

/// <summary>ipmitool 1.8.19 (lanplus, cipher suites 3 and 17) reads the simulated BMC's inventory, sensors, SEL and LAN setup.</summary>
public sealed class IpmitoolInventoryTests(FrozenFleetForIpmitool fleet) : IClassFixture<FrozenFleetForIpmitool>
{
    public const int SuiteZeroNode = 8;

    /// <summary>Separate nodes per suite where a test changes state: suite 3 uses the first, 17 the second.</summary>
    private static int NodeFor(int suite, int pair) => pair * 2 + (suite == 17 ? 1 : 0);

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task McInfoShowsTheModelsDeviceIdentity(int suite)
    {
        var fields = IpmiTool.Fields(await IpmiTool.OkAsync(fleet, 0, suite, "mc", "info"));
        var id = fleet.Model(0).Identity;
        Assert.Equal(id.ManufacturerId.ToString(CultureInfo.InvariantCulture), fields["Manufacturer ID"]);
        Assert.Equal(id.FirmwareRevision, fields["Firmware Revision"]);
        Assert.Equal("2.0", fields["IPMI Version"]);
        Assert.StartsWith($"{id.ProductId} (0x{id.ProductId:x4})", fields["Product ID"], StringComparison.Ordinal);
        Assert.Equal("yes", fields["Device Available"]);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task ChassisStatusShowsTheModelsPowerState(int suite)
    {
        var fields = IpmiTool.Fields(await IpmiTool.OkAsync(fleet, 1, suite, "chassis", "status"));
        Assert.Equal(fleet.Model(1).IsPoweredOn ? "on" : "off", fields["System Power"]);
        Assert.Equal("always-off", fields["Power Restore Policy"]);
        Assert.Equal("false", fields["Cooling/Fan Fault"]);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task SdrListShowsEverySensorWithTheModelsReadingAndStatus(int suite)
    {
        int node = NodeFor(suite, 0);
        var model = fleet.Model(node);
        model.ForceSensorValue(SensorNumbers.Fan1 + 2, 500); // Fan3 below its lower critical threshold
        var lines = (await IpmiTool.OkAsync(fleet, node, suite, "sdr", "list"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(c => c[0], c => (Value: c[1], Status: c[2]));
        foreach (var sample in model.ReadSensors().Where(s => !s.Definition.EventOnly))
        {
            var definition = sample.Definition;
            Assert.True(lines.TryGetValue(definition.Name, out var line), $"sdr list lacks '{definition.Name}'");
            if (!definition.IsThreshold)
            {
                Assert.Equal($"0x{sample.States & 0xFF:x2}", line.Value);
                continue;
            }
            double shown = double.Parse(line.Value.Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.Equal(definition.FromRaw(sample.Raw), shown, 3);
            string status = (sample.States & 0x24) != 0 ? "nr" : (sample.States & 0x12) != 0 ? "cr" : (sample.States & 0x09) != 0 ? "nc" : "ok";
            Assert.True(status == line.Status, $"{definition.Name}: ipmitool says {line.Status}, the model's comparison bits {sample.States:X2}h say {status}");
        }
        Assert.Equal("cr", lines["Fan3"].Status);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task SelElistShowsAThresholdCrossingForcedInTheModel(int suite)
    {
        int node = NodeFor(suite, 1);
        fleet.Model(node).ForceSensorValue(SensorNumbers.Cpu2Temp, 92);
        var output = await IpmiTool.OkAsync(fleet, node, suite, "sel", "elist");
        var events = output.Split('\n').Where(l => l.Contains("CPU2 Temp", StringComparison.Ordinal)).ToList();
        Assert.Contains(events, l => l.Contains("Upper Non-critical going high", StringComparison.Ordinal) && l.Contains("Asserted", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains("Upper Critical going high | Asserted | Reading 92 > Threshold 89 degrees C", StringComparison.Ordinal));
        Assert.Equal(fleet.Model(node).GetSelEntries().Length, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task FruPrintShowsTheModelsFru(int suite)
    {
        int node = NodeFor(suite, 2);
        var fru = fleet.Model(node).Fru;
        var fields = IpmiTool.Fields(await IpmiTool.OkAsync(fleet, node, suite, "fru", "print", "0"));
        Assert.Equal("Rack Mount Chassis", fields["Chassis Type"]);
        Assert.Equal(fru.Chassis.PartNumber, fields["Chassis Part Number"]);
        Assert.Equal(fru.Chassis.SerialNumber, fields["Chassis Serial"]);
        Assert.Equal(fru.Board.Manufacturer, fields["Board Mfg"]);
        Assert.Equal(fru.Board.ProductName, fields["Board Product"]);
        Assert.Equal(fru.Board.SerialNumber, fields["Board Serial"]);
        Assert.Equal(fru.Board.PartNumber, fields["Board Part Number"]);
        Assert.Equal(fru.Product.Manufacturer, fields["Product Manufacturer"]);
        Assert.Equal(fru.Product.Name, fields["Product Name"]);
        Assert.Equal(fru.Product.PartNumber, fields["Product Part Number"]);
        Assert.Equal(fru.Product.Version, fields["Product Version"]);
        Assert.Equal(fru.Product.SerialNumber, fields["Product Serial"]);
        Assert.Equal(fru.Product.AssetTag, fields["Product Asset Tag"]);
        Assert.Contains(fru.Board.ManufacturedAt.UtcDateTime.ToString("MMM", CultureInfo.InvariantCulture), fields["Board Mfg Date"], StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task BootdevPxeIsReadBackByBootparamAndReachesTheModel(int suite)
    {
        int node = NodeFor(suite, 3);
        var set = await IpmiTool.OkAsync(fleet, node, suite, "chassis", "bootdev", "pxe");
        Assert.Contains("Set Boot Device to pxe", set, StringComparison.Ordinal);
        var get = await IpmiTool.OkAsync(fleet, node, suite, "chassis", "bootparam", "get", "5");
        Assert.Contains("Boot Flag Valid", get, StringComparison.Ordinal);
        Assert.Contains("Boot Device Selector : Force PXE", get, StringComparison.Ordinal);
        var flags = fleet.Model(node).BootFlags;
        Assert.True(flags.Valid);
        Assert.Equal(BootDevice.Pxe, flags.Device);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task LanPrintShowsTheModelsLanConfiguration(int suite)
    {
        var lan = fleet.Model(0).Lan;
        var fields = IpmiTool.Fields(await IpmiTool.OkAsync(fleet, 0, suite, "lan", "print", "1"));
        Assert.Equal(lan.Address.ToString(), fields["IP Address"]);
        Assert.Equal(lan.SubnetMask.ToString(), fields["Subnet Mask"]);
        Assert.Equal(string.Join(':', lan.MacAddress.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture))), fields["MAC Address"]);
        Assert.Equal(lan.DefaultGateway.ToString(), fields["Default Gateway IP"]);
        Assert.Equal("Static Address", fields["IP Address Source"]);
        Assert.Equal("Disabled", fields["802.1q VLAN ID"]);
        Assert.Equal("1,2,3,17", fields["RMCP+ Cipher Suites"]);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task DcmiPowerReadingIsThePowerSensorsValue(int suite)
    {
        var output = await IpmiTool.OkAsync(fleet, 0, suite, "dcmi", "power", "reading");
        double watts = Math.Round(fleet.Model(0).ReadSensor(SensorNumbers.PowerConsumption).Value);
        Assert.Matches($@"Instantaneous power reading:\s+{watts} Watts", output);
        Assert.Contains("Power reading state is:                   activated", output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task PohCounterAndRestartCauseComeFromTheModel(int suite)
    {
        var poh = await IpmiTool.OkAsync(fleet, 0, suite, "chassis", "poh");
        long minutes = fleet.Model(0).PowerOnMinutes;
        Assert.Contains($"POH Counter  : {minutes / 1440} days, {minutes % 1440 / 60} hours, {minutes % 60} minutes", poh, StringComparison.Ordinal);
        var cause = await IpmiTool.OkAsync(fleet, 0, suite, "chassis", "restart_cause");
        Assert.Contains("System restart cause: unknown", cause, StringComparison.Ordinal); // built powered on: no restart seen
    }

    [SkippableFact]
    public async Task CipherSuiteZeroIsRefusedByDefaultAndAcceptedWhereConfigured()
    {
        var refused = await IpmiTool.RunAsync(fleet, 0, 0, "chassis", "power", "status");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("no matching cipher suite", refused.StandardError, StringComparison.OrdinalIgnoreCase);

        var accepted = await IpmiTool.OkAsync(fleet, SuiteZeroNode, 0, "chassis", "power", "status");
        Assert.Contains("Chassis Power is on", accepted, StringComparison.Ordinal);
        var suites = IpmiTool.Fields(await IpmiTool.OkAsync(fleet, SuiteZeroNode, 3, "lan", "print", "1"));
        Assert.Equal("0,1,2,3,17", suites["RMCP+ Cipher Suites"]);
    }
}
