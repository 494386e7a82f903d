namespace Lifeline.Drivers;

/// <summary>
/// Why one node failed: a short kebab-case <paramref name="Category"/> ("timeout", "bad-password", "cancelled"),
/// what happened, and what the operator can do next.
/// </summary>
public sealed record NodeError(string Category, string Message, string? NextStep);
