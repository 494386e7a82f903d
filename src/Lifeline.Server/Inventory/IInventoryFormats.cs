using Lifeline.Fleet.Inventory;

namespace Lifeline.Server.Inventory;

/// <summary>The inventory file formats (<c>yaml</c>, <c>csv</c>) for import and export.</summary>
internal interface IInventoryFormats
{
    /// <summary>The format names accepted, lower-case.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Reads a whole file; throws <see cref="InventoryFormatException"/> saying where it is wrong.</summary>
    (IReadOnlyList<NodeDefinition> Nodes, IReadOnlyList<GroupDefinition> Groups) Read(string format, string text);

    string Write(string format, IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<GroupDefinition> groups);

    /// <summary>The media type of an exported file.</summary>
    string ContentType(string format);
}

/// <summary>An inventory file that does not read: the message says where and what.</summary>
internal sealed class InventoryFormatException : Exception
{
    public InventoryFormatException()
    {
    }

    public InventoryFormatException(string message)
        : base(message)
    {
    }

    public InventoryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
