using System.Text.Json;

namespace Lifeline.Server.Apis.Models;

/// <summary><c>POST /ops/{verb}</c> body: the noderange and the verb's arguments (see docs/api.md).</summary>
public sealed record OperationRequest(
    string? Noderange,
    string? Action = null,
    string? Device = null,
    bool? Persistent = null,
    bool? Efi = null,
    string? Mode = null,
    int? Seconds = null);

/// <summary>A node's cached state as answered by <c>GET /state</c>.</summary>
public sealed record StateView(string Node, string Protocol, string? Power, string Health, string Reachability, DateTimeOffset? CheckedAt, Operations.ErrorBody? LastError);

/// <summary>An audit entry as answered: <c>details</c> is the JSON object that was recorded.</summary>
public sealed record AuditView(long Id, DateTimeOffset Time, string Actor, string Source, string Action, string? Target, string Outcome, JsonElement? Details);
