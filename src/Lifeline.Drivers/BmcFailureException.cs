namespace Lifeline.Drivers;

/// <summary>
/// A failure a backend reports with its own category and next step, for cases no protocol exception covers
/// ("not-implemented", "unsupported"). The CLI maps any exception with <see cref="Error"/> and
/// <see cref="NextStep"/> properties the same way.
/// </summary>
public sealed class BmcFailureException : Exception
{
    public BmcFailureException(string error, string message, string? nextStep = null, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        NextStep = nextStep;
    }

    public BmcFailureException()
    {
        Error = "error";
    }

    public BmcFailureException(string message)
        : base(message)
    {
        Error = "error";
    }

    public BmcFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "error";
    }

    /// <summary>A short kebab-case category: "not-implemented", "bad-password", "timeout".</summary>
    public string Error { get; }

    /// <summary>What the operator can do about it.</summary>
    public string? NextStep { get; }
}
