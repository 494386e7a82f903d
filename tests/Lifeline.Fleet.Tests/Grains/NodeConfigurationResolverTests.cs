using Lifeline.Drivers;
using Lifeline.Fleet.Grains;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Operations;

namespace Lifeline.Fleet.Tests.Grains;

public sealed class NodeConfigurationResolverTests
{
    [Fact]
    public void AutoPrefersRedfishAndAnExplicitChoiceWins()
    {
        var node = new NodeDefinition { Name = "n1", IpmiUrl = "ipmi://bmc1", RedfishUrl = "redfish://bmc1" };

        var auto = NodeConfigurationResolver.SelectEndpoint(node, "c");
        var ipmi = NodeConfigurationResolver.SelectEndpoint(node with { Management = ManagementProtocol.Ipmi }, "c");

        Assert.Equal(("redfish", BmcScheme.Redfish), (auto.Protocol, auto.Target!.Scheme));
        Assert.Equal(("ipmi", BmcScheme.Ipmi), (ipmi.Protocol, ipmi.Target!.Scheme));
    }

    [Fact]
    public void AnExplicitProtocolWithoutItsUrlIsNotConfigured()
    {
        var node = new NodeDefinition { Name = "n1", IpmiUrl = "ipmi://bmc1", Management = ManagementProtocol.Redfish };

        var configuration = NodeConfigurationResolver.SelectEndpoint(node, "c");

        Assert.Equal(NodeCategories.NotConfigured, configuration.Error?.Category);
        Assert.Contains("no redfish_url", configuration.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFirstGroupNamingACredentialWinsAndTheUrlsUserOverridesItsUser()
    {
        var store = new InMemoryFleetStore();
        store.Put(new GroupDefinition { Name = "all" , Credential = "fallback" });
        store.Put(new GroupDefinition { Name = "rack1", Credential = "rack1-bmc" });
        store.Put(new GroupDefinition { Name = "gpu" });
        store.PutCredential("rack1-bmc", "rackadmin", "pw1");
        store.PutCredential("fallback", "other", "pw2");
        store.Put(new NodeDefinition { Name = "n1", IpmiUrl = "ipmi://bmc1", Groups = ["gpu", "rack1", "all"] });
        store.Put(new NodeDefinition { Name = "n2", IpmiUrl = "ipmi://operator@bmc2", Groups = ["rack1"] });

        var (n1, password) = await NodeConfigurationResolver.ResolveAsync(store, "n1", CancellationToken.None);
        var (n2, _) = await NodeConfigurationResolver.ResolveAsync(store, "n2", CancellationToken.None);

        Assert.Equal(("rack1-bmc", "rackadmin"), (n1.Credential, n1.Target!.User));
        Assert.Equal("pw1"u8.ToArray(), password!.Bytes.ToArray());
        Assert.Equal(("rack1-bmc", "operator"), (n2.Credential, n2.Target!.User));
    }

    [Fact]
    public async Task AMissingNodeIsUnknown()
    {
        var (configuration, password) = await NodeConfigurationResolver.ResolveAsync(new InMemoryFleetStore(), "ghost", CancellationToken.None);

        Assert.Equal(NodeCategories.UnknownNode, configuration.Error?.Category);
        Assert.Null(password);
    }
}
