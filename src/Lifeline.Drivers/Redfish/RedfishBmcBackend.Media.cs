
namespace Lifeline.Drivers.Redfish;

// media insert|eject — VirtualMedia.InsertMedia / EjectMedia (VirtualMedia.v1_6_3) under Systems or Managers.
public sealed partial class RedfishBmcBackend
{
    public Task<ActionResult> InsertMediaAsync(BmcTarget target, ConnectionSettings connection, MediaInsertRequest request, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var device = await bmc.InsertMediaAsync(request.ImageUrl, ct: cancellationToken).ConfigureAwait(false);
            return new ActionResult($"{request.ImageUrl} inserted in {device.Id ?? device.Name ?? "virtual media"}");
        });

    public Task<ActionResult> EjectMediaAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            int ejected = await bmc.EjectMediaAsync(cancellationToken).ConfigureAwait(false);
            return new ActionResult(ejected == 0 ? "no media was inserted" : $"{ejected} virtual media ejected");
        });
}
