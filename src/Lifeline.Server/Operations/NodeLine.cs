using Lifeline.Drivers;
using Lifeline.Fleet.Operations;

namespace Lifeline.Server.Operations;

/// <summary>One node's line in an operation stream: <c>{"node","ok","error","result"}</c>.</summary>
public sealed record NodeLine(string Node, bool Ok, ErrorBody? Error, object? Result)
{
    internal static NodeLine From(NodeOutcome outcome) =>
        new(outcome.Node, outcome.Ok, ErrorBody.From(outcome.Error), outcome.Ok ? outcome.Result : null);

    internal static NodeLine Forbidden(string node, string needed) =>
        new(node, false, new ErrorBody(ErrorBody.ForbiddenCategory, $"{node}: outside your {needed} scope; nothing was done", "ask an admin for a grant that covers this node's group"), null);

    internal static NodeLine Unknown(string node) =>
        new(node, false, new ErrorBody(ErrorBody.UnknownNodeCategory, $"{node}: no such node", "add it (POST /api/v1/nodes) or check the noderange"), null);
}

/// <summary>Why a node failed: <c>{category, message, next}</c>.</summary>
public sealed record ErrorBody(string Category, string Message, string? Next)
{
    public const string ForbiddenCategory = "forbidden";
    public const string UnknownNodeCategory = "unknown-node";

    internal static ErrorBody? From(NodeError? error) => error is null ? null : new ErrorBody(error.Category, error.Message, error.NextStep);
}
