using System.Data;

namespace Lifeline.Fleet.Storage;

/// <summary>A column written in bulk: its name and the type its values are bound as.</summary>
internal sealed record StoreColumn(string Name, DbType Type);
