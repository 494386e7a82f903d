namespace Lifeline.Fleet.Inventory;

/// <summary>A node or group breaks the inventory rules; <see cref="Problems"/> says each thing to fix.</summary>
public sealed class InventoryValidationException : ArgumentException
{
    public InventoryValidationException(IReadOnlyList<string> problems)
        : base(Summarize(problems))
    {
        Problems = problems;
    }

    public InventoryValidationException()
        : this(["the inventory is invalid"])
    {
    }

    public InventoryValidationException(string message)
        : this([message])
    {
    }

    public InventoryValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, one sentence naming the node or group and what to fix.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Summarize(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "the inventory is invalid",
            1 => problems[0],
            _ => string.Join("; ", problems.Take(10)) + (problems.Count > 10 ? $"; and {problems.Count - 10} more" : ""),
        };
    }
}
