using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Fleet.Tests.Grains;

public sealed class NodeConfigurationCacheTests
{
    private static InMemoryFleetStore Store(int nodes)
    {
        var store = new InMemoryFleetStore();
        store.Put(new GroupDefinition { Name = "rack1", Credential = "rack1-bmc" });
        store.PutCredential("rack1-bmc", "admin", "pw");
        for (int i = 1; i <= nodes; i++)
        {
            store.Put(new NodeDefinition { Name = $"n{i}", Groups = ["rack1"], IpmiUrl = $"ipmi://127.0.9.{i}" });
        }
        return store;
    }

    [Fact]
    public async Task ManyNodesResolveWithoutAStoreReadPerNode()
    {
        var store = Store(200);
        var cache = new NodeConfigurationCache(store, new FakeTimeProvider());

        var resolved = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => cache.ResolveAsync($"n{i}", CancellationToken.None)));

        Assert.All(resolved, r => Assert.Null(r.Configuration.Error));
        Assert.All(resolved, r => Assert.Equal("admin", r.Configuration.Target!.User));
        Assert.Equal(0, store.NodeReads);
        Assert.Equal(1, store.CredentialReads);
        foreach (var (_, password) in resolved)
        {
            Assert.Equal("pw"u8.ToArray(), password!.Bytes.ToArray());
            password.Dispose(); // each caller owns its own copy: disposing one leaves the others readable
        }
    }

    [Fact]
    public async Task AChangeIsSeenAfterInvalidateOrOnceTheCopyIsOld()
    {
        var store = Store(1);
        var time = new FakeTimeProvider();
        var cache = new NodeConfigurationCache(store, time);
        Assert.Equal("127.0.9.1", (await cache.ResolveAsync("n1", CancellationToken.None)).Configuration.Target!.Host);

        store.Put(new NodeDefinition { Name = "n1", Groups = ["rack1"], IpmiUrl = "ipmi://127.0.9.77" });
        Assert.Equal("127.0.9.1", (await cache.ResolveAsync("n1", CancellationToken.None)).Configuration.Target!.Host);
        cache.Invalidate();
        Assert.Equal("127.0.9.77", (await cache.ResolveAsync("n1", CancellationToken.None)).Configuration.Target!.Host);

        store.Put(new NodeDefinition { Name = "n1", Groups = ["rack1"], IpmiUrl = "ipmi://127.0.9.78" });
        time.Advance(NodeConfigurationCache.MaxAge + TimeSpan.FromSeconds(1));
        Assert.Equal("127.0.9.78", (await cache.ResolveAsync("n1", CancellationToken.None)).Configuration.Target!.Host);
    }

    [Fact]
    public async Task ANodeAddedAfterTheCopyWasTakenIsFoundAndAnUnknownOneIsReported()
    {
        var store = Store(1);
        var cache = new NodeConfigurationCache(store, new FakeTimeProvider());
        await cache.ResolveAsync("n1", CancellationToken.None);

        store.Put(new NodeDefinition { Name = "late", Groups = ["rack1"], IpmiUrl = "ipmi://127.0.9.9" });

        Assert.Null((await cache.ResolveAsync("late", CancellationToken.None)).Configuration.Error);
        Assert.Equal(NodeCategories.UnknownNode, (await cache.ResolveAsync("nope", CancellationToken.None)).Configuration.Error?.Category);
    }
}
