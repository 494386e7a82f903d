using System.Globalization;

namespace Lifeline.Fleet.Noderanges;

/// <summary>
/// Cuts a noderange into tokens, each with its position. Bracket lists are parsed here (they are part of a word);
/// regular expressions are scanned with their own rules so that <c>~n(1|2),n5</c> and <c>~n.{2,3}</c> keep their
/// parentheses, braces and commas. See <see cref="NodeRangeParser"/> for the grammar.
/// </summary>
internal sealed class NodeRangeLexer
{
    private readonly string _text;
    private int _pos;

    private NodeRangeLexer(string text)
    {
        _text = text;
    }

    public static List<Token> Tokenize(string text)
    {
        var lexer = new NodeRangeLexer(text);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token is not EndToken);

        return tokens;
    }

    private Token Next()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }

        if (_pos >= _text.Length)
        {
            return new EndToken(_text.Length);
        }

        int start = _pos;
        char c = _text[_pos];
        switch (c)
        {
            case '(':
                _pos++;
                return new ParenToken(start, Open: true);
            case ')':
                _pos++;
                return new ParenToken(start, Open: false);
            case '@':
                _pos++;
                return new OperatorToken(start, SetOperator.Intersect);
            case ',':
                if (_pos + 1 < _text.Length && _text[_pos + 1] == '-')
                {
                    _pos += 2;
                    return new OperatorToken(start, SetOperator.Except);
                }

                _pos++;
                return new OperatorToken(start, SetOperator.Union);
            case '<':
            case '>':
                return ScanPage();
            case '~':
            case '/':
                return ScanRegexTerm();
            case ']':
                throw Error(start, "']' has no matching '['.", "Bracket lists look like n[1-20] or n[1,3,5-9].");
            case '-':
                throw Error(
                    start,
                    "A term can't start with '-'.",
                    "To exclude nodes, write ',-' right after what to exclude them from, e.g. compute,-n5.");
        }

        if (c == '[' || c == '=' || c == '!' || NodeRangeCharacters.IsWordChar(c))
        {
            return ScanWord();
        }

        throw UnexpectedCharacter(start);
    }

    private PageToken ScanPage()
    {
        int start = _pos;
        bool take = _text[_pos] == '>';
        _pos++;
        int digitsStart = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        string what = take ? "'>N' shows at most N nodes" : "'<N' skips the first N nodes";
        if (_pos == digitsStart)
        {
            throw Error(start, $"'{_text[start]}' must be followed by a number.", $"Pagination: {what}, e.g. rack1>10<20.");
        }

        if (!int.TryParse(_text.AsSpan(digitsStart, _pos - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw Error(digitsStart, "The pagination number is too large.", $"Use a number below {int.MaxValue}; {what}.");
        }

        return new PageToken(start, take, count);
    }

    private RegexToken ScanRegexTerm()
    {
        int start = _pos;
        _pos++;
        int patternStart = _pos;
        _pos = ScanRegexBody(_pos);
        if (_pos == patternStart)
        {
            throw Error(
                start,
                $"'{_text[start]}' must be followed by a regular expression.",
                "A regex term matches node names anywhere in the name, e.g. ~^r1u or /gpu.");
        }

        return new RegexToken(start, _text[patternStart.._pos], patternStart);
    }

    /// <summary>
    /// Returns where a regular expression starting at <paramref name="start"/> ends: at a <c>,</c>, <c>@</c>,
    /// whitespace, an unbalanced <c>)</c>, or pagination (<c>&gt;3</c>) that is not inside parentheses, braces or a
    /// character class, and not escaped with a backslash.
    /// </summary>
    private int ScanRegexBody(int start)
    {
        int i = start;
        int depth = 0;
        bool inClass = false;
        while (i < _text.Length)
        {
            char c = _text[i];
            if (c == '\\')
            {
                i = Math.Min(_text.Length, i + 2);
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                i++;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                i++;
                if (i < _text.Length && _text[i] == '^')
                {
                    i++;
                }

                if (i < _text.Length && _text[i] == ']')
                {
                    i++;
                }

                continue;
            }

            if (c is '(' or '{')
            {
                depth++;
            }
            else if (c is ')' or '}')
            {
                if (depth == 0 && c == ')')
                {
                    break;
                }

                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && (c is ',' or '@' || char.IsWhiteSpace(c)))
            {
                break;
            }
            else if (depth == 0 && c is '<' or '>' && i + 1 < _text.Length && char.IsAsciiDigit(_text[i + 1]))
            {
                break;
            }

            i++;
        }

        return i;
    }

    private AtomToken ScanWord()
    {
        int start = _pos;
        var segments = new List<WordSegment>();
        int textStart = _pos;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '[')
            {
                AddText(segments, textStart, _pos);
                segments.Add(ScanBracket());
                textStart = _pos;
                continue;
            }

            if (c is '=' or '!')
            {
                return ScanAttribute(start, segments);
            }

            if (NodeRangeCharacters.IsWordChar(c))
            {
                _pos++;
                continue;
            }

            if (NodeRangeCharacters.IsTermEnd(c))
            {
                break;
            }

            if (c == ']')
            {
                throw Error(_pos, "']' has no matching '['.", "Bracket lists look like n[1-20] or n[1,3,5-9].");
            }

            if (c is '~' or '/')
            {
                throw Error(
                    _pos,
                    $"'{c}' inside a name.",
                    $"A regex is a term of its own that starts with '{c}', e.g. n1,{c}^gpu; an attribute regex is attr=~expr.");
            }

            throw UnexpectedCharacter(_pos);
        }

        AddText(segments, textStart, _pos);
        return new WordToken(start, _text[start.._pos], segments);
    }

    private void AddText(List<WordSegment> segments, int from, int to)
    {
        if (to > from)
        {
            segments.Add(new TextSegment(from, _text[from..to]));
        }
    }

    private AttributeToken ScanAttribute(int start, List<WordSegment> segments)
    {
        int opPos = _pos;
        const string Example = "Attribute selectors look like rack=7, rack!=7, name=~^gpu or groups!~compute.";
        if (segments.FirstOrDefault(s => s is BracketSegment) is { } bracket)
        {
            throw Error(bracket.Position, "An attribute name can't contain a bracket list.", Example);
        }

        if (opPos == start)
        {
            throw Error(opPos, $"'{_text[opPos]}' needs an attribute name before it.", Example);
        }

        for (int i = start; i < opPos; i++)
        {
            if (!NodeRangeCharacters.IsAttributeNameChar(_text[i]))
            {
                throw Error(i, $"'{_text[i]}' can't be part of an attribute name.", "Attribute names are letters, digits, '.', '_' and '-'.");
            }
        }

        string name = _text[start..opPos];
        if (name.StartsWith("secret.", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(start, "Selecting nodes by a secret attribute is not allowed.", "Select by a non-secret attribute instead.");
        }

        char next = opPos + 1 < _text.Length ? _text[opPos + 1] : '\0';
        AttributeOperator op;
        int opLength = 2;
        if (_text[opPos] == '!')
        {
            op = next switch
            {
                '=' => AttributeOperator.NotEquals,
                '~' => AttributeOperator.NotMatches,
                _ => throw Error(opPos, "'!' must be followed by '=' or '~'.", Example),
            };
        }
        else if (next == '~')
        {
            op = AttributeOperator.Matches;
        }
        else
        {
            op = AttributeOperator.Equals;
            opLength = next == '=' ? 2 : 1;
        }

        int valueStart = opPos + opLength;
        _pos = valueStart;
        if (op is AttributeOperator.Matches or AttributeOperator.NotMatches)
        {
            _pos = ScanRegexBody(valueStart);
            if (_pos == valueStart)
            {
                throw Error(valueStart, $"'{_text[opPos..valueStart]}' must be followed by a regular expression.", Example);
            }
        }
        else
        {
            while (_pos < _text.Length && !NodeRangeCharacters.IsTermEnd(_text[_pos]))
            {
                _pos++;
            }
        }

        return new AttributeToken(start, name, op, _text[valueStart.._pos], valueStart);
    }

    /// <summary>Parses <c>[...]</c>: items separated by <c>,</c>, an item after <c>,-</c> is excluded.</summary>
    private BracketSegment ScanBracket()
    {
        int open = _pos;
        int close = open + 1;
        while (close < _text.Length && _text[close] != ']')
        {
            char c = _text[close];
            if (NodeRangeCharacters.IsBracketItemChar(c) || c is '-' or ':' or '.' or ',')
            {
                close++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                throw Error(close, "A space inside a bracket list.", "Write bracket lists without spaces, e.g. n[1,3,5-9].");
            }

            if (NodeRangeCharacters.IsTermEnd(c) || c == '[')
            {
                break;
            }

            throw Error(close, $"'{c}' can't appear inside a bracket list.", "Bracket lists hold numbers and ranges, e.g. n[1,3,5-9] or n[01-20:2].");
        }

        if (close >= _text.Length || _text[close] != ']')
        {
            throw Error(open, "'[' is never closed.", "Close the bracket list with ']', e.g. n[1-20].");
        }

        var items = new List<BracketItem>();
        int i = open + 1;
        if (i == close)
        {
            throw Error(open, "Empty bracket list.", "Put numbers or ranges between the brackets, e.g. n[1-20].");
        }

        while (true)
        {
            bool exclude = false;
            if (_text[i] == '-')
            {
                if (items.Count == 0)
                {
                    throw Error(i, "A bracket list can't start with '-'.", "Exclusions come after a first item: n[1-20,-7].");
                }

                exclude = true;
                i++;
            }

            items.Add(ScanBracketItem(ref i, close, exclude));
            if (i == close)
            {
                break;
            }

            // ScanBracketItem stops only at ',' or the closing bracket.
            i++;
        }

        _pos = close + 1;
        return new BracketSegment(open, items);
    }

    private BracketItem ScanBracketItem(ref int i, int close, bool exclude)
    {
        const string Example = "Bracket items are numbers, words or ranges: n[1,3,5-9], n[01-10], n[1-20:2].";
        int itemStart = i;
        var parts = new List<(int Start, int End)>();
        while (true)
        {
            int partStart = i;
            while (i < close && NodeRangeCharacters.IsBracketItemChar(_text[i]))
            {
                i++;
            }

            if (i == partStart)
            {
                throw Error(i, "Missing a number here in the bracket list.", Example);
            }

            parts.Add((partStart, i));
            if (i == close || _text[i] == ',')
            {
                break;
            }

            // A separator: '-', ':' or '..'.
            if (_text[i] == '.' && (i + 1 >= close || _text[i + 1] != '.'))
            {
                throw Error(i, "A single '.' inside a bracket list.", Example);
            }

            if (parts.Count == 3)
            {
                throw Error(i, "Too many parts in a bracket range.", "A range is start-end or start-end:step, e.g. n[1-20:2].");
            }

            i += _text[i] == '.' ? 2 : 1;
        }

        if (parts.Count == 1)
        {
            return new BracketItem(itemStart, exclude, _text[parts[0].Start..parts[0].End], 0, 0, 1, 0);
        }

        var numbers = new long[parts.Count];
        for (int p = 0; p < parts.Count; p++)
        {
            var span = _text.AsSpan(parts[p].Start, parts[p].End - parts[p].Start);
            if (!NameRuns.IsDigits(span))
            {
                throw Error(parts[p].Start, "Ranges inside brackets count over numbers only.", Example);
            }

            if (!NameRuns.TryParseNumber(span, out numbers[p]))
            {
                throw Error(parts[p].Start, $"The number is longer than {NameRuns.MaxNumberDigits} digits.", "Use a shorter range.");
            }
        }

        long step = parts.Count == 3 ? numbers[2] : 1;
        if (numbers[0] > numbers[1])
        {
            throw Error(
                itemStart,
                $"The range goes backwards ({numbers[0]} is more than {numbers[1]}).",
                "Write the smaller number first, e.g. n[1-20].");
        }

        if (step < 1)
        {
            throw Error(parts[2].Start, "A range step must be at least 1.", "e.g. n[1-20:2] is n1,n3,...,n19.");
        }

        return new BracketItem(itemStart, exclude, null, numbers[0], numbers[1], step, parts[0].End - parts[0].Start);
    }

    private NodeRangeException UnexpectedCharacter(int position) =>
        Error(
            position,
            $"Unexpected character '{_text[position]}'.",
            "A noderange is names, groups, ranges (n1-n20, n[1-20]), regexes (~expr), attribute selectors (rack=7) joined by ',' ',-' '@' and parentheses.");

    private NodeRangeException Error(int position, string problem, string hint) => new(_text, position, problem, hint);
}
