using System.Text.Json.Nodes;
using Lifeline.Redfish.Actions;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Operations;

// VirtualMedia (VirtualMedia.v1_6_3): under Managers/{id}/VirtualMedia on older services, under Systems/{id}/VirtualMedia
// since Redfish 2021.1 — both exist in the field, so both are searched. InsertMedia/EjectMedia actions when offered,
// else PATCH of Image/Inserted (VirtualMedia.v1_0 services).
public sealed partial class RedfishBmc
{
    public async Task<IReadOnlyList<VirtualMedia>> ListVirtualMediaAsync(CancellationToken ct = default)
    {
        var all = new List<VirtualMedia>();
        foreach (var s in await ListSystemsAsync(ct).ConfigureAwait(false))
        {
            all.AddRange(await ListAsync<VirtualMedia>(s.VirtualMedia, ct).ConfigureAwait(false));
        }
        foreach (var m in await ListManagersAsync(ct).ConfigureAwait(false))
        {
            all.AddRange(await ListAsync<VirtualMedia>(m.VirtualMedia, ct).ConfigureAwait(false));
        }
        return all;
    }

    /// <summary>Inserts <paramref name="imageUrl"/> into the first free device of <paramref name="type"/> (CD by default, DVD also fits).</summary>
    public async Task<VirtualMedia> InsertMediaAsync(string imageUrl, VirtualMediaType type = VirtualMediaType.CD, CancellationToken ct = default)
    {
        var devices = await ListVirtualMediaAsync(ct).ConfigureAwait(false);
        if (devices.Count == 0)
        {
            throw new RedfishException(RedfishError.NotSupported, "the service has no VirtualMedia");
        }
        bool Fits(VirtualMedia d) => d.MediaTypes?.Any(t => t == type || (type == VirtualMediaType.CD && t == VirtualMediaType.DVD)) ?? false;
        var device = devices.FirstOrDefault(d => Fits(d) && d.Inserted != true) ?? devices.FirstOrDefault(Fits)
            ?? throw new RedfishException(RedfishError.NotSupported, $"no virtual media device takes {type}");
        if (RedfishAction.Find(device, "VirtualMedia.InsertMedia") is not null)
        {
            await Client.InvokeActionAsync(device, "VirtualMedia.InsertMedia",
                new JsonObject { ["Image"] = imageUrl, ["Inserted"] = true, ["WriteProtected"] = true }, null, ct).ConfigureAwait(false);
        }
        else
        {
            await Client.PatchAsync(device.ODataId!, new JsonObject { ["Image"] = imageUrl, ["Inserted"] = true }, device.ETag, null, ct)
                .ConfigureAwait(false);
        }
        return await Client.GetAsync<VirtualMedia>(device.ODataId!, ct).ConfigureAwait(false);
    }

    /// <summary>Ejects every inserted virtual medium; returns how many were ejected.</summary>
    public async Task<int> EjectMediaAsync(CancellationToken ct = default)
    {
        var ejected = 0;
        foreach (var device in await ListVirtualMediaAsync(ct).ConfigureAwait(false))
        {
            if (device.Inserted != true && string.IsNullOrEmpty(device.Image))
            {
                continue;
            }
            if (RedfishAction.Find(device, "VirtualMedia.EjectMedia") is not null)
            {
                await Client.InvokeActionAsync(device, "VirtualMedia.EjectMedia", [], null, ct).ConfigureAwait(false);
            }
            else
            {
                await Client.PatchAsync(device.ODataId!, new JsonObject { ["Image"] = null, ["Inserted"] = false }, device.ETag, null, ct)
                    .ConfigureAwait(false);
            }
            ejected++;
        }
        return ejected;
    }
}
