using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Lifeline.Simulator.Redfish;

// UpdateService.v1_12_0 (SimpleUpdate and MultipartHttpPushUri, DSP0266 1.20 §12.6.3), SoftwareInventory.v1_10_0,
// TaskService.v1_2_0 / Task.v1_7_3 with task monitors (§12.2: 202 Accepted + Location of the monitor; GET on it
// answers 202 while the task runs, then the finished task).
public sealed partial class RedfishNode
{
    private const string UpdateUri = Root + "/UpdateService";
    private readonly Dictionary<string, RedfishTask> _tasks = new(StringComparer.Ordinal);
    private int _nextTaskId;

    private JsonObject UpdateService() => new()
    {
        ["@odata.id"] = UpdateUri,
        ["@odata.type"] = "#UpdateService.v1_12_0.UpdateService",
        ["Id"] = "UpdateService",
        ["Name"] = "Update Service",
        ["ServiceEnabled"] = true,
        ["MaxImageSizeBytes"] = _options.MaxRequestBodyBytes,
        ["MultipartHttpPushUri"] = UpdateUri + "/upload",
        ["FirmwareInventory"] = RedfishJson.Link(UpdateUri + "/FirmwareInventory"),
        ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        ["Actions"] = new JsonObject
        {
            ["#UpdateService.SimpleUpdate"] = new JsonObject
            {
                ["target"] = UpdateUri + "/Actions/UpdateService.SimpleUpdate",
                ["TransferProtocol@Redfish.AllowableValues"] = new JsonArray("HTTP", "HTTPS"),
            },
        },
    };

    private static JsonObject FirmwareInventory() => RedfishJson.Collection(UpdateUri + "/FirmwareInventory",
        "#SoftwareInventoryCollection.SoftwareInventoryCollection", "Firmware Inventory",
        [UpdateUri + "/FirmwareInventory/BMC", UpdateUri + "/FirmwareInventory/BIOS"]);

    private JsonObject? SoftwareInventory(string id)
    {
        (string Name, string Version, bool Updateable, string Related)? item = id switch
        {
            "BMC" => ("BMC Firmware", Model.FirmwareVersion, true, ManagerUri),
            "BIOS" => ("System BIOS", Model.Vendor.BiosVersion, false, SystemUri),
            _ => null,
        };
        if (item is not { } i)
        {
            return null;
        }
        return new JsonObject
        {
            ["@odata.id"] = $"{UpdateUri}/FirmwareInventory/{id}",
            ["@odata.type"] = "#SoftwareInventory.v1_10_0.SoftwareInventory",
            ["Id"] = id,
            ["Name"] = i.Name,
            ["Version"] = i.Version,
            ["Updateable"] = i.Updateable,
            ["SoftwareId"] = $"{Model.Vendor.Manufacturer}-{id}",
            ["Manufacturer"] = Model.Vendor.Manufacturer,
            ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
            ["RelatedItem"] = new JsonArray(RedfishJson.Link(i.Related)),
        };
    }

