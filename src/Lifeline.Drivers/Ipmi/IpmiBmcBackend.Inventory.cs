using System.Net.NetworkInformation;
using Lifeline.Ipmi;
using Lifeline.Ipmi.Client;
using Lifeline.Ipmi.Commands.Transport;
using Lifeline.Ipmi.Fru;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Operations;

namespace Lifeline.Drivers.Ipmi;

// inventory — FRU device 0 (IPMI v2.0 §34, Platform Management FRU Information Storage Definition v1.0), Get Device
// ID (§20.1) and the LAN channel's configuration (§23.2).
public sealed partial class IpmiBmcBackend
{
    /// <summary>The LAN channel asked for (naming it explicitly: some BMCs mishandle 0Eh "this channel").</summary>
    private const byte LanChannel = 1;

    public Task<InventoryResult> ReadInventoryAsync(BmcTarget target, ConnectionSettings settings, CancellationToken cancellationToken) =>
        WithSessionAsync(target, settings, PrivilegeLevel.Operator, async session =>
        {
            var image = await new FruReader(session, _time).ReadAsync(0, cancellationToken).ConfigureAwait(false);
            var fru = FruInventory.Parse(image);
            var id = await session.ExecuteAsync(Lifeline.Ipmi.Commands.App.GetDeviceId.Instance, cancellationToken).ConfigureAwait(false);
            var lan = await ReadLanAsync(session, cancellationToken).ConfigureAwait(false);
            return ToResult(fru) with
            {
                Bmc = ToBmcInfo(id, systemGuid: null),
                Lan = lan,
            };
        }, cancellationToken);

    private static async Task<LanResult?> ReadLanAsync(IpmiSession session, CancellationToken cancellationToken)
    {
        async Task<T?> Optional<T>(Func<Task<T>> read)
            where T : class
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (IpmiException e) when (e.Error is IpmiError.CompletionCode or IpmiError.MalformedResponse)
            {
                return null; // 80h: parameter not supported on this BMC
            }
        }

        var ip = await Optional(() => session.GetLanIpAddressAsync(LanChannel, cancellationToken)).ConfigureAwait(false);
        if (ip is null)
        {
            return null;
        }
        var source = await Optional(async () => (object)await session.GetLanIpAddressSourceAsync(LanChannel, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var mac = await Optional(() => session.GetLanMacAddressAsync(LanChannel, cancellationToken)).ConfigureAwait(false);
        var mask = await Optional(() => session.GetLanSubnetMaskAsync(LanChannel, cancellationToken)).ConfigureAwait(false);
        var gateway = await Optional(() => session.GetLanDefaultGatewayAsync(LanChannel, cancellationToken)).ConfigureAwait(false);
        var vlan = await Optional(async () => (object)await session.GetLanVlanAsync(LanChannel, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return new LanResult(LanChannel, ip.ToString(), source is IpAddressSource s ? SourceText(s) : null, mac is null ? null : MacText(mac),
            mask?.ToString(), gateway?.ToString(), vlan is LanVlan { Enabled: true } v ? v.Id : null);
    }

    private static string SourceText(IpAddressSource source) => source switch
    {
        IpAddressSource.Static => "static",
        IpAddressSource.Dhcp => "dhcp",
        IpAddressSource.BiosOrSystemSoftware => "bios",
        IpAddressSource.Other => "other",
        _ => "unspecified",
    };

    private static string MacText(PhysicalAddress mac) => string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    internal static InventoryResult ToResult(FruInventory fru)
    {
        static string? T(FruField? f) => f is null || string.IsNullOrWhiteSpace(f.Text) ? null : f.Text.Trim();
        static IReadOnlyList<string>? Extra(IReadOnlyList<FruField> custom) => custom.Count == 0 ? null : custom.Select(c => c.Text).ToArray();
        var chassis = fru.Chassis is { } c ? new FruChassis(c.ChassisTypeText, T(c.PartNumber), T(c.SerialNumber), Extra(c.Custom)) : null;
        var board = fru.Board is { } b ? new FruBoard(b.ManufacturedAt, T(b.Manufacturer), T(b.ProductName), T(b.SerialNumber), T(b.PartNumber), Extra(b.Custom)) : null;
        var product = fru.Product is { } p
            ? new FruProduct(T(p.Manufacturer), T(p.ProductName), T(p.PartNumber), T(p.Version), T(p.SerialNumber), T(p.AssetTag), Extra(p.Custom))
            : null;
        return new InventoryResult(chassis, board, product);
    }
}
