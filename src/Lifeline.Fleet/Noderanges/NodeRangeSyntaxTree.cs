namespace Lifeline.Fleet.Noderanges;

/// <summary>A parsed noderange: the set expression (null = every node) and its pagination.</summary>
internal sealed record ParsedNodeRange(SetNode? Set, int? Skip, int? Take);

/// <summary>A node of the parsed expression.</summary>
internal abstract record RangeNode(int Position);

/// <summary>A word, regex or attribute selector.</summary>
internal sealed record AtomNode(AtomToken Atom) : RangeNode(Atom.Position);

/// <summary>Terms combined strictly left to right; the first step is always a union into the empty set.</summary>
internal sealed record SetNode(int Position, IReadOnlyList<SetStep> Steps) : RangeNode(Position);

internal sealed record SetStep(SetOperator Operator, RangeNode Operand);
