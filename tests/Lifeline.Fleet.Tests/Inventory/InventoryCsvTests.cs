using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Tests.Storage;

namespace Lifeline.Fleet.Tests.Inventory;

public sealed class InventoryCsvTests
{
    private const string Header = "name,groups,ipmi,redfish,management,credential,console,inband,site,rack,u";

    [Fact]
    public void TheDocumentedHeaderImports()
    {
        string csv = Header + ",attr.role,attr.os\n" +
            "n1,rack1;compute,ipmi://admin@127.0.1.1:623,redfish+http://admin@127.0.1.1:8000,auto,,sol,10.1.0.1,dc1,r1,3,compute,\n" +
            "n2,,ipmi://admin@127.0.1.2,,ipmi,rack1-bmc,,,,,,,debian\n";

        var document = InventoryCsv.Import(csv);

        StoreAssert.Same(
            [
                new NodeDefinition
                {
                    Name = "n1",
                    Groups = ["rack1", "compute"],
                    IpmiUrl = "ipmi://admin@127.0.1.1:623",
                    RedfishUrl = "redfish+http://admin@127.0.1.1:8000",
                    ConsoleMethod = "sol",
                    InbandAddress = "10.1.0.1",
                    Location = new Location("dc1", "r1", 3),
                    Attributes = new Dictionary<string, string> { ["role"] = "compute" },
                },
                new NodeDefinition
                {
                    Name = "n2",
                    IpmiUrl = "ipmi://admin@127.0.1.2",
                    Management = ManagementProtocol.Ipmi,
                    Credential = "rack1-bmc",
                    Attributes = new Dictionary<string, string> { ["os"] = "debian" },
                },
            ],
            document.Nodes);
        Assert.Empty(document.Groups);
    }

    [Fact]
    public void ExportReadsBackToTheSameNodesAndIsDeterministic()
    {
        var nodes = new List<NodeDefinition>
        {
            new()
            {
                Name = "n2",
                Groups = ["a", "b"],
                RedfishUrl = "redfish://admin@h2",
                Management = ManagementProtocol.Redfish,
                Location = new Location("dc 1", null, 12),
                Attributes = new Dictionary<string, string>
                {
                    ["comma"] = "a,b", ["quote"] = "say \"hi\"", ["empty"] = "", ["lead"] = " x ", ["unicode"] = "Zürich",
                },
            },
            new() { Name = "n1", Attributes = new Dictionary<string, string> { ["other"] = "1" } },
        };

        string csv = InventoryCsv.Export(nodes);
        var back = InventoryCsv.Import(csv);

        StoreAssert.Same(nodes.OrderBy(n => n.Name, StringComparer.Ordinal), back.Nodes);
        Assert.Equal(csv, InventoryCsv.Export(back.Nodes));
        Assert.StartsWith(Header + ",attr.comma,attr.empty,attr.lead,attr.other,attr.quote,attr.unicode\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"a,b\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"say \"\"hi\"\"\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void CrlfLineEndsAndQuotedFieldsAcrossLinesAreRead()
    {
        string csv = "name,attr.note\r\nn1,\"two\r\nlines\"\r\nn2,plain\r\n";

        var error = Assert.Throws<InventoryImportException>(() => InventoryCsv.Import(csv));

        // A line break inside a value is read correctly, then refused by the rules (values are one line),
        // and the record after it is still numbered by its physical line.
        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.Contains("control character", only.Message, StringComparison.Ordinal);
        Assert.Equal(2, InventoryCsv.Import("name,attr.note\r\nn1,\"x, y\"\r\nn2,plain\r\n").Nodes.Count);
    }

    [Fact]
    public void ErrorsCarryTheirLineAndWhatToFix()
    {
        string csv = "name,ipmi,u\n" +
            "n1,ipmi://admin@10.0.0.1,1\n" +
            "n2,ipmi://admin:pw@10.0.0.2,2\n" +
            "n3,ipmi://admin@10.0.0.3\n" +
            "n1,,\n" +
            ",ipmi://admin@10.0.0.5,\n" +
            "n6,,six\n";

        var error = Assert.Throws<InventoryImportException>(() => InventoryCsv.Import(csv));

        Assert.Collection(
            error.Errors,
            e => Assert.True(e.Line == 3 && e.Message.Contains("credential", StringComparison.Ordinal) && !e.Message.Contains("pw@", StringComparison.Ordinal), e.ToString()),
            e => Assert.True(e.Line == 4 && e.Message.Contains("2 fields but the header has 3", StringComparison.Ordinal), e.ToString()),
            e => Assert.True(e.Line == 5 && e.Message.Contains("already on line 2", StringComparison.Ordinal), e.ToString()),
            e => Assert.True(e.Line == 6 && e.Message.Contains("name is empty", StringComparison.Ordinal), e.ToString()),
            e => Assert.True(e.Line == 7 && e.Message.Contains("not a whole number", StringComparison.Ordinal), e.ToString()));
    }

    [Theory]
    [InlineData("name,ipmi_url\nn1,x\n", 1, "unknown column 'ipmi_url'")]
    [InlineData("groups,ipmi\na,b\n", 1, "no 'name' column")]
    [InlineData("name,name\nn1,n1\n", 1, "appears twice")]
    [InlineData("name,attr.Ipmi\nn1,x\n", 1, "built-in")]
    [InlineData("name,attr.note\nn1,\"never closed\nn2,x\n", 2, "never closed")]
    [InlineData("name,attr.note\nn1,\"closed\"junk\n", 2, "after a closing quote")]
    [InlineData("name,attr.note\nn1,a\"b\n", 2, "quote inside an unquoted field")]
    public void MalformedFilesAreExplainedWithTheLine(string csv, int line, string expected)
    {
        var error = Assert.Throws<InventoryImportException>(() => InventoryCsv.Import(csv));

        Assert.Contains(error.Errors, e => e.Line == line && e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AnEmptyFileIsAnEmptyInventory()
    {
        Assert.Empty(InventoryCsv.Import("").Nodes);
        Assert.Empty(InventoryCsv.Import(Header + "\n").Nodes);
    }

    [Fact]
    public void AHugeFieldIsRefusedEarly()
    {
        string csv = "name,attr.blob\nn1,\"" + new string('x', 200_000) + "\"\n";

        var error = Assert.Throws<InventoryImportException>(() => InventoryCsv.Import(csv));

        Assert.Contains("longer than 64 KiB", error.Message, StringComparison.Ordinal);
    }
}
