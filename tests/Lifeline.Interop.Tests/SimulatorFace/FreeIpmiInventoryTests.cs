using System.Globalization;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.SimulatorFace;

/// <summary>Nodes on a frozen clock for FreeIPMI.</summary>
public sealed class FrozenFleetForFreeIpmi() : SimulatedFleetFixture(subnet: 73, nodes: 6, fakeClock: true);

/// <summary>FreeIPMI 1.6.10 (LAN_2_0, cipher suites 3 and 17) reads the simulated BMC.</summary>
public sealed class FreeIpmiInventoryTests(FrozenFleetForFreeIpmi fleet) : IClassFixture<FrozenFleetForFreeIpmi>
{
    private static int NodeFor(int suite, int pair) => pair * 2 + (suite == 17 ? 1 : 0);

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task IpmiSensorsShowsEverySensorWithTheModelsReading(int suite)
    {
        int node = NodeFor(suite, 0);
        var model = fleet.Model(node);
        model.ForceSensorValue(SensorNumbers.Volt12, 13.5);
        var rows = FreeIpmi.Rows(await FreeIpmi.OkAsync("ipmi-sensors", fleet, node, suite, FreeIpmi.SdrCache(fleet)))
            .ToDictionary(r => r[1]);
        foreach (var sample in model.ReadSensors().Where(s => !s.Definition.EventOnly))
        {
            var definition = sample.Definition;
            Assert.True(rows.TryGetValue(definition.Name, out var row), $"ipmi-sensors lacks '{definition.Name}'");
            if (definition.IsThreshold)
            {
                Assert.Equal(definition.FromRaw(sample.Raw), double.Parse(row[3], CultureInfo.InvariantCulture), 2);
            }
            else
            {
                Assert.Equal("N/A", row[3]);
            }
        }
        Assert.Contains("Upper Critical", rows["12V"][5], StringComparison.Ordinal);
        Assert.Equal("'OK'", rows["Inlet Temp"][5]);
        Assert.Equal("'Presence detected'", rows["PSU1 Status"][5]);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task IpmiSelShowsAThresholdCrossingForcedInTheModel(int suite)
    {
        int node = NodeFor(suite, 1);
        fleet.Model(node).ForceSensorValue(SensorNumbers.ExhaustTemp, 80);
        var rows = FreeIpmi.Rows(await FreeIpmi.OkAsync("ipmi-sel", fleet, node, suite, FreeIpmi.SdrCache(fleet)));
        Assert.Equal(fleet.Model(node).GetSelEntries().Length, rows.Count);
        Assert.Contains(rows, r => r[3] == "Exhaust Temp" && r[5].StartsWith("Upper Critical - going high ; Sensor Reading = 80.00 C ; Threshold = 75.00 C", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[3] == "Exhaust Temp" && r[5].StartsWith("Upper Non-critical - going high", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task IpmiFruShowsTheModelsFru(int suite)
    {
        int node = NodeFor(suite, 2);
        var fru = fleet.Model(node).Fru;
        var fields = IpmiTool.Fields(await FreeIpmi.OkAsync("ipmi-fru", fleet, node, suite, FreeIpmi.SdrCache(fleet)));
        Assert.Equal(fru.Chassis.SerialNumber, fields["FRU Chassis Serial Number"]);
        Assert.Equal(fru.Chassis.PartNumber, fields["FRU Chassis Part Number"]);
        Assert.Equal(fru.Board.Manufacturer, fields["FRU Board Manufacturer"]);
        Assert.Equal(fru.Board.ProductName, fields["FRU Board Product Name"]);
        Assert.Equal(fru.Board.SerialNumber, fields["FRU Board Serial Number"]);
        Assert.Equal(fru.Board.PartNumber, fields["FRU Board Part Number"]);
        Assert.StartsWith(fru.Board.ManufacturedAt.UtcDateTime.ToString("MM/dd/yy", CultureInfo.InvariantCulture), fields["FRU Board Manufacturing Date/Time"], StringComparison.Ordinal);
        Assert.Equal(fru.Product.Manufacturer, fields["FRU Product Manufacturer Name"]);
        Assert.Equal(fru.Product.Name, fields["FRU Product Name"]);
        Assert.Equal(fru.Product.PartNumber, fields["FRU Product Part/Model Number"]);
        Assert.Equal(fru.Product.Version, fields["FRU Product Version"]);
        Assert.Equal(fru.Product.SerialNumber, fields["FRU Product Serial Number"]);
        Assert.Equal(fru.Product.AssetTag, fields["FRU Product Asset Tag"]);
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task BmcInfoShowsTheModelsIdentityGuidAndLanChannel(int suite)
    {
        var model = fleet.Model(0);
        var output = await FreeIpmi.OkAsync("bmc-info", fleet, 0, suite);
        var fields = IpmiTool.Fields(output);
        Assert.Equal(model.Identity.FirmwareRevision, fields["Firmware Revision"]);
        Assert.Equal("2.0", fields["IPMI Version"]);
        Assert.EndsWith($"({model.Identity.ManufacturerId})", fields["Manufacturer ID"], StringComparison.Ordinal);
        Assert.Equal(model.Identity.ProductId.ToString(CultureInfo.InvariantCulture), fields["Product ID"]);
        Assert.Equal("supported", fields["SDR Repository Device"]);
        Assert.Contains("Medium Type          : 802.3 LAN", output, StringComparison.Ordinal);
        // FreeIPMI prints the GUID bytes in wire order reversed (IPMI Table 20-10); ours are in SMBIOS order
        var guid = model.SystemGuid.ToByteArray();
        Assert.Equal(string.Concat(guid.Reverse().Select(b => b.ToString("x2", CultureInfo.InvariantCulture))), fields["System GUID"].Replace("-", "", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(17)]
    public async Task IpmiChassisReadsStatusAndTheBootFlagsIpmitoolSet(int suite)
    {
        int node = NodeFor(suite, 2);
        var status = IpmiTool.Fields(await FreeIpmi.OkAsync("ipmi-chassis", fleet, node, suite, "--get-chassis-status"));
        Assert.Equal("on", status["System Power"]);
        Assert.Equal("Always off", status["Power restore policy"]);
        Assert.Equal("off", status["Chassis Identify state"]);

        await IpmiTool.OkAsync(fleet, node, suite, "chassis", "bootdev", "pxe");
        var flags = IpmiTool.Fields(await FreeIpmi.OkAsync("ipmi-chassis", fleet, node, suite, "--get-boot-flags"));
        Assert.Equal("Force PXE", flags["Boot device selector"]);
        Assert.Equal("PC compatible boot", flags["BIOS boot type"]);
    }
}
