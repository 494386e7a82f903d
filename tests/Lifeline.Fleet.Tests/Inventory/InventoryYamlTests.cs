using System.Diagnostics;
using System.Text;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Tests.Storage;

namespace Lifeline.Fleet.Tests.Inventory;

public sealed class InventoryYamlTests
{
    private const string Example = """
        groups:
          rack1: {description: Rack 1, credential: rack1-bmc, attributes: {site: dc1}}
          compute:
        nodes:
          n1: {groups: [rack1, compute], ipmi: "ipmi://admin@127.0.1.1:623", redfish: "redfish+http://admin@127.0.1.1:8000",
               management: auto, credential: null, console: sol, inband: 10.1.0.1, location: {site: dc1, rack: r1, u: 3},
               attributes: {role: compute}}
          n2:
            groups: [rack1]
            ipmi: ipmi://admin@127.0.1.2
            management: ipmi
        credentials: {}   # never contains passwords
        """;

    private static InventoryImportError SingleError(string yaml)
    {
        var error = Assert.Throws<InventoryImportException>(() => InventoryYaml.Import(yaml));
        return Assert.Single(error.Errors);
    }

    [Fact]
    public void TheDocumentedShapeImports()
    {
        var document = InventoryYaml.Import(Example);

        Assert.Equal(["rack1", "compute"], document.Groups.Select(g => g.Name));
        Assert.Equal("Rack 1", document.Groups[0].Description);
        Assert.Equal("rack1-bmc", document.Groups[0].Credential);
        Assert.Equal("dc1", document.Groups[0].Attributes["site"]);
        var n1 = document.Nodes[0];
        StoreAssert.Same(new NodeDefinition
        {
            Name = "n1",
            Groups = ["rack1", "compute"],
            IpmiUrl = "ipmi://admin@127.0.1.1:623",
            RedfishUrl = "redfish+http://admin@127.0.1.1:8000",
            ConsoleMethod = "sol",
            InbandAddress = "10.1.0.1",
            Location = new Location("dc1", "r1", 3),
            Attributes = new Dictionary<string, string> { ["role"] = "compute" },
        }, n1);
        Assert.Equal(ManagementProtocol.Ipmi, document.Nodes[1].Management);
        Assert.Empty(document.Credentials);
    }

    [Fact]
    public void ExportReadsBackToTheSameInventoryAndIsDeterministic()
    {
        var nodes = new List<NodeDefinition>
        {
            new()
            {
                Name = "n2",
                Groups = ["b", "a"],
                IpmiUrl = "ipmi://admin@[fd00::2]:623",
                Management = ManagementProtocol.Redfish,
                Credential = "c1",
                Location = new Location(U: 0),
                Attributes = new Dictionary<string, string>
                {
                    ["empty"] = "", ["nullish"] = "null", ["tilde"] = "~", ["number"] = "007", ["yes"] = "yes",
                    ["quote"] = "it's \"here\"", ["colon"] = "a: b", ["hash"] = "# not a comment", ["lead"] = " spaced ",
                    ["unicode"] = "Zürich – ✓", ["star"] = "*alias", ["amp"] = "&anchor", ["brace"] = "{x}",
                },
            },
            new() { Name = "n1" },
        };
        var groups = new List<GroupDefinition>
        {
            new() { Name = "g2", Description = "multi: word, text", Attributes = new Dictionary<string, string> { ["k"] = "[v]" } },
            new() { Name = "g1" },
        };
        var document = new InventoryDocument(nodes, groups, [new CredentialReference("c1", "admin")]);

        string yaml = InventoryYaml.Export(document);
        var back = InventoryYaml.Import(yaml);

        StoreAssert.Same(nodes.OrderBy(n => n.Name, StringComparer.Ordinal), back.Nodes);
        StoreAssert.Same(groups.OrderBy(g => g.Name, StringComparer.Ordinal), back.Groups);
        Assert.Equal([new CredentialReference("c1", "admin")], back.Credentials);
        Assert.Equal(yaml, InventoryYaml.Export(back));
        Assert.Equal(yaml, InventoryYaml.Export(document with { Nodes = [nodes[1], nodes[0]] }));
    }

    [Fact]
    public void AnEmptyInventoryExportsAndImports()
    {
        string yaml = InventoryYaml.Export(new InventoryDocument([], []));

        var back = InventoryYaml.Import(yaml);

        Assert.Contains("nodes: {}", yaml, StringComparison.Ordinal);
        Assert.Empty(back.Nodes);
        Assert.Empty(InventoryYaml.Import("").Nodes);
    }

