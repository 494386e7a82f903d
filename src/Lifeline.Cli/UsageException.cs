using Lifeline.Drivers;

namespace Lifeline.Cli;

/// <summary>
/// The user asked for something that cannot work as written (a bad option, a malformed BMC URL or range, a missing
/// password). The command ends with <see cref="ExitCodes.Usage"/> and prints <see cref="Exception.Message"/> as is,
/// without a stack trace. Messages never carry secrets.
/// </summary>
public class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UsageException()
    {
    }
}
