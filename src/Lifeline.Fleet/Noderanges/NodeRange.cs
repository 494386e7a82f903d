namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// Noderanges, compatible with Confluent's syntax: <c>n1-n20</c>, <c>n[1-20]</c>, <c>r[1-3]u[01-10]</c>,
/// <c>n10+3</c>, groups, <c>~regex</c>, <c>attr=value</c>, <c>,</c> <c>,-</c> <c>@</c> and parentheses applied left
/// to right, pagination <c>&gt;N&lt;M</c>. The full semantics, and where they deliberately differ from Confluent, are
/// documented on the parser (<c>NodeRangeParser</c>); <see cref="NodeRangeFolder"/> goes the other way.
/// </summary>
public static class NodeRange
{
    /// <summary>
    /// Evaluates <paramref name="expression"/> against <paramref name="universe"/>. The result is distinct node names
    /// in natural order (<see cref="NaturalNameComparer"/>), only nodes that exist in the universe.
    /// </summary>
    /// <exception cref="NodeRangeException">A syntax error, an unknown name or group, a range that produces a name
    /// that is neither, or a limit exceeded; <see cref="NodeRangeException.Position"/> points at the cause.</exception>
    public static IReadOnlyList<string> Expand(string expression, INodeUniverse universe)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(universe);
        var parsed = NodeRangeParser.Parse(expression);
        return NodeRangeEvaluator.Evaluate(expression, parsed, universe);
    }

    /// <summary>
    /// Checks the syntax only (no universe needed): throws <see cref="NodeRangeException"/> when
    /// <paramref name="expression"/> does not parse. Names are not checked.
    /// </summary>
    public static void Validate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        NodeRangeParser.Parse(expression);
    }
}
