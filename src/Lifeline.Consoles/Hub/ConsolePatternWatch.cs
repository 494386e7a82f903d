using System.Text;
using System.Text.RegularExpressions;
using Lifeline.Consoles.Logging;

namespace Lifeline.Consoles.Hub;

/// <summary>
/// Assembles one console's output into lines (a line longer than <see cref="MaxLineBytes"/> is cut into pieces) and runs
/// every rule on each completed line with a match timeout, so hostile output cannot stall the hub. Not thread-safe: one
/// per session, fed from its read loop.
/// </summary>
internal sealed class ConsolePatternWatch
{
    public const int MaxLineBytes = 4096;
    private readonly (ConsolePatternRule Rule, Regex Regex)[] _rules;
    private readonly int _contextLines;
    private readonly Queue<string> _context = new();
    private readonly byte[] _line = new byte[MaxLineBytes];
    private int _length;

    public ConsolePatternWatch(IReadOnlyList<ConsolePatternRule> rules, TimeSpan timeout, int contextLines)
    {
        _rules = [.. rules.Select(r => (r, ConsoleLog.CompileSearch(r.Pattern, timeout)))];
        _contextLines = Math.Max(0, contextLines);
    }

    /// <summary>Feeds output; returns the hits of the lines it completed (empty most of the time).</summary>
    public List<(ConsolePatternRule Rule, string Line, IReadOnlyList<string> Context)>? Feed(ReadOnlySpan<byte> data)
    {
        List<(ConsolePatternRule, string, IReadOnlyList<string>)>? hits = null;
        while (!data.IsEmpty)
        {
            int newline = data.IndexOf((byte)'\n');
            var part = newline < 0 ? data : data[..newline];
            while (!part.IsEmpty)
            {
                int take = Math.Min(part.Length, MaxLineBytes - _length);
                part[..take].CopyTo(_line.AsSpan(_length));
                _length += take;
                part = part[take..];
                if (_length == MaxLineBytes)
                {
                    Complete(ref hits);
                }
            }

            if (newline < 0)
            {
                break;
            }

            Complete(ref hits);
            data = data[(newline + 1)..];
        }

        return hits;
    }

    private void Complete(ref List<(ConsolePatternRule, string, IReadOnlyList<string>)>? hits)
    {
        var text = Encoding.UTF8.GetString(_line, 0, _length).TrimEnd('\r');
        _length = 0;
        if (text.Length == 0)
        {
            return;
        }

        foreach (var (rule, regex) in _rules)
        {
            bool match;
            try
            {
                match = regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                match = false;
            }

            if (match)
            {
                (hits ??= []).Add((rule, text, _context.ToArray()));
            }
        }

        if (_contextLines > 0)
        {
            if (_context.Count == _contextLines)
            {
                _context.Dequeue();
            }

            _context.Enqueue(text);
        }
    }
}