    [Fact]
    public void ErrorsCarryTheirLineAndWhatToFix()
    {
        const string yaml = """
            nodes:
              n1:
                ipmi: ipmi://admin@10.0.0.1
                ipmi_addr: 10.0.0.1
              -bad: {}
              n3:
                redfish: https://admin@10.0.0.3
                location: {u: three}
                management: sometimes
            """;

        var error = Assert.Throws<InventoryImportException>(() => InventoryYaml.Import(yaml));

        Assert.Contains(error.Errors, e => e.Line == 4 && e.Message.Contains("unknown field 'ipmi_addr'", StringComparison.Ordinal)
            && e.Message.Contains("expected groups, ipmi", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 5 && e.Message.Contains("must start with a letter or a digit", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 6 && e.Message.Contains("redfish://", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 8 && e.Message.Contains("not a whole number", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 9 && e.Message.Contains("not auto, ipmi or redfish", StringComparison.Ordinal));
        Assert.Equal(5, error.Errors.Count);
        Assert.Contains("line 4:", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing imported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANodeGivenTwiceIsAnErrorAtTheSecond()
    {
        var error = SingleError("nodes:\n  n1: {}\n  n2: {}\n  n1: {}\n");

        Assert.Equal(4, error.Line);
        Assert.Contains("'n1' is given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordInTheCredentialsSectionIsRefused()
    {
        var error = SingleError("credentials:\n  rack1-bmc: {user: admin, password: hunter2}\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("PUT /credentials/rack1-bmc", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordInAUrlIsRefusedWithoutEchoingIt()
    {
        var error = SingleError("nodes:\n  n1: {ipmi: 'ipmi://admin:hunter2@10.0.0.1'}\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("credential", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorsGiveTheLine()
    {
        var error = SingleError("nodes:\n  n1: {groups: [a, b}\n  n2: {}\n");

        Assert.InRange(error.Line, 2, 3);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionLaughsAliasesAreRefusedAtOnce()
    {
        var yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 0; i < 9; i++)
        {
            char name = (char)('b' + i), previous = (char)('a' + i);
            yaml.Append(name).Append(": &").Append(name).Append(" [");
            yaml.Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }

        var watch = Stopwatch.StartNew();
        var error = SingleError(yaml.ToString());

        Assert.Contains("aliases", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void DeepNestingIsRefusedWithoutExhaustingTheStack()
    {
        string yaml = "nodes: " + new string('[', 200_000) + new string(']', 200_000);

        var error = SingleError(yaml);

        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndlessUploadStopsAtTheSizeLimit()
    {
        await using var endless = new EndlessStream();

        var error = await Assert.ThrowsAsync<InventoryImportException>(() => InventoryYaml.ImportAsync(endless, default));

        Assert.Contains("larger than 32 MiB", error.Message, StringComparison.Ordinal);
        Assert.InRange(endless.Served, 32L * 1024 * 1024, 33L * 1024 * 1024);
    }

    [Fact]
    public async Task AFileThatIsNotUtf8IsRefused()
    {
        await using var latin1 = new MemoryStream([(byte)'n', (byte)':', 0xE9, 0xFF, (byte)'\n']);

        var error = await Assert.ThrowsAsync<InventoryImportException>(() => InventoryYaml.ImportAsync(latin1, default));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n", "must be a mapping")]
    [InlineData("hosts: {}\n", "unknown section 'hosts'")]
    [InlineData("nodes: [n1, n2]\n", "'nodes' must be a mapping")]
    [InlineData("nodes:\n  n1: {attributes: {role: [a]}}\n", "single value")]
    [InlineData("nodes:\n  n1: {attributes: {role: }}\n", "has no value")]
    [InlineData("nodes:\n  ? [a]\n  : {}\n", "mapping key must be a plain value")]
    [InlineData("nodes: {}\n---\nnodes: {}\n", "more than one YAML document")]
    public void MalformedShapesAreExplained(string yaml, string expected)
    {
        var error = Assert.Throws<InventoryImportException>(() => InventoryYaml.Import(yaml));

        Assert.Contains(error.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal) && e.Line > 0);
    }

    /// <summary>Serves 'a' bytes forever, counting them.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
