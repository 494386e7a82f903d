namespace Lifeline.Monitoring.Storage;

/// <summary>Checks text before it reaches SQL: length limits, no NUL (PostgreSQL refuses it), well-formed UTF-16.</summary>
internal static class StoreText
{
    public const int NameLength = 256;
    public const int ShortLength = 128;
    public const int KeyLength = 1024;
    public const int MessageLength = 64 * 1024;
    public const int DocumentLength = 1024 * 1024;

    /// <summary>A required value: not null or empty, at most <paramref name="maxLength"/> characters.</summary>
    public static string Require(string? value, string what, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"the {what} is missing", what);
        }

        Check(value, what, maxLength);
        return value;
    }

    /// <summary>An optional value: null passes.</summary>
    public static string? Optional(string? value, string what, int maxLength)
    {
        if (value is not null)
        {
            Check(value, what, maxLength);
        }

        return value;
    }

    /// <summary>Cuts text the store records about failures (an error message) instead of refusing it.</summary>
    public static string Truncate(string value, int maxLength)
    {
        string cut = value.Length <= maxLength ? value : value[..maxLength];
        return Clean(cut);
    }

    private static void Check(string value, string what, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"the {what} is {value.Length} characters long; at most {maxLength} are stored — shorten it", what);
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\0')
            {
                throw new ArgumentException($"the {what} contains a NUL character at {i}; remove it", what);
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"the {what} contains a lone UTF-16 surrogate at {i}; it is not valid text", what);
            }
        }
    }

    private static string Clean(string value)
    {
        var chars = value.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (chars[i] == '\0' || char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
