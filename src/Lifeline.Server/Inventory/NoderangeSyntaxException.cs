namespace Lifeline.Server.Inventory;

/// <summary>A noderange that does not parse: answered 400 with <see cref="Position"/> (0-based) before anything runs.</summary>
internal sealed class NoderangeSyntaxException : Exception
{
    public NoderangeSyntaxException(string message, int position, Exception? inner = null)
        : base(message, inner)
    {
        Position = position;
    }

    public NoderangeSyntaxException()
    {
    }

    public NoderangeSyntaxException(string message)
        : base(message)
    {
    }

    public NoderangeSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Position { get; }
}
