namespace Lifeline.Fleet.Inventory;

/// <summary>One problem in an imported file: the line (1-based; 0 when it concerns the whole file) and what to fix.</summary>
public sealed record InventoryImportError(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>
/// An inventory file was refused as a whole (imports are all or nothing). <see cref="Errors"/> lists the problems found,
/// each with its line number; the message shows the first few.
/// </summary>
public sealed class InventoryImportException : FormatException
{
    /// <summary>At most this many errors are collected before the import stops looking.</summary>
    public const int MaxErrors = 100;

    public InventoryImportException(IReadOnlyList<InventoryImportError> errors)
        : base(Summarize(errors))
    {
        Errors = errors;
    }

    public InventoryImportException()
        : this([new InventoryImportError(0, "the inventory file is invalid")])
    {
    }

    public InventoryImportException(string message)
        : this([new InventoryImportError(0, message)])
    {
    }

    public InventoryImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new InventoryImportError(0, message)];
    }

    public IReadOnlyList<InventoryImportError> Errors { get; }

    private static string Summarize(IReadOnlyList<InventoryImportError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            return "the inventory file is invalid";
        }

        string head = errors.Count == 1 ? "" : $"{errors.Count} problems, nothing imported: ";
        string shown = string.Join("; ", errors.Take(5));
        return head + shown + (errors.Count > 5 ? $"; and {errors.Count - 5} more" : "") +
            (errors.Count == 1 ? " (nothing imported)" : "");
    }
}
