using System.Text.Json;

namespace Lifeline.Cli.Fleet;

/// <summary>One line of an operation stream: <c>{"node","ok","error","result"}</c> (docs/api.md).</summary>
public sealed record FleetLine(string Node, bool Ok, FleetError? Error, JsonElement? Result);

/// <summary>Why a node failed, as the service says it: <c>{category, message, next}</c>.</summary>
public sealed record FleetError(string Category, string Message, string? Next);
