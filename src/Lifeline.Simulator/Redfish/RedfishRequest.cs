using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;
using Microsoft.AspNetCore.Http;

namespace Lifeline.Simulator.Redfish;

/// <summary>One request as the node's handlers see it: method, path segments under /redfish/v1, parsed body, caller.</summary>
internal sealed class RedfishRequest
{
    public required HttpContext Http { get; init; }
    public required string Method { get; init; }

    /// <summary>The path without a trailing slash, e.g. "/redfish/v1/Systems/1".</summary>
    public required string Path { get; init; }

    /// <summary>Segments after "/redfish/v1" (empty for the service root); null outside /redfish/v1.</summary>
    public required string[]? Segments { get; init; }

    public JsonNode? Body { get; init; }

    public BmcUser? User { get; set; }
    public RedfishSession? Session { get; set; }

    public bool IsGet => Method is "GET" or "HEAD";

    /// <summary>The body as an object, or an empty one (actions without parameters).</summary>
    public JsonObject BodyObject => Body as JsonObject ?? [];
}

/// <summary>A login session (Session.v1_6_0): its token, its user and when it was last used.</summary>
internal sealed class RedfishSession(string id, string token, BmcUser user, DateTimeOffset created)
{
    public string Id { get; } = id;
    public string Token { get; } = token;
    public BmcUser User { get; } = user;
    public DateTimeOffset Created { get; } = created;
    public DateTimeOffset LastUsed { get; set; } = created;
}
