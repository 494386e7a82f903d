using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;
using Microsoft.AspNetCore.Http;

namespace Lifeline.Simulator.Redfish;

/// <summary>
/// The Redfish service of one simulated node (DSP0266 1.20, Redfish 1.17 data model), backed by its
/// <see cref="BmcModel"/>: the request pipeline (reboot/hang, latency, error bursts, authentication, routing) lives
/// here, the resources in the partial files named after them.
/// </summary>
public sealed partial class RedfishNode
{
    private const string Root = "/redfish/v1";
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly RedfishFaceOptions _options;
    private readonly MockupPersonality? _mockup;
    private RedfishFaults _faults;
    private long _requests;
    private int _epoch;

    internal RedfishNode(BmcModel model, IPEndPoint endPoint, bool https, RedfishFaceOptions options,
        MockupPersonality? mockup, int? ipmiPort)
    {
        Model = model;
        EndPoint = endPoint;
        _options = options;
        _time = model.TimeProvider;
        _faults = options.Faults;
        _mockup = mockup;
        _epoch = model.BmcEpoch;
        IpmiPort = ipmiPort;
        BaseUrl = new Uri($"{(https ? "https" : "http")}://{endPoint}/redfish/v1/");
        InitializeBios();
    }

    public BmcModel Model { get; }

    /// <summary>Where this node's service listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The service root, e.g. https://127.0.1.1/redfish/v1/.</summary>
    public Uri BaseUrl { get; }

    internal int? IpmiPort { get; }

