using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// Evaluates a <see cref="ParsedNodeRange"/> against an <see cref="INodeUniverse"/>: set operations strictly left
/// to right, then natural sort, then pagination. Semantics are documented on <see cref="NodeRangeParser"/>.
/// </summary>
internal sealed class NodeRangeEvaluator
{
    private readonly string _expression;
    private readonly INodeUniverse _universe;
    private readonly Stopwatch _regexClock = new();

    private NodeRangeEvaluator(string expression, INodeUniverse universe)
    {
        _expression = expression;
        _universe = universe;
    }

    public static IReadOnlyList<string> Evaluate(string expression, ParsedNodeRange parsed, INodeUniverse universe)
    {
        var evaluator = new NodeRangeEvaluator(expression, universe);
        var nodes = parsed.Set is null
            ? new HashSet<string>(universe.Nodes, StringComparer.Ordinal)
            : evaluator.EvaluateSet(parsed.Set);

        var sorted = new string[nodes.Count];
        nodes.CopyTo(sorted);
        Array.Sort(sorted, NaturalNameComparer.Instance);
        int skip = Math.Min(parsed.Skip ?? 0, sorted.Length);
        int take = Math.Min(parsed.Take ?? int.MaxValue, sorted.Length - skip);
        return skip == 0 && take == sorted.Length ? sorted : sorted[skip..(skip + take)];
    }

    private HashSet<string> EvaluateSet(SetNode set)
    {
        HashSet<string>? current = null;
        foreach (var step in set.Steps)
        {
            if (current is null)
            {
                current = EvaluateOperand(step.Operand, candidates: null);
                continue;
            }

            switch (step.Operator)
            {
                case SetOperator.Union:
                    current.UnionWith(EvaluateOperand(step.Operand, candidates: null));
                    break;
                case SetOperator.Except:
                    current.ExceptWith(EvaluateOperand(step.Operand, current));
                    break;
                case SetOperator.Intersect:
                    current.IntersectWith(EvaluateOperand(step.Operand, current));
                    break;
            }
        }

        return current ?? new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Evaluates one operand into a new set. <paramref name="candidates"/>, when given, is the set the result will be
    /// subtracted from or intersected with: regexes and attribute selectors only need to test those nodes.
    /// </summary>
    private HashSet<string> EvaluateOperand(RangeNode operand, HashSet<string>? candidates) => operand switch
    {
        SetNode set => EvaluateSet(set),
        AtomNode { Atom: WordToken word } => EvaluateWord(word),
        AtomNode { Atom: RegexToken regex } => EvaluateRegex(regex, candidates),
        AtomNode { Atom: AttributeToken attribute } => EvaluateAttribute(attribute, candidates),
        _ => throw new InvalidOperationException("Unknown noderange operand."),
    };

    private HashSet<string> EvaluateWord(WordToken word)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        NameProduct product;
        if (!word.HasBrackets)
        {
            if (TryAddNodeOrGroup(word.Text, result))
            {
                return result;
            }

            product = WordExpansion.ForRange(word, _expression);
        }
        else
        {
            product = WordExpansion.ForBrackets(word, _expression);
        }

        string? firstMissing = null;
        long missing = 0;
        foreach (string name in product.Names())
        {
            if (!TryAddNodeOrGroup(name, result))
            {
                firstMissing ??= name;
                missing++;
            }
        }

        if (firstMissing is not null)
        {
            string more = missing > 1 ? $" (and {missing - 1:N0} more names that '{Shorten(word.Text)}' produces)" : $" (produced by '{Shorten(word.Text)}')";
            throw new NodeRangeException(
                _expression,
                word.Position,
                $"'{firstMissing}' is not a node or group{more}.",
                "Every name a range produces must exist: narrow the range, or match only existing nodes with a regex (~^n).");
        }

        return result;
    }

    private bool TryAddNodeOrGroup(string name, HashSet<string> result)
    {
        if (_universe.IsNode(name))
        {
            result.Add(name);
            return true;
        }

        var members = _universe.GroupMembers(name);
        if (members is null)
        {
            return false;
        }

        foreach (string member in members)
        {
            if (_universe.IsNode(member))
            {
                result.Add(member);
            }
        }

        return true;
    }

    private HashSet<string> EvaluateRegex(RegexToken token, HashSet<string>? candidates)
    {
        var regex = CreateRegex(token.Pattern, token.PatternPosition);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (string node in (IEnumerable<string>?)candidates ?? _universe.Nodes)
        {
            if (IsMatch(regex, node, token.Position))
            {
                result.Add(node);
            }
        }

        return result;
    }

    private HashSet<string> EvaluateAttribute(AttributeToken token, HashSet<string>? candidates)
    {
        bool regexOperator = token.Operator is AttributeOperator.Matches or AttributeOperator.NotMatches;
        var regex = regexOperator ? CreateRegex(token.Value, token.ValuePosition) : null;
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (string node in (IEnumerable<string>?)candidates ?? _universe.Nodes)
        {
            string value = _universe.Attribute(node, token.Name) ?? "";
            bool selected = token.Operator switch
            {
                AttributeOperator.Equals => string.Equals(value, token.Value, StringComparison.Ordinal),
                AttributeOperator.NotEquals => !string.Equals(value, token.Value, StringComparison.Ordinal),
                AttributeOperator.Matches => IsMatch(regex!, value, token.ValuePosition),
                _ => !IsMatch(regex!, value, token.ValuePosition),
            };

            if (selected)
            {
                result.Add(node);
            }
        }

        return result;
    }

    private Regex CreateRegex(string pattern, int patternPosition)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, NodeRangeLimits.RegexMatchTimeout);
        }
        catch (RegexParseException e)
        {
            int offset = Math.Clamp(e.Offset - 1, 0, Math.Max(0, pattern.Length - 1));
            throw new NodeRangeException(
                _expression,
                patternPosition + offset,
                $"The regular expression '{Shorten(pattern)}' is invalid: {Humanize(e.Error)}.",
                "Fix the regular expression (.NET syntax); escape special characters with '\\'.",
                e);
        }
    }

    private bool IsMatch(Regex regex, string input, int position)
    {
        bool matched;
        _regexClock.Start();
        try
        {
            matched = regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new NodeRangeException(
                _expression,
                position,
                $"The regular expression took longer than {NodeRangeLimits.RegexMatchTimeout.TotalMilliseconds:0} ms on '{Shorten(input)}'.",
                "Simplify it: avoid nested repetition such as (a+)+ or (.*)*.",
                e);
        }
        finally
        {
            _regexClock.Stop();
        }

        if (_regexClock.Elapsed > NodeRangeLimits.RegexTotalBudget)
        {
            throw new NodeRangeException(
                _expression,
                position,
                $"Regular expressions took longer than {NodeRangeLimits.RegexTotalBudget.TotalSeconds:0} s in total.",
                "Simplify the regular expressions, or narrow them with '@' after a group (compute@~gpu).");
        }

        return matched;
    }

    private static string Humanize(RegexParseError error)
    {
        var text = new StringBuilder();
        foreach (char c in error.ToString())
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
