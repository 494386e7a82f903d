namespace Lifeline.Consoles.Sources;

/// <summary>A console source failed; <see cref="Category"/> says why and <see cref="NextStep"/> what the operator can do.</summary>
public sealed class ConsoleException : Exception
{
    public ConsoleException()
        : this(ConsoleErrorCategory.Closed, "the console failed", "retry")
    {
    }

    public ConsoleException(string message)
        : this(ConsoleErrorCategory.Closed, message, "retry")
    {
    }

    public ConsoleException(string message, Exception innerException)
        : this(ConsoleErrorCategory.Closed, message, "retry", innerException)
    {
    }

    public ConsoleException(ConsoleErrorCategory category, string message, string nextStep, Exception? innerException = null)
        : base($"{message}; {nextStep}", innerException)
    {
        Category = category;
        NextStep = nextStep;
    }

    public ConsoleErrorCategory Category { get; }

    /// <summary>What to do about it, in words for the operator ("check the password in the credential store").</summary>
    public string NextStep { get; }

    /// <summary>Whether trying again later, unchanged, may succeed (a reconnect loop consults this).</summary>
    public bool MayRetry => Category is ConsoleErrorCategory.Unreachable or ConsoleErrorCategory.Closed or ConsoleErrorCategory.InUse;
}
