namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// Parses a noderange into a <see cref="ParsedNodeRange"/>; <see cref="NodeRangeEvaluator"/> evaluates it against an
/// <see cref="INodeUniverse"/>.
/// <para>
/// <b>The model is Confluent</b> (xCAT's successor: <c>confluent_server/confluent/noderange.py</c> and its
/// <c>noderange</c> man page). Its semantics, as implemented here:
/// </para>
/// <list type="table">
/// <item><term><c>n1</c>, <c>rack1</c></term><description>A node, or a group's members (only those that are nodes).
/// The whole word is looked up as a node, then as a group, before any range reading, so a node named <c>web-1</c>
/// is never read as a range; a node wins over a group of the same name.</description></item>
/// <item><term><c>n1-n20</c>, <c>n1:n20</c>, <c>n1..n20</c></term><description>A range. The word is cut into two
/// halves at its middle delimiter (<c>:</c> is tried first, then <c>..</c>, then <c>-</c>, so
/// <c>rack-1:rack-5</c> works). Both ends must have the same non-digit text; every digit run that differs counts up,
/// several at once giving the product (<c>r1u01-r3u10</c> = <c>r[1-3]u[01-10]</c>). Numbers are zero-padded to the
/// width of the left end (<c>n08-n10</c> = n08, n09, n10; <c>n8-n10</c> = n8, n9, n10). Ranges may name groups
/// (<c>rack1-rack4</c>). As in Confluent, every name a range produces must be a node or a group, otherwise the
/// expansion fails naming the first missing one.</description></item>
/// <item><term><c>n10+3</c></term><description>n10 through n13: the last number before the first <c>.</c> counts
/// up, keeping its padding (<c>n08+3</c> = n08..n11).</description></item>
/// <item><term><c>n[1-20]</c>, <c>r[1-3]u[01-10]</c></term><description>Bracket lists. Items are literals
/// (<c>7</c>, <c>07</c>, <c>a</c>), ranges (<c>1-20</c>, <c>1:20</c>, <c>1..20</c>), stepped ranges
/// (<c>1-20:2</c>, as Confluent's <c>1:20:2</c>), and exclusions (<c>n[1-20,-7]</c>), applied left to right. A
/// range is padded to the width of its first number (<c>[01-10]</c>, <c>[8-10]</c>). Several lists give the product.
/// Every produced name must be a node or group.</description></item>
/// <item><term><c>~expr</c>, <c>/expr</c></term><description>Nodes (not groups) whose name the regular expression
/// matches anywhere (Python's <c>re.search</c>; anchor with <c>^</c>/<c>$</c>); case-sensitive.</description></item>
/// <item><term><c>attr=value</c>, <c>attr==value</c>, <c>attr!=value</c></term><description>Nodes whose effective
/// attribute equals (does not equal) the value, exactly and case-sensitively. An unset attribute counts as the empty
/// string, as in Confluent: <c>rack!=7</c> includes nodes without a rack, <c>rack=</c> selects them.</description></item>
/// <item><term><c>attr=~expr</c>, <c>attr!~expr</c></term><description>Nodes whose attribute value the regular
/// expression matches (does not match) anywhere.</description></item>
/// <item><term><c>,</c> <c>,-</c> <c>@</c> <c>( )</c></term><description>Union, exclusion, intersection. There is
/// no precedence: operators apply strictly left to right to the set built so far, so <c>a,b@c</c> = (a ∪ b) ∩ c,
/// <c>a@b,c</c> = (a ∩ b) ∪ c, <c>a,-b,c</c> = (a − b) ∪ c. Parentheses evaluate first:
/// <c>rack1,-(compute@gpu)</c>.</description></item>
/// <item><term><c>&gt;N</c>, <c>&lt;M</c></term><description>Pagination, applied after everything else to the
/// result in natural order: skip the first M, then show at most N. <c>rack1&gt;3&lt;6</c> is rack1's 7th to 9th
/// nodes. A noderange of pagination only (<c>&gt;10</c>) pages over every node.</description></item>
/// </list>
/// <para><b>Deliberate differences from Confluent</b>:</para>
/// <list type="bullet">
/// <item>Pagination must come last and outside parentheses (Confluent accepts it anywhere, and its
/// <c>a@b&gt;3</c> intersects with an empty set).</item>
/// <item>Two terms without an operator between them (<c>n1 n2</c>, <c>(a)(b)</c>) are an error; Confluent glues or
/// unions them silently. Spaces are allowed around operators, never inside a term.</item>
/// <item>Names produced by a bracket list are looked up as nodes or groups only, never read again as ranges.</item>
/// <item>Regular expressions are .NET's, run with a time limit; they may contain parentheses, braces, character
/// classes and commas inside those (<c>~n(1|2)$</c>, <c>~n.{2,3}</c>). A regex ends at a <c>,</c>, <c>@</c>,
/// space, unbalanced <c>)</c> or pagination outside those.</item>
/// <item>Attribute names are literal: no <c>net*.switch</c> wildcards (the universe does not list attribute
/// names). Attribute values are literal text up to the next operator. <c>secret.*</c> attributes are refused, as in
/// Confluent.</item>
/// <item>No dynamic groups (a group defined by a noderange) and no <c>^file</c> (xCAT).</item>
/// </list>
/// <para>
/// Limits (each a <see cref="NodeRangeException"/>, never a hang): expressions up to
/// <see cref="NodeRangeLimits.MaxExpressionLength"/> characters, <see cref="NodeRangeLimits.MaxDepth"/> nested
/// parentheses, <see cref="NodeRangeLimits.MaxNamesPerTerm"/> names from one range or bracket product, and regexes
/// with a per-match and a per-expansion time limit.
/// </para>
/// <para>Grammar:</para>
/// <code>
/// noderange := set page* | page+          (page+ alone pages over every node)
/// set       := operand (op operand)*
/// op        := ',' | ',-' | '@'
/// operand   := term | '(' set ')'
/// term      := word | ('~' | '/') regex | attr ('=' | '==' | '!=') value | attr ('=~' | '!~') regex
/// word      := (text | '[' item (',' '-'? item)* ']')+
/// page      := '>' digits | '&lt;' digits
/// </code>
/// </summary>
internal sealed class NodeRangeParser
{
    private const string TermExamples =
        "Expected a node, group, range (n1-n20, n[1-20]), regex (~expr) or attribute selector (rack=7).";

    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _index;

