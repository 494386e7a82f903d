using Lifeline.Drivers;
using System.Text;
using Lifeline.Cli.Hosting;

namespace Lifeline.Cli.Secrets;

/// <summary>
/// Where the BMC password comes from. There is deliberately no command-line option (it would show in <c>ps</c> and
/// shell history) and URLs may not carry one: only the environment variable <see cref="Variable"/>, else a no-echo
/// prompt when stdin is a terminal, else a usage error.
/// </summary>
public static class PasswordSource
{
    /// <summary>The environment variable holding the BMC password.</summary>
    public const string Variable = "LIFELINE_BMC_PASSWORD";

    /// <summary>IPMI v2.0 passwords are at most 20 bytes (§13.31, §22.30 Set User Password).</summary>
    public const int MaxBytes = 20;

    /// <summary>
    /// Returns the BMC password. An empty <see cref="Variable"/> counts as unset (an accidental <c>VAR=</c> should
    /// not become an empty password); an empty answer at the prompt is an empty password.
    /// </summary>
    /// <exception cref="UsageException">No variable and no terminal to ask on, input closed, or too long.</exception>
    public static Secret Resolve(IEnvironment environment, ITerminal terminal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(terminal);
        string? fromEnv = environment.GetVariable(Variable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Checked(fromEnv, $"the environment variable {Variable}");
        }

        if (!terminal.IsInputInteractive)
        {
            throw new UsageException(
                $"no BMC password: set the environment variable {Variable} " +
                "(stdin is not a terminal, so lifeline cannot ask for it)");
        }

        string? typed = terminal.ReadSecret("BMC password: ", cancellationToken);
        if (typed is null)
        {
            throw new UsageException($"no BMC password given (input closed); set the environment variable {Variable}");
        }

        return Checked(typed, "the password typed");
    }

    private static Secret Checked(string password, string source)
    {
        if (Encoding.UTF8.GetByteCount(password) > MaxBytes)
        {
            throw new UsageException($"{source} is longer than {MaxBytes} bytes, the IPMI v2.0 limit for passwords");
        }

        return Secret.FromText(password);
    }
}