    /// <summary>Redfish-level fault injection for this node; takes effect with the next request.</summary>
    public RedfishFaults Faults
    {
        get => Volatile.Read(ref _faults);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _faults, value);
        }
    }

    internal async Task HandleAsync(HttpContext http)
    {
        ForgetStateAfterBmcReboot();
        if (!Model.IsBmcAvailable)
        {
            if (Model.Faults.Hung)
            {
                // A hung BMC accepts the connection and never answers.
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, _time, http.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                return;
            }
            http.Abort(); // rebooting: nobody home
            return;
        }
        var faults = Faults;
        var latency = Model.Faults.AddedLatency + faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _time, http.RequestAborted).ConfigureAwait(false);
        }
        http.Response.Headers["OData-Version"] = "4.0";
        http.Response.Headers.CacheControl = "no-cache";
        long n = Interlocked.Increment(ref _requests);
        RedfishResponse response;
        RedfishRequest? request = null;
        if (faults.Burst is { } burst && burst.Hits(n))
        {
            response = BaseMessages.ServiceTemporarilyUnavailable(burst.Status, (int)Math.Ceiling(burst.RetryAfter.TotalSeconds));
        }
        else
        {
            (request, response) = await ReadRequestAsync(http).ConfigureAwait(false);
            if (request is not null)
            {
                if (request.Segments is ["EventService", "SSE"] && request.IsGet && Authenticate(request) is null)
                {
                    await StreamEventsAsync(request).ConfigureAwait(false);
                    return;
                }
                response = await DispatchAsync(request).ConfigureAwait(false);
            }
        }
        await WriteAsync(http, response).ConfigureAwait(false);
        if (request is not null && !request.IsGet)
        {
            CheckForEvents(); // what this request changed is announced at once
        }
    }

    private async Task<(RedfishRequest?, RedfishResponse)> ReadRequestAsync(HttpContext http)
    {
        string path = http.Request.Path.Value ?? "/";
        while (path.Length > 1 && path.EndsWith('/'))
        {
            path = path[..^1];
        }
        string[]? segments = null;
        if (path == Root)
        {
            segments = [];
        }
        else if (path.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            segments = path[(Root.Length + 1)..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        }
        JsonNode? body = null;
        bool multipart = http.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
        if (!multipart && http.Request.Method is "POST" or "PATCH" or "PUT")
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            string text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    body = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    return (null, BaseMessages.MalformedJson());
                }
            }
        }
        var request = new RedfishRequest
        {
            Http = http,
            Method = http.Request.Method.ToUpperInvariant(),
            Path = path,
            Segments = segments,
            Body = body,
        };
        return (request, null!);
    }

    private async Task<RedfishResponse> DispatchAsync(RedfishRequest r)
    {
        if (r.Path == "/redfish")
        {
            return r.IsGet ? RedfishResponse.Ok(new JsonObject { ["v1"] = Root + "/" }) : BaseMessages.MethodNotAllowed(r.Method, r.Path, "GET, HEAD");
        }
        if (r.Segments is not { } s)
        {
            return BaseMessages.ResourceNotFound(r.Path);
        }
        // DSP0266 §13.2: the service root, $metadata, the OData service document and session creation need no authentication.
        switch (s)
        {
            case []:
                return Get(r, () => _mockup?.ServiceRoot(this) ?? ServiceRoot());
            case ["odata"]:
                return Get(r, ODataServiceDocument);
            case ["$metadata"]:
                return r.IsGet ? Metadata() : BaseMessages.MethodNotAllowed(r.Method, r.Path, "GET, HEAD");
            case ["SessionService", "Sessions"] when r.Method == "POST":
                return CreateSession(r);
        }
        if (Authenticate(r) is { } unauthorized)
        {
            return unauthorized;
        }
        if (_mockup?.MultipartHttpPushUri is { } pushUri && r.Method == "POST" && string.Equals(r.Path.TrimEnd('/'), pushUri, StringComparison.Ordinal))
        {
            return await MultipartUpdateAsync(r).ConfigureAwait(false);
        }
        if (_mockup is not null && _mockup.TryServe(this, r) is { } fromMockup)
        {
            return fromMockup;
        }
        if (s is ["UpdateService", "upload"] && r.Method == "POST")
        {
            return await MultipartUpdateAsync(r).ConfigureAwait(false);
        }
        return Route(r, s);
    }

    /// <summary>The generated tree (no personality, or what the personality leaves to the model).</summary>
    internal RedfishResponse Route(RedfishRequest r, string[] s) => s switch
    {
        ["Systems"] => Get(r, () => RedfishJson.Collection($"{Root}/Systems", "#ComputerSystemCollection.ComputerSystemCollection", "Computer System Collection", [SystemUri])),
        ["Systems", SystemId] => Resource(r, ComputerSystem, patch: () => PatchSystem(r)),
        ["Systems", SystemId, "Actions", "ComputerSystem.Reset"] => Post(r, () => ResetSystem(r)),
        ["Systems", SystemId, "Processors"] => Get(r, Processors),
        ["Systems", SystemId, "Processors", var id] => Get(r, () => Processor(id)),
        ["Systems", SystemId, "Memory"] => Get(r, MemoryCollection),
        ["Systems", SystemId, "Memory", var id] => Get(r, () => Dimm(id)),
        ["Systems", SystemId, "Bios"] => Get(r, Bios),
        ["Systems", SystemId, "Bios", "Settings"] => Resource(r, BiosSettings, patch: () => PatchBiosSettings(r)),
        ["Systems", SystemId, "Bios", "Actions", "Bios.ResetBios"] => Post(r, () => ResetBios(r)),
        ["Systems", SystemId, "LogServices"] => Get(r, () => RedfishJson.Collection($"{SystemUri}/LogServices", "#LogServiceCollection.LogServiceCollection", "System Log Services", [SelUri])),
        ["Systems", SystemId, "LogServices", "SEL"] => Get(r, SelLogService),
        ["Systems", SystemId, "LogServices", "SEL", "Entries"] => Get(r, () => SelEntries(r)),
        ["Systems", SystemId, "LogServices", "SEL", "Entries", var id] => Get(r, () => SelEntry(id)),
        ["Systems", SystemId, "LogServices", "SEL", "Actions", "LogService.ClearLog"] => Post(r, () => ClearSel(r)),
        ["Chassis"] => Get(r, () => RedfishJson.Collection($"{Root}/Chassis", "#ChassisCollection.ChassisCollection", "Chassis Collection", [ChassisUri])),
        ["Chassis", ChassisId] => Get(r, Chassis),
        ["Chassis", ChassisId, "Thermal"] => Get(r, Thermal),
        ["Chassis", ChassisId, "Power"] => Get(r, Power),
        ["Chassis", ChassisId, "Sensors"] => Get(r, SensorCollection),
        ["Chassis", ChassisId, "Sensors", var id] => Get(r, () => Sensor(id)),
        ["Managers"] => Get(r, () => RedfishJson.Collection($"{Root}/Managers", "#ManagerCollection.ManagerCollection", "Manager Collection", [ManagerUri])),
        ["Managers", ManagerId] => Get(r, Manager),
        ["Managers", ManagerId, "Actions", "Manager.Reset"] => Post(r, () => ResetManager(r)),
        ["Managers", ManagerId, "NetworkProtocol"] => Get(r, NetworkProtocol),
        ["Managers", ManagerId, "VirtualMedia"] => Get(r, VirtualMediaCollection),
        ["Managers", ManagerId, "VirtualMedia", var id] => Get(r, () => VirtualMedia(id)),
        ["Managers", ManagerId, "VirtualMedia", var id, "Actions", "VirtualMedia.InsertMedia"] => Post(r, () => InsertMedia(r, id)),
        ["Managers", ManagerId, "VirtualMedia", var id, "Actions", "VirtualMedia.EjectMedia"] => Post(r, () => EjectMedia(id)),
        ["Managers", ManagerId, "SerialInterfaces"] => Get(r, () => RedfishJson.Collection($"{ManagerUri}/SerialInterfaces", "#SerialInterfaceCollection.SerialInterfaceCollection", "Serial Interfaces", [$"{ManagerUri}/SerialInterfaces/1"])),
        ["Managers", ManagerId, "SerialInterfaces", "1"] => Get(r, SerialInterface),
        ["UpdateService"] => Get(r, UpdateService),
        ["UpdateService", "Actions", "UpdateService.SimpleUpdate"] => Post(r, () => SimpleUpdate(r), Privilege.ConfigureManager),
        ["UpdateService", "FirmwareInventory"] => Get(r, FirmwareInventory),
        ["UpdateService", "FirmwareInventory", var id] => Get(r, () => SoftwareInventory(id)),
        ["TaskService"] => Get(r, TaskService),
        ["TaskService", "Tasks"] => Get(r, TaskCollection),
        ["TaskService", "Tasks", var id] => Get(r, () => TaskResource(id)),
        ["TaskService", "TaskMonitors", var id] => r.IsGet ? TaskMonitor(id) : BaseMessages.MethodNotAllowed(r.Method, r.Path, "GET, HEAD"),
        ["EventService"] => Get(r, EventService),
        ["EventService", "Subscriptions"] => r.Method == "POST" ? Require(r, Privilege.ConfigureManager) ?? CreateSubscription(r) : Get(r, SubscriptionCollection),
        ["EventService", "Subscriptions", var id] => Resource(r, () => Subscription(id), delete: () => DeleteSubscription(id), deletePrivilege: Privilege.ConfigureManager),
        ["EventService", "Actions", "EventService.SubmitTestEvent"] => Post(r, () => SubmitTestEvent(r), Privilege.ConfigureManager),
        ["SessionService"] => Resource(r, SessionService, patch: () => PatchSessionService(r), patchPrivilege: Privilege.ConfigureManager),
        ["SessionService", "Sessions"] => Get(r, SessionCollection),
        ["SessionService", "Sessions", var id] => Resource(r, () => SessionResource(id), delete: () => DeleteSession(r, id), deletePrivilege: Privilege.Login),
        ["AccountService"] => Get(r, AccountService),
        ["AccountService", "Accounts"] => Get(r, AccountCollection),
        ["AccountService", "Accounts", var id] => Resource(r, () => Account(id), patch: () => PatchAccount(r, id), patchPrivilege: Privilege.ConfigureUsers),
        ["AccountService", "Roles"] => Get(r, RoleCollection),
        ["AccountService", "Roles", var id] => Get(r, () => Role(id)),
        _ => BaseMessages.ResourceNotFound(r.Path),
    };

    /// <summary>DSP0266 §13.3 / Redfish privilege registry: what a role may do.</summary>
    internal enum Privilege
    {
        Login,
        ConfigureComponents,
        ConfigureManager,
        ConfigureUsers,
    }

    private static bool Has(BmcUser user, Privilege privilege) => privilege switch
    {
        Privilege.Login => user.Privilege >= PrivilegeLevel.User,
        Privilege.ConfigureComponents => user.Privilege is >= PrivilegeLevel.Operator and < PrivilegeLevel.NoAccess,
        _ => user.Privilege is PrivilegeLevel.Administrator or PrivilegeLevel.Oem,
    };

    private static RedfishResponse? Require(RedfishRequest r, Privilege privilege) =>
        r.User is { } u && Has(u, privilege) ? null : BaseMessages.InsufficientPrivilege();

    /// <summary>GET (and HEAD) only; the body's absence means 404.</summary>
    private static RedfishResponse Get(RedfishRequest r, Func<JsonObject?> get) =>
        Resource(r, get);

    private static RedfishResponse Post(RedfishRequest r, Func<RedfishResponse> post, Privilege privilege = Privilege.ConfigureComponents) =>
        r.Method == "POST" ? Require(r, privilege) ?? post() : BaseMessages.MethodNotAllowed(r.Method, r.Path, "POST");

    /// <summary>A resource with GET and optional PATCH (If-Match honoured: 412 when the ETag is stale) and DELETE.</summary>
    private static RedfishResponse Resource(RedfishRequest r, Func<JsonObject?> get, Func<RedfishResponse>? patch = null,
        Func<RedfishResponse>? delete = null, Privilege patchPrivilege = Privilege.ConfigureComponents,
        Privilege deletePrivilege = Privilege.ConfigureComponents)
    {
        switch (r.Method)
        {
            case "GET" or "HEAD":
                return get() is { } body ? RedfishResponse.Ok(body) : BaseMessages.ResourceNotFound(r.Path);
            case "PATCH" when patch is not null:
                if (get() is not { } current)
                {
                    return BaseMessages.ResourceNotFound(r.Path);
                }
                if (Require(r, patchPrivilege) is { } denied)
                {
                    return denied;
                }
                if (r.Http.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch != "*"
                    && !ifMatch.Split(',').Select(t => t.Trim()).Contains(RedfishJson.ETag(current)))
                {
                    return BaseMessages.PreconditionFailed();
                }
                if (r.Body is not JsonObject)
                {
                    return BaseMessages.MalformedJson();
                }
                return patch();
            case "DELETE" when delete is not null:
                return get() is null ? BaseMessages.ResourceNotFound(r.Path) : Require(r, deletePrivilege) ?? delete();
            default:
                var allow = "GET, HEAD" + (patch is null ? "" : ", PATCH") + (delete is null ? "" : ", DELETE");
                return get() is null ? BaseMessages.ResourceNotFound(r.Path) : BaseMessages.MethodNotAllowed(r.Method, r.Path, allow);
        }
    }

    private static async Task WriteAsync(HttpContext http, RedfishResponse response)
    {
        var res = http.Response;
        res.StatusCode = response.Status;
        foreach (var (k, v) in response.Headers)
        {
            res.Headers[k] = v;
        }
        string? text = response.Text;
        if (response.Body is { } body)
        {
            text = body.ToJsonString();
            if (response.Status == 200 && http.Request.Method is "GET" or "HEAD")
            {
                res.Headers.ETag = RedfishJson.ETag(body);
            }
        }
        if (text is null)
        {
            return;
        }
        res.ContentType = response.ContentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        res.ContentLength = bytes.Length;
        if (http.Request.Method != "HEAD")
        {
            await res.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>A BMC reboot (model epoch bump) loses everything volatile: sessions, subscriptions, SSE streams, tasks.</summary>
    private void ForgetStateAfterBmcReboot()
    {
        int epoch = Model.BmcEpoch;
        if (epoch == Volatile.Read(ref _epoch))
        {
            return;
        }
        lock (_gate)
        {
            if (epoch == _epoch)
            {
                return;
            }
            _epoch = epoch;
            _sessions.Clear();
            _subscriptions.Clear();
            foreach (var listener in _sseListeners)
            {
                listener.Writer.TryComplete();
            }
            _sseListeners.Clear();
            foreach (var task in _tasks.Values)
            {
                task.Abandon();
            }
            _tasks.Clear();
            StopEventTimer();
        }
    }

    internal void Stop()
    {
        lock (_gate)
        {
            foreach (var listener in _sseListeners)
            {
                listener.Writer.TryComplete();
            }
            _sseListeners.Clear();
            foreach (var task in _tasks.Values)
            {
                task.Abandon();
            }
            StopEventTimer();
        }
    }

    public override string ToString() => $"{Model.Name} Redfish at {BaseUrl}";
}
