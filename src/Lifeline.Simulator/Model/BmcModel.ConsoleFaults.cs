using System.Globalization;
using System.Text;

namespace Lifeline.Simulator.Model;

// Scriptable console faults for pattern-watch tests and benchmarks: a kernel oops that panics, an MCE storm, and
// ordinary log lines at a given rate.
public sealed partial class BmcModel
{
    private long _floodLine;

    /// <summary>The host panics with an oops and a call trace (a no-op unless an OS is running).</summary>
    public bool PanicConsole()
    {
        lock (_lock)
        {
            var now = Sync();
            var console = EnsureConsole(now);
            if (!console.OsRunning)
            {
                return false;
            }

            console.Panic(now, ConsoleScripts.OopsPanic);
            return true;
        }
    }

    /// <summary>Prints <paramref name="reports"/> corrected machine-check reports at once (an MCE storm); the host keeps running.</summary>
    public void MceStorm(int reports = 16)
    {
        lock (_lock)
        {
            var now = Sync();
            var console = EnsureConsole(now);
            for (int i = 0; i < reports; i++)
            {
                console.KernelLines(now, ConsoleScripts.MceReport(cpu: (Index + i) % 64, bank: 7 + (i % 3), address: 0x3f_1a2b_c000L + (i * 0x40L)));
            }
        }
    }

    /// <summary>Appends about <paramref name="bytes"/> bytes of ordinary syslog lines to the console (whole lines).</summary>
    public void FloodConsole(int bytes)
    {
        var text = new StringBuilder();
        while (text.Length < bytes)
        {
            long n = _floodLine++;
            text.Append(CultureInfo.InvariantCulture, $"<30>{Name} {ConsoleScripts.FloodLines[n % ConsoleScripts.FloodLines.Length]} seq={n}\r\n");
        }

        var data = Encoding.ASCII.GetBytes(text.ToString());
        lock (_lock)
        {
            EnsureConsole(Sync()).Raw(data);
        }
    }
}
