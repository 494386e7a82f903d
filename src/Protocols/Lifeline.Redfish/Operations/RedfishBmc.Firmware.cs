using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tasks;

namespace Lifeline.Redfish.Operations;

// Firmware update (UpdateService.v1_14_0; DSP0266 v1.20 clause "Software update"):
//   SimpleUpdate action      POST {"ImageURI": ..., "TransferProtocol": ..., "Targets": [...]}: the BMC fetches
//   MultipartHttpPushUri     multipart/form-data: part "UpdateParameters" (application/json) + part "UpdateFile"
//   HttpPushUri (legacy)     the image as the whole application/octet-stream body
// Each answers 202 + a task, monitored to the end.
public sealed partial class RedfishBmc
{
    public async Task<UpdateService> GetUpdateServiceAsync(CancellationToken ct = default)
    {
        var root = await Client.GetServiceRootAsync(ct).ConfigureAwait(false);
        return await RequireAsync<UpdateService>(root.UpdateService, "UpdateService", ct).ConfigureAwait(false);
    }

    /// <summary>UpdateService.SimpleUpdate: the BMC downloads <paramref name="imageUri"/> itself.</summary>
    public async Task<RedfishOutcome> SimpleUpdateAsync(string imageUri, TransferProtocolType? protocol = null, IReadOnlyList<string>? targets = null,
        IProgress<TaskProgress>? progress = null, CancellationToken ct = default)
    {
        var update = await GetUpdateServiceAsync(ct).ConfigureAwait(false);
        var body = new JsonObject { ["ImageURI"] = imageUri };
        if (protocol is { } p)
        {
            body["TransferProtocol"] = p.ToString();
        }
        if (targets is { Count: > 0 })
        {
            body["Targets"] = new JsonArray(targets.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }
        return await Client.InvokeActionAsync(update, "UpdateService.SimpleUpdate", body, progress, ct).ConfigureAwait(false);
    }

    /// <summary>Uploads an image: MultipartHttpPushUri when offered, else the legacy HttpPushUri.</summary>
    public async Task<RedfishOutcome> PushFirmwareAsync(ReadOnlyMemory<byte> image, string fileName, IReadOnlyList<string>? targets = null,
        IProgress<TaskProgress>? progress = null, CancellationToken ct = default)
    {
        var update = await GetUpdateServiceAsync(ct).ConfigureAwait(false);
        if (update.MaxImageSizeBytes is { } max && image.Length > max)
        {
            throw new RedfishException(RedfishError.InvalidRequest, $"the image has {image.Length} bytes; this BMC takes at most {max}");
        }
        if (update.MultipartHttpPushUri is { Length: > 0 } multipart)
        {
            var parameters = new JsonObject { ["@Redfish.OperationApplyTime"] = "Immediate" };
            if (targets is { Count: > 0 })
            {
                parameters["Targets"] = new JsonArray(targets.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
            }
            var json = parameters.ToJsonString();
            return await Client.PostContentAsync(multipart, () =>
            {
                var form = new MultipartFormDataContent();
                var p = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
                form.Add(p, "UpdateParameters");
                var file = new ReadOnlyMemoryContent(image);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, "UpdateFile", fileName);
                return form;
            }, progress, ct).ConfigureAwait(false);
        }
        if (update.HttpPushUri is { Length: > 0 } push)
        {
            return await Client.PostContentAsync(push, () =>
            {
                var file = new ReadOnlyMemoryContent(image);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return file;
            }, progress, ct).ConfigureAwait(false);
        }
        throw new RedfishException(RedfishError.NotSupported, "the UpdateService offers no push URI (MultipartHttpPushUri or HttpPushUri); use SimpleUpdate");
    }
}
