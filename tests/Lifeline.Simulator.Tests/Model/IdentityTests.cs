using System.Net;
using System.Text;
using Lifeline.Simulator.Model;
using static Lifeline.Simulator.Tests.Model.TestNodes;

namespace Lifeline.Simulator.Tests.Model;

public class IdentityTests
{
    [Fact]
    public void DefaultUsersHaveTheirSlotsAndPrivileges()
    {
        var node = On(Clock());

        var users = node.Users;
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, users.Select(u => u.Id));
        Assert.False(node.GetUser(1)!.Enabled);
        Assert.Equal(("admin", PrivilegeLevel.Administrator), (node.GetUser(2)!.Name, node.GetUser(2)!.Privilege));
        Assert.Equal(("operator", PrivilegeLevel.Operator), (node.GetUser(3)!.Name, node.GetUser(3)!.Privilege));
        Assert.Equal(("readonly", PrivilegeLevel.User), (node.GetUser(4)!.Name, node.GetUser(4)!.Privilege));
        Assert.Null(node.FindUser("")); // the null user is disabled
        Assert.True(node.FindUser("admin")!.PasswordMatches("admin"u8));
        Assert.False(node.FindUser("admin")!.PasswordMatches("wrong"u8));
        Assert.Same(node.GetUser(3), node.FindUser("operator"u8));
    }

    [Fact]
    public void UserTextNeverShowsThePassword()
    {
        var options = Quiet with { AdminPassword = "hunter2-secret" };
        var node = On(Clock(), options);

        Assert.DoesNotContain("hunter2", node.GetUser(2)!.ToString());
        Assert.DoesNotContain("hunter2", options.ToString());
        Assert.DoesNotContain("hunter2", new BmcFleetOptions { Password = "hunter2" }.ToString());
    }

    [Fact]
    public void EditingOneNodesUsersLeavesTheOthersAlone()
    {
        var fleet = new BmcFleetModel(new BmcFleetOptions { Count = 2 }, Clock());

        fleet[0].SetUserPassword(2, "changed");
        fleet[0].SetUserName(5, "extra");
        fleet[0].SetUserEnabled(5, true);

        Assert.True(fleet[0].FindUser("admin")!.PasswordMatches("changed"u8));
        Assert.True(fleet[1].FindUser("admin")!.PasswordMatches("admin"u8));
        Assert.NotNull(fleet[0].FindUser("extra"));
        Assert.Null(fleet[1].FindUser("extra"));
    }

    [Fact]
    public void DeviceIdentityFollowsThePersonality()
    {
        var generic = On(Clock());
        var dell = On(Clock(), Quiet with { Personality = VendorPersonality.DellLike });
        var hpe = On(Clock(), Quiet with { Personality = VendorPersonality.HpeLike });

        Assert.Equal((byte)2, generic.Identity.IpmiVersionMajor);
        Assert.Equal((byte)0, generic.Identity.IpmiVersionMinor);
        Assert.Equal(32473u, generic.Identity.ManufacturerId);
        Assert.Equal(674u, dell.Identity.ManufacturerId);
        Assert.Equal("Dell Inc.", dell.Fru.Product.Manufacturer);
        Assert.False(hpe.Faults.AcceptsCipherSuite(17));
        Assert.True(hpe.Vendor.Quirks.HasFlag(VendorQuirks.OmitsFrontPanelByte));
    }

    [Fact]
    public void FruSerialsAndGuidDifferPerNode()
    {
        var clock = Clock();
        var a = On(clock, index: 0);
        var b = On(clock, index: 1);

        Assert.NotEqual(a.Fru.Product.SerialNumber, b.Fru.Product.SerialNumber);
        Assert.NotEqual(a.Fru.Board.SerialNumber, b.Fru.Board.SerialNumber);
        Assert.NotEqual(a.Fru.Chassis.SerialNumber, b.Fru.Chassis.SerialNumber);
        Assert.NotEqual(a.SystemGuid, b.SystemGuid);
        Assert.Equal(4, a.SystemGuid.Version);
        Assert.Equal(FruChassisInfo.RackMountChassis, a.Fru.Chassis.Type);
        Assert.Equal(0, a.Fru.Board.ManufacturedAt.Second);
    }

    [Fact]
    public void LanConfigurationDerivesFromTheIndex()
    {
        var node = On(Clock(), index: 300);

        var lan = node.Lan;
        Assert.Equal(IPAddress.Parse("127.1.1.45"), lan.Address);
        Assert.Equal(IpAddressSource.Static, lan.Source);
        Assert.Equal(IPAddress.Parse("255.0.0.0"), lan.SubnetMask);
        Assert.Equal("024C4C00012C", lan.MacAddress.ToString());
        Assert.Equal(0x02, lan.MacAddress.GetAddressBytes()[0] & 0x03); // locally administered, unicast
        Assert.False(lan.VlanEnabled);

        node.Lan = lan with { VlanId = 42 };
        Assert.True(node.Lan.VlanEnabled);
    }

    [Fact]
    public void BmcRebootBumpsTheEpochAndComesBackAfterItsDuration()
    {
        var clock = Clock();
        var node = On(clock);

        node.RebootBmc();
        Assert.Equal(1, node.BmcEpoch);
        Assert.False(node.IsBmcAvailable);
        Assert.True(node.IsPoweredOn); // the host does not notice

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(node.IsBmcAvailable);

        node.Faults = node.Faults with { Hung = true };
        Assert.False(node.IsBmcAvailable);
    }
}