    private NodeRangeParser(string text, List<Token> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    public static ParsedNodeRange Parse(string expression)
    {
        if (expression.Length > NodeRangeLimits.MaxExpressionLength)
        {
            throw new NodeRangeException(
                expression,
                NodeRangeLimits.MaxExpressionLength,
                $"The noderange is {expression.Length} characters long, more than the limit of {NodeRangeLimits.MaxExpressionLength}.",
                "Use groups, ranges or attribute selectors instead of listing every node.");
        }

        var parser = new NodeRangeParser(expression, NodeRangeLexer.Tokenize(expression));
        return parser.ParseNodeRange();
    }

    private Token Peek => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private ParsedNodeRange ParseNodeRange()
    {
        if (Peek is EndToken)
        {
            throw Error(0, "The noderange is empty.", "Name nodes or groups, e.g. n1-n20 or rack1,-n5.");
        }

        SetNode? set = Peek is PageToken ? null : ParseSet(depth: 0, open: null);
        int? skip = null;
        int? take = null;
        while (Peek is PageToken page)
        {
            Next();
            if ((page.IsTake ? take : skip) is not null)
            {
                throw Error(page.Position, $"'{page.Text[0]}' is given twice.", "Give at most one '>N' (show N) and one '<N' (skip N).");
            }

            if (page.IsTake)
            {
                take = page.Count;
            }
            else
            {
                skip = page.Count;
            }
        }

        var after = Peek;
        if (after is not EndToken)
        {
            throw Error(
                after.Position,
                "Pagination ('>N', '<N') must come at the end of the noderange.",
                "Move the pagination to the end, e.g. rack1,rack2>10<20.");
        }

        return new ParsedNodeRange(set, skip, take);
    }

    private SetNode ParseSet(int depth, ParenToken? open)
    {
        int position = Peek.Position;
        var steps = new List<SetStep> { new(SetOperator.Union, ParseOperand(depth, after: null)) };
        while (true)
        {
            switch (Peek)
            {
                case OperatorToken op:
                    Next();
                    steps.Add(new SetStep(op.Operator, ParseOperand(depth, op)));
                    break;
                case ParenToken { Open: false } close:
                    if (open is null)
                    {
                        throw Error(close.Position, "')' has no matching '('.", "Remove it, or add the '(' it closes.");
                    }

                    return new SetNode(position, steps);
                case EndToken:
                    if (open is not null)
                    {
                        throw Error(open.Position, "'(' is never closed.", "Add the ')' that closes it.");
                    }

                    return new SetNode(position, steps);
                case PageToken page:
                    if (open is not null)
                    {
                        throw Error(
                            page.Position,
                            "Pagination can't be inside parentheses: it applies to the whole noderange.",
                            $"Move '{page.Text}' to the end, after the closing ')'.");
                    }

                    return new SetNode(position, steps);
                default:
                    throw Error(
                        Peek.Position,
                        "Two terms with no operator between them.",
                        "Join terms with ',' (union), ',-' (exclusion) or '@' (intersection), e.g. n1,n2.");
            }
        }
    }

    private RangeNode ParseOperand(int depth, OperatorToken? after)
    {
        var token = Next();
        switch (token)
        {
            case AtomToken atom:
                return new AtomNode(atom);
            case ParenToken { Open: true } open:
                if (depth + 1 > NodeRangeLimits.MaxDepth)
                {
                    throw Error(open.Position, $"Parentheses nest deeper than {NodeRangeLimits.MaxDepth} levels.", "Simplify the noderange.");
                }

                var inner = ParseSet(depth + 1, open);
                Next(); // the ')' ParseSet stopped at
                return inner;
            case OperatorToken op:
                throw after is null
                    ? Error(op.Position, $"'{op.Text}' needs a term before it.", TermExamples)
                    : Error(op.Position, $"'{after.Text}' is followed by '{op.Text}' with no term between them.", TermExamples);
            case ParenToken close:
                throw Error(close.Position, "Nothing before ')'.", TermExamples);
            case PageToken page:
                throw Error(
                    after?.Position ?? page.Position,
                    after is null ? "Pagination must follow a noderange." : $"'{after.Text}' has no term after it.",
                    TermExamples);
            default:
                throw after is null
                    ? Error(token.Position, "The noderange ends where a term is expected.", TermExamples)
                    : Error(after.Position, $"'{after.Text}' at the end has no term after it.", TermExamples);
        }
    }

    private NodeRangeException Error(int position, string problem, string hint) => new(_text, position, problem, hint);
}
