using Lifeline.Redfish;
using Lifeline.Redfish.Tasks;

namespace Lifeline.Drivers.Redfish;

// firmware list — UpdateService.FirmwareInventory (SoftwareInventory.v1_10_0); firmware update — SimpleUpdate for a
// URL (the BMC fetches it), MultipartHttpPushUri (or legacy HttpPushUri) for a file; the task is followed to its end.
public sealed partial class RedfishBmcBackend
{
    /// <summary>A request may wait this long at least during an update (upload, or a slow task poll).</summary>
    private static readonly TimeSpan UpdateRequestTimeout = TimeSpan.FromSeconds(120);

    public Task<FirmwareListResult> ListFirmwareAsync(BmcTarget target, ConnectionSettings connection, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var list = await bmc.GetFirmwareInventoryAsync(cancellationToken).ConfigureAwait(false);
            return new FirmwareListResult(list.Select(f => new FirmwareComponent(f.Id, f.Name, f.Version, f.Updateable)).ToList());
        });

    public Task<FirmwareUpdateResult> UpdateFirmwareAsync(BmcTarget target, ConnectionSettings connection, FirmwareUpdateRequest request,
        CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            ArgumentNullException.ThrowIfNull(request);
            RedfishOutcome outcome;
            if (request.ImageUrl is { } url)
            {
                outcome = await bmc.SimpleUpdateAsync(url, ct: cancellationToken).ConfigureAwait(false);
            }
            else if (request.ImageFile is { } file)
            {
                var image = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                outcome = await bmc.PushFirmwareAsync(image, Path.GetFileName(file), ct: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new ArgumentException("firmware update needs an image URL or file", nameof(request));
            }

            if (outcome.Task is not { } task)
            {
                return new FirmwareUpdateResult("accepted", null, null, null);
            }

            var message = task.Messages.Count > 0 ? task.Messages[^1].Message : null;
            return new FirmwareUpdateResult(Word(task.State), task.PercentComplete, message, task.TaskUri);
        }, UpdateRequestTimeout);
}
