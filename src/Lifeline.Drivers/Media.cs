namespace Lifeline.Drivers;

/// <summary><c>media insert URL</c>: attach an image to the BMC's virtual CD/DVD (Redfish VirtualMedia.InsertMedia).</summary>
/// <param name="ImageUrl">The image the BMC mounts.</param>
public sealed record MediaInsertRequest(string ImageUrl);
