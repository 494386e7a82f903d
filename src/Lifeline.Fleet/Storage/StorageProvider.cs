namespace Lifeline.Fleet.Storage;

/// <summary>The database behind <see cref="IFleetStore"/>.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file in the data directory (the default; one server).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (production; several servers may share it).</summary>
    Postgres,
}
