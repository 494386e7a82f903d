using Lifeline.Drivers;
using System.Globalization;
using System.Text;
using Lifeline.Cli.Hosting;

namespace Lifeline.Cli.Secrets;

/// <summary>
/// The BMC key K_g (IPMI v2.0 §13.31: the key used to derive the session integrity key), read from the environment
/// variable named by <c>--kg-env NAME</c>: either hex (<c>0x0123…</c>, up to 40 digits) or text (up to 20 bytes).
/// Messages name the variable, never its value.
/// </summary>
public static class KgSource
{
    public const int MaxBytes = 20;

    /// <exception cref="UsageException">The variable is unset, empty, too long or malformed hex.</exception>
    public static Secret Read(IEnvironment environment, string variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.Length == 0 || variable.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            throw new UsageException($"--kg-env '{variable}': expected the name of an environment variable (letters, digits, '_'), not the key itself");
        }

        string? value = environment.GetVariable(variable);
        if (string.IsNullOrEmpty(value))
        {
            throw new UsageException($"--kg-env {variable}: the environment variable {variable} is not set (it should hold the BMC key K_g)");
        }

        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var hex = value.AsSpan(2);
            if (hex.Length == 0 || hex.Length % 2 != 0 || hex.Length > MaxBytes * 2 || !hex.ContainsOnlyHex())
            {
                throw new UsageException(
                    $"--kg-env {variable}: the value starts with 0x but is not 1-{MaxBytes} bytes of hex (an even number of hex digits)");
            }

            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = byte.Parse(hex.Slice(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            var secret = new Secret(bytes);
            Array.Clear(bytes);
            return secret;
        }

        if (Encoding.UTF8.GetByteCount(value) > MaxBytes)
        {
            throw new UsageException($"--kg-env {variable}: the key is longer than {MaxBytes} bytes (write it as 0x-prefixed hex or shorter text)");
        }

        return Secret.FromText(value);
    }
}

internal static class HexExtensions
{
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