    /// <summary>SimpleUpdate by URI. The image is never fetched (no traffic leaves the service): the new version
    /// is read from the URI's file name ("bmc-1.43.bin" → 1.43), else the minor number goes up by one.</summary>
    private RedfishResponse SimpleUpdate(RedfishRequest r)
    {
        const string action = "UpdateService.SimpleUpdate";
        if (r.BodyObject["ImageURI"] is not JsonValue v || !v.TryGetValue(out string? image) || image.Length == 0)
        {
            return BaseMessages.ActionParameterMissing(action, "ImageURI");
        }
        if (r.BodyObject["TransferProtocol"] is JsonValue tp && tp.TryGetValue(out string? protocol) && protocol is not ("HTTP" or "HTTPS"))
        {
            return BaseMessages.ActionParameterValueNotInList(protocol, "TransferProtocol", action);
        }
        string fileName = Uri.TryCreate(image, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : image;
        return StartUpdate(VersionIn(fileName));
    }

    private async Task<RedfishResponse> MultipartUpdateAsync(RedfishRequest r)
    {
        if (Require(r, Privilege.ConfigureManager) is { } denied)
        {
            return denied;
        }
        var request = r.Http.Request;
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mt)
            ? HeaderUtilities.RemoveQuotes(mt.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return BaseMessages.Error(400, "UnsupportedMediaType", "The content type of the request body is not supported; use multipart/form-data.",
                "Resubmit the request with a multipart/form-data body with UpdateParameters and UpdateFile parts.");
        }
        var reader = new MultipartReader(boundary, request.Body);
        string? version = null;
        bool sawFile = false;
        while (await reader.ReadNextSectionAsync(r.Http.RequestAborted).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var cd))
            {
                continue;
            }
            string name = HeaderUtilities.RemoveQuotes(cd.Name).Value ?? "";
            if (name == "UpdateFile")
            {
                sawFile = true;
                var head = new byte[4096];
                int n = await section.Body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, r.Http.RequestAborted).ConfigureAwait(false);
                await section.Body.CopyToAsync(Stream.Null, r.Http.RequestAborted).ConfigureAwait(false);
                version = VersionIn(Encoding.ASCII.GetString(head, 0, n), fallback: null)
                    ?? VersionIn(HeaderUtilities.RemoveQuotes(cd.FileName).Value ?? "");
            }
            else
            {
                await section.Body.CopyToAsync(Stream.Null, r.Http.RequestAborted).ConfigureAwait(false);
            }
        }
        return sawFile ? StartUpdate(version!) : BaseMessages.ActionParameterMissing("MultipartHttpPushUri", "UpdateFile");
    }

    private string VersionIn(string text) => VersionIn(text, BumpedVersion())!;

    private static string? VersionIn(string text, string? fallback)
    {
        var m = Regex.Match(text, @"(?<![\d.])(\d{1,3}\.\d{1,3}(?:\.\d{1,4})?)(?![\d])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return m.Success ? m.Groups[1].Value : fallback;
    }

    private string BumpedVersion()
    {
        var id = Model.Identity;
        int minor = id.FirmwareMinor + 1;
        return minor > 99
            ? $"{id.FirmwareMajor + 1}.00"
            : string.Create(CultureInfo.InvariantCulture, $"{id.FirmwareMajor}.{minor:D2}");
    }

    private RedfishResponse StartUpdate(string version)
    {
        var faults = Faults;
        var duration = _options.UpdateTaskDuration * Math.Max(faults.TaskSlowdown, 0.001);
        RedfishTask task;
        lock (_gate)
        {
            string id = (++_nextTaskId).ToString(CultureInfo.InvariantCulture);
            task = new RedfishTask(id, $"Firmware update to {version}", _time, duration, () =>
            {
                if (faults.FailUpdates)
                {
                    return $"The firmware image {version} failed verification (injected fault).";
                }
                Model.ApplyFirmwareUpdate(version);
                return null;
            });
            _tasks[id] = task;
        }
        var response = new RedfishResponse(202, task.ToJson());
        response.Headers["Location"] = task.MonitorUri;
        response.Headers["Retry-After"] = Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds / 4)).Invariant();
        return response;
    }

    private RedfishTask? FindTask(string id)
    {
        lock (_gate)
        {
            return _tasks.GetValueOrDefault(id);
        }
    }

    private JsonObject TaskService() => new()
    {
        ["@odata.id"] = Root + "/TaskService",
        ["@odata.type"] = "#TaskService.v1_2_0.TaskService",
        ["Id"] = "TaskService",
        ["Name"] = "Task Service",
        ["ServiceEnabled"] = true,
        ["DateTime"] = RedfishJson.Time(_time.GetUtcNow()),
        ["CompletedTaskOverWritePolicy"] = "Oldest",
        ["LifeCycleEventOnTaskStateChange"] = false,
        ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        ["Tasks"] = RedfishJson.Link(Root + "/TaskService/Tasks"),
    };

    private JsonObject TaskCollection()
    {
        lock (_gate)
        {
            return RedfishJson.Collection(Root + "/TaskService/Tasks", "#TaskCollection.TaskCollection", "Task Collection",
                _tasks.Values.Select(t => t.Uri));
        }
    }

    private JsonObject? TaskResource(string id) => FindTask(id)?.ToJson();

    /// <summary>DSP0266 §12.2.3: the monitor answers 202 (with Location and Retry-After) until the task is done.</summary>
    private RedfishResponse TaskMonitor(string id)
    {
        if (FindTask(id) is not { } task)
        {
            return BaseMessages.ResourceNotFound(Root + "/TaskService/TaskMonitors/" + id);
        }
        var body = task.ToJson();
        if (task.IsDone)
        {
            return RedfishResponse.Ok(body);
        }
        return new RedfishResponse(202, body).With("Location", task.MonitorUri).With("Retry-After", "1");
    }
}
