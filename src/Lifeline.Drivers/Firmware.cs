namespace Lifeline.Drivers;

/// <summary>One firmware component (Redfish SoftwareInventory under UpdateService.FirmwareInventory).</summary>
/// <param name="Id">The inventory member's Id ("BMC", "BIOS").</param>
/// <param name="Name">Its name, when given.</param>
/// <param name="Version">The running version, when given.</param>
/// <param name="Updateable">Whether the service can update it, when it says.</param>
public sealed record FirmwareComponent(string Id, string? Name, string? Version, bool? Updateable);

/// <summary><c>firmware list</c>: every firmware component of one BMC.</summary>
public sealed record FirmwareListResult(IReadOnlyList<FirmwareComponent> Components);

/// <summary>
/// <c>firmware update --image FILE|URL</c>: a URL goes to UpdateService.SimpleUpdate (the BMC fetches it), a file is
/// pushed with a multipart upload.
/// </summary>
/// <param name="ImageUrl">An http(s)/ftp/... URL the BMC fetches, or null.</param>
/// <param name="ImageFile">A local file to upload, or null.</param>
/// <param name="Wait">Follow the update task to its end (the default) instead of returning once accepted.</param>
public sealed record FirmwareUpdateRequest(string? ImageUrl, string? ImageFile, bool Wait = true);

/// <summary>How a firmware update ended (or where it was when not waited for).</summary>
/// <param name="State">The task state in words ("completed", "running"), or "accepted" when there was no task.</param>
/// <param name="PercentComplete">The task's last percentage, when it gave one.</param>
/// <param name="Message">The last task message, when there was one.</param>
/// <param name="Task">The task URI, when the service created one.</param>
public sealed record FirmwareUpdateResult(string State, int? PercentComplete, string? Message, string? Task);
