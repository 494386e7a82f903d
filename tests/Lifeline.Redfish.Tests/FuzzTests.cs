using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lifeline.Redfish.Json;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tests.Fakes;
using Xunit.Abstractions;

namespace Lifeline.Redfish.Tests;

/// <summary>Real mockup JSON (../shared/redfish-mockups), intact and mutated, through the whole client.</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    internal static IReadOnlyList<string> MockupFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lifeline.slnx")))
        {
            dir = dir.Parent;
        }
        // ../shared beside the repository; a git worktree finds it further up.
        var mockups = Path.Combine(dir?.Parent?.FullName ?? "/nonexistent", "shared", "redfish-mockups");
        for (var up = dir?.Parent; up is not null && !Directory.Exists(mockups); up = up.Parent)
        {
            mockups = Path.Combine(up.FullName, "shared", "redfish-mockups");
        }
        Assert.True(Directory.Exists(mockups), $"the mockups folder {mockups} is missing (../shared beside the repository)");
        return Directory.GetFiles(mockups, "index.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void EveryMockupResourceDeserializesIntoItsTypedResource()
    {
        var files = MockupFiles();
        var typed = 0;
        foreach (var file in files)
        {
            var resource = RedfishJson.DeserializeByType(File.ReadAllBytes(file), file);
            if (resource.GetType() != typeof(RedfishResource))
            {
                typed++;
            }
        }
        output.WriteLine($"{files.Count} mockup resources, {typed} typed, {files.Count - typed} generic");
        Assert.True(files.Count > 1000);
        Assert.True(typed > 900);
    }

    [Fact]
    public async Task MutatedMockupBodiesOnlyEverRaiseRedfishException()
    {
        var random = new Random(20260101);
        var files = MockupFiles();
        var fake = new FakeRedfishHandler { RequireAuth = false };
        byte[] current = [];
        fake.Route("GET /redfish/v1/Fuzz", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(current) });
        fake.Route("GET /redfish/v1/FuzzCollection", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(current) });
        await using var client = fake.Client(RedfishAuthMode.None);
        int cases = 0, parsed = 0, refused = 0;
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(file);
            var isCollection = RedfishJson.DeserializeByType(original, file) is ResourceCollection;
            for (var m = 0; m < 4; m++)
            {
                current = Mutate(original, random);
                cases++;
                try
                {
                    await client.GetResourceAsync("/redfish/v1/Fuzz");
                    if (isCollection)
                    {
                        await foreach (var _ in client.GetMemberLinksAsync("/redfish/v1/FuzzCollection"))
                        {
                        }
                    }
                    parsed++;
                }
                catch (RedfishException)
                {
                    refused++;
                }
            }
        }
        output.WriteLine($"fuzz: {cases} mutated bodies from {files.Count} mockup files: {parsed} read, {refused} refused with RedfishException, 0 other exceptions");
        Assert.Equal(cases, parsed + refused);
        Assert.True(refused > cases / 10);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return original[..random.Next(original.Length)];
            case 1:
                var flipped = (byte[])original.Clone();
                for (var i = 0; i < 1 + random.Next(4); i++)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }
                return flipped;
            case 2:
                var garbage = "{}[]\",:0-e\\\u00ff\u0000"u8.ToArray();
                var at = random.Next(original.Length);
                return [.. original[..at], garbage[random.Next(garbage.Length)], .. original[at..]];
            default:
                JsonNode? root;
                try
                {
                    root = JsonNode.Parse(original);
                }
                catch (System.Text.Json.JsonException)
                {
                    return original;
                }
                var nodes = new List<JsonNode>();
                Collect(root, nodes);
                if (nodes.Count < 2)
                {
                    return original;
                }
                var victim = nodes[1 + random.Next(nodes.Count - 1)];
                JsonNode? replacement = random.Next(6) switch
                {
                    0 => JsonValue.Create("not-what-you-expected"),
                    1 => JsonValue.Create(-1e308),
                    2 => new JsonObject { ["@odata.id"] = "https://evil.example/x" },
                    3 => new JsonArray(1, "two", null),
                    4 => null,
                    _ => JsonValue.Create(true),
                };
                var parent = victim.Parent;
                if (parent is JsonObject o)
                {
                    o[victim.GetPropertyName()] = replacement;
                }
                else if (parent is JsonArray a)
                {
                    a[victim.GetElementIndex()] = replacement;
                }
                return Encoding.UTF8.GetBytes(root!.ToJsonString());
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null || into.Count > 5000)
        {
            return;
        }
        into.Add(node);
        if (node is JsonObject o)
        {
            foreach (var (_, v) in o)
            {
                Collect(v, into);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var v in a)
            {
                Collect(v, into);
            }
        }
    }
}
