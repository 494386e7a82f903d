using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lifeline.Cli.Consoles;

/// <summary>The process's own terminal: stdin/stdout as streams, stderr for status, <c>stty</c> on /dev/tty for raw mode.</summary>
public sealed class SystemConsoleTerminal : IConsoleTerminal
{
    private Stream? _input;
    private Stream? _output;

    public Stream Input => _input ??= System.Console.OpenStandardInput();

    public Stream Output => _output ??= System.Console.OpenStandardOutput();

    public TextWriter Status => System.Console.Error;

    public bool IsInputTerminal => !System.Console.IsInputRedirected;

    public ITtyModes Modes { get; } = new SttyModes();

    public (int Columns, int Rows)? Size
    {
        get
        {
            try
            {
                return System.Console.IsOutputRedirected ? null : (System.Console.WindowWidth, System.Console.WindowHeight);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public IDisposable WatchResize(Action onResize)
    {
        if (OperatingSystem.IsWindows())
        {
            return new NoResize();
        }

        return PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
        {
            context.Cancel = true;
            onResize();
        });
    }

    private sealed class NoResize : IDisposable
    {
        public void Dispose()
        {
        }
    }

    /// <summary><c>stty -F /dev/tty …</c> in a child process.</summary>
    private sealed class SttyModes : ITtyModes
    {
        public string Save() => Run("-g").Trim();

        public void MakeRaw() => Run("raw", "-echo");

        public void Restore(string saved) => Run(saved);

        private static string Run(params string[] args)
        {
            var info = new ProcessStartInfo("stty") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-F");
            info.ArgumentList.Add("/dev/tty");
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start stty");
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new UsageException($"could not change the terminal mode (stty {string.Join(' ', args)}): {error.Trim()}; pipe stdin to attach without raw mode");
            }

            return output;
        }
    }
}
