namespace Lifeline.Fleet.Storage;

/// <summary>One step of the schema: its version (1, 2, …), what it does, and its SQL for each database.</summary>
internal sealed record SchemaMigration(int Version, string Description, string Sqlite, string Postgres)
{
    /// <summary>
    /// A step written once for both databases, with placeholders for the types that differ: <c>{name}</c> (a name
    /// compared bytewise), <c>{bigint}</c>, <c>{blob}</c> and <c>{identity}</c> (an auto-numbered primary key).
    /// </summary>
    public static SchemaMigration Both(int version, string description, string template) => new(
        version,
        description,
        template
            .Replace("{name}", "TEXT", StringComparison.Ordinal)
            .Replace("{bigint}", "INTEGER", StringComparison.Ordinal)
            .Replace("{blob}", "BLOB", StringComparison.Ordinal)
            .Replace("{identity}", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal),
        template
            .Replace("{name}", "TEXT COLLATE \"C\"", StringComparison.Ordinal)
            .Replace("{bigint}", "BIGINT", StringComparison.Ordinal)
            .Replace("{blob}", "BYTEA", StringComparison.Ordinal)
            .Replace("{identity}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", StringComparison.Ordinal));
}
