using Lifeline.Drivers;
using System.Text;

namespace Lifeline.Cli.Hosting;

/// <summary>The real console.</summary>
public sealed class SystemTerminal : ITerminal
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public bool IsInputInteractive => !Console.IsInputRedirected;

    public bool IsOutputInteractive => !Console.IsOutputRedirected;

    public bool IsErrorInteractive => !Console.IsErrorRedirected;

    public string? ReadSecret(string prompt, CancellationToken cancellationToken)
    {
        Console.Error.Write(prompt);
        var sb = new StringBuilder();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = Console.ReadKey(intercept: true);
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        return sb.ToString();
                    case ConsoleKey.Backspace:
                        if (sb.Length > 0)
                        {
                            sb.Length--;
                        }

                        break;
                    default:
                        if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control))
                        {
                            return sb.Length == 0 ? null : sb.ToString();
                        }

                        if (!char.IsControl(key.KeyChar))
                        {
                            sb.Append(key.KeyChar);
                        }

                        break;
                }
            }
        }
        finally
        {
            Console.Error.WriteLine();
            sb.Clear();
        }
    }
}
