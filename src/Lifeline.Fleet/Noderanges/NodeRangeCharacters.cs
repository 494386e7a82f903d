namespace Lifeline.Fleet.Noderanges;

/// <summary>Which characters may appear where in a noderange.</summary>
internal static class NodeRangeCharacters
{
    /// <summary>Characters of a plain name or range word: letters, digits, <c>- _ . : +</c>.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '+';

    /// <summary>Characters that end a term: whitespace and the operators.</summary>
    public static bool IsTermEnd(char c) => char.IsWhiteSpace(c) || c is ',' or '@' or '(' or ')' or '<' or '>';

    /// <summary>Characters of an attribute name: letters, digits, <c>. _ -</c>.</summary>
    public static bool IsAttributeNameChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-';

    /// <summary>Characters of one bracket-list item: letters, digits and <c>_</c>.</summary>
    public static bool IsBracketItemChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>
    /// Whether <paramref name="name"/> can be written as a plain word that reads back as exactly that name: word
    /// characters only, not starting with <c>-</c> (which would read as an exclusion after a comma).
    /// </summary>
    public static bool IsNameable(string? name)
    {
        if (string.IsNullOrEmpty(name) || name[0] == '-')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsWordChar(c))
            {
                return false;
            }
        }

        return true;
    }
}
