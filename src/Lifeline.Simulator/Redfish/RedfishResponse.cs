using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

/// <summary>One answer of the face: a status, an optional JSON (or text) body and extra headers.</summary>
internal sealed class RedfishResponse
{
    public RedfishResponse(int status, JsonNode? body = null)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }
    public JsonNode? Body { get; }

    /// <summary>A non-JSON body ($metadata).</summary>
    public string? Text { get; init; }

    public string ContentType { get; init; } = "application/json; charset=utf-8";

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static RedfishResponse Ok(JsonNode body) => new(200, body);

    public static RedfishResponse NoContent() => new(204);

    public static RedfishResponse Created(JsonObject body, string location)
    {
        var r = new RedfishResponse(201, body);
        r.Headers["Location"] = location;
        return r;
    }

    public RedfishResponse With(string header, string value)
    {
        Headers[header] = value;
        return this;
    }
}
