using Lifeline.Cli.Hosting;

namespace Lifeline.Cli.Secrets;

/// <summary>
/// Passwords that fleet commands send to the service (login, new users, BMC credentials). Like the BMC password of
/// direct mode there is never an option: an environment variable, else a no-echo prompt on a terminal, else a usage
/// error. A new password typed at the prompt is asked twice.
/// </summary>
public static class ServicePassword
{
    /// <summary>The password of <c>lifeline login</c>.</summary>
    public const string LoginVariable = "LIFELINE_PASSWORD";

    /// <summary>The password of <c>users add</c> and <c>users set --password</c>.</summary>
    public const string UserVariable = "LIFELINE_USER_PASSWORD";

    /// <summary>The BMC password of <c>credentials set</c>.</summary>
    public const string BmcVariable = PasswordSource.Variable;

    /// <summary>Returns the password from <paramref name="variable"/> or the prompt.</summary>
    /// <param name="environment">Where <paramref name="variable"/> is read.</param>
    /// <param name="terminal">Where the prompt goes.</param>
    /// <param name="variable">The environment variable (an empty one counts as unset).</param>
    /// <param name="what">What the password is for, in messages and the prompt: <c>the password of admin</c>.</param>
    /// <param name="confirm">Ask twice at the prompt (a new password).</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <exception cref="UsageException">No variable and no terminal, input closed, an empty or mismatched answer.</exception>
    public static string Resolve(IEnvironment environment, ITerminal terminal, string variable, string what, bool confirm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(terminal);
        string? fromEnvironment = environment.GetVariable(variable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (!terminal.IsInputInteractive)
        {
            throw new UsageException($"no password for {what}: set the environment variable {variable} (stdin is not a terminal, so lifeline cannot ask)");
        }

        string? typed = terminal.ReadSecret($"Password for {what}: ", cancellationToken);
        if (string.IsNullOrEmpty(typed))
        {
            throw new UsageException($"no password for {what} given; type one, or set the environment variable {variable}");
        }

        if (confirm && terminal.ReadSecret($"Again, to confirm: ", cancellationToken) != typed)
        {
            throw new UsageException($"the two passwords for {what} differ; nothing was changed");
        }

        return typed;
    }
}
