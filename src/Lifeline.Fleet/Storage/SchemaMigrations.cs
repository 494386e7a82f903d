namespace Lifeline.Fleet.Storage;

/// <summary>
/// The schema, as ordered steps. A step, once released, is never edited: a change is a new step at the end. Times are
/// UTC ticks (100 ns since 0001-01-01, exact for <see cref="DateTimeOffset"/>); JSON columns are text.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        SchemaMigration.Both(1, "inventory, credentials, users, tokens, audit", """
            CREATE TABLE nodes (
                name {name} PRIMARY KEY,
                ipmi_url TEXT,
                redfish_url TEXT,
                management TEXT NOT NULL,
                credential {name},
                console_method TEXT,
                inband_address TEXT,
                site TEXT,
                rack TEXT,
                u INTEGER,
                attributes TEXT NOT NULL,
                updated_at {bigint} NOT NULL
            );
            CREATE TABLE node_groups (
                node_name {name} NOT NULL REFERENCES nodes (name) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                group_name {name} NOT NULL,
                PRIMARY KEY (node_name, position)
            );
            CREATE INDEX node_groups_by_group ON node_groups (group_name, node_name);
            CREATE TABLE groups (
                name {name} PRIMARY KEY,
                description TEXT,
                credential {name},
                attributes TEXT NOT NULL,
                updated_at {bigint} NOT NULL
            );
            CREATE TABLE credentials (
                name {name} PRIMARY KEY,
                user_name TEXT NOT NULL,
                nonce {blob} NOT NULL,
                ciphertext {blob} NOT NULL,
                tag {blob} NOT NULL,
                updated_at {bigint} NOT NULL
            );
            CREATE TABLE users (
                name {name} PRIMARY KEY,
                password_hash TEXT NOT NULL,
                grants TEXT NOT NULL,
                disabled INTEGER NOT NULL,
                failed_logins INTEGER NOT NULL,
                locked_until {bigint},
                created_at {bigint} NOT NULL
            );
            CREATE TABLE tokens (
                id {name} PRIMARY KEY,
                user_name {name} NOT NULL,
                name TEXT NOT NULL,
                secret_hash {blob} NOT NULL,
                max_role INTEGER NOT NULL,
                created_at {bigint} NOT NULL,
                expires_at {bigint} NOT NULL,
                revoked_at {bigint},
                last_used_at {bigint}
            );
            CREATE INDEX tokens_by_user ON tokens (user_name);
            CREATE TABLE audit (
                id {identity},
                time {bigint} NOT NULL,
                actor TEXT NOT NULL,
                source TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT,
                outcome TEXT NOT NULL,
                details TEXT
            );
            CREATE INDEX audit_by_time ON audit (time);
            CREATE INDEX audit_by_actor ON audit (actor, time);
            """),
    ];

    public static int Latest => All[^1].Version;
}
