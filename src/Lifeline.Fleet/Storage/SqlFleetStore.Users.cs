using Dapper;
using Lifeline.Fleet.Security;

namespace Lifeline.Fleet.Storage;

internal abstract partial class SqlFleetStore
{
    private const string UserColumns =
        "name AS Name, password_hash AS PasswordHash, grants AS Grants, disabled AS Disabled, failed_logins AS FailedLogins, " +
        "locked_until AS LockedUntil, created_at AS CreatedAt";

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<UserRecord>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<UserRow>(Command(
                $"SELECT {UserColumns} FROM users ORDER BY name", null, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToUser())],
            cancellationToken);

    public Task<UserRecord?> GetUserAsync(string name, CancellationToken cancellationToken)
    {
        RequireName(name, nameof(name));
        return ReadAsync(async (connection, transaction) =>
            (await connection.QuerySingleOrDefaultAsync<UserRow>(Command(
                $"SELECT {UserColumns} FROM users WHERE name = @name", new { name }, transaction, cancellationToken)).ConfigureAwait(false))
                ?.ToUser(),
            cancellationToken);
    }

    public async Task UpsertUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequireName(user.Name, "user name");
        ArgumentException.ThrowIfNullOrEmpty(user.PasswordHash, "password hash");
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "INSERT INTO users (name, password_hash, grants, disabled, failed_logins, locked_until, created_at) " +
            "VALUES (@name, @passwordHash, @grants, @disabled, @failedLogins, @lockedUntil, @createdAt) " +
            "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, grants = excluded.grants, " +
            "disabled = excluded.disabled, failed_logins = excluded.failed_logins, locked_until = excluded.locked_until, " +
            "created_at = excluded.created_at",
            new
            {
                name = user.Name,
                passwordHash = user.PasswordHash,
                grants = StoreJson.Grants(user.Grants),
                disabled = user.Disabled ? 1 : 0,
                failedLogins = user.FailedLogins,
                lockedUntil = Ticks(user.LockedUntil),
                createdAt = Ticks(user.CreatedAt),
            },
            transaction,
            cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the user and revokes (not deletes) its tokens, in one transaction.</summary>
    public async Task<bool> RemoveUserAsync(string name, CancellationToken cancellationToken)
    {
        RequireName(name, nameof(name));
        return await WriteAsync(async (connection, transaction) =>
        {
            int removed = await connection.ExecuteAsync(Command(
                "DELETE FROM users WHERE name = @name", new { name }, transaction, cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(Command(
                "UPDATE tokens SET revoked_at = @now WHERE user_name = @name AND revoked_at IS NULL",
                new { name, now = Now() }, transaction, cancellationToken)).ConfigureAwait(false);
            return removed > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class UserRow
    {
        public string Name { get; set; } = "";

        public string PasswordHash { get; set; } = "";

        public string? Grants { get; set; }

        public long Disabled { get; set; }

        public long FailedLogins { get; set; }

        public long? LockedUntil { get; set; }

        public long CreatedAt { get; set; }

        public UserRecord ToUser() => new()
        {
            Name = Name,
            PasswordHash = PasswordHash,
            Grants = StoreJson.Grants(Grants),
            Disabled = Disabled != 0,
            FailedLogins = (int)FailedLogins,
            LockedUntil = FromTicks(LockedUntil),
            CreatedAt = FromTicks(CreatedAt),
        };
    }
}
