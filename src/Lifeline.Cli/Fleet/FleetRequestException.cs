namespace Lifeline.Cli.Fleet;

/// <summary>
/// A call to the fleet service failed as a whole: it could not be reached, did not answer in time, refused the
/// token, or answered with a problem (RFC 9457). <see cref="Exception.Message"/> says what happened,
/// <see cref="Next"/> what to do; the command ends with <see cref="ExitCode"/>. Messages never carry the token.
/// </summary>
public sealed class FleetRequestException : Exception
{
    public FleetRequestException(string message, string? next, int exitCode, int? status = null, Exception? inner = null)
        : base(message, inner)
    {
        Next = next;
        ExitCode = exitCode;
        Status = status;
    }

    public FleetRequestException()
        : this("the fleet service request failed", null, ExitCodes.SomeFailed)
    {
    }

    public FleetRequestException(string message)
        : this(message, null, ExitCodes.SomeFailed)
    {
    }

    public FleetRequestException(string message, Exception inner)
        : this(message, null, ExitCodes.SomeFailed, null, inner)
    {
    }

    /// <summary>What the user can do about it, or null.</summary>
    public string? Next { get; }

    /// <summary><see cref="ExitCodes.Usage"/> for connection, authentication and refused requests (4xx); <see cref="ExitCodes.SomeFailed"/> for the service's own failures (5xx).</summary>
    public int ExitCode { get; }

    /// <summary>The HTTP status, when the service answered.</summary>
    public int? Status { get; }

    /// <summary>The message and the next step as printed: one line, or the next step on a line of its own after a multi-line message.</summary>
    public string Describe() => Next is not { Length: > 0 } next
        ? Message
        : Message.Contains('\n', StringComparison.Ordinal) ? $"{Message.TrimEnd()}\n(next: {next})" : $"{Message} (next: {next})";
}
