using Dapper;
using Lifeline.Fleet.Security;

namespace Lifeline.Fleet.Storage;

internal abstract partial class SqlFleetStore
{
    private const string TokenColumns =
        "id AS Id, user_name AS UserName, name AS Name, secret_hash AS SecretHash, max_role AS MaxRole, created_at AS CreatedAt, " +
        "expires_at AS ExpiresAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt";

    public async Task AddTokenAsync(TokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        RequireName(token.Id, "token id");
        RequireName(token.UserName, "user name");
        ArgumentNullException.ThrowIfNull(token.Name);
        ArgumentNullException.ThrowIfNull(token.SecretHash);
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "INSERT INTO tokens (id, user_name, name, secret_hash, max_role, created_at, expires_at, revoked_at, last_used_at) " +
            "VALUES (@id, @userName, @name, @secretHash, @maxRole, @createdAt, @expiresAt, @revokedAt, @lastUsedAt)",
            new
            {
                id = token.Id,
                userName = token.UserName,
                name = token.Name,
                secretHash = token.SecretHash,
                maxRole = (int)token.MaxRole,
                createdAt = Ticks(token.CreatedAt),
                expiresAt = Ticks(token.ExpiresAt),
                revokedAt = Ticks(token.RevokedAt),
                lastUsedAt = Ticks(token.LastUsedAt),
            },
            transaction,
            cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    public Task<TokenRecord?> GetTokenAsync(string id, CancellationToken cancellationToken)
    {
        RequireName(id, nameof(id));
        return ReadAsync(async (connection, transaction) =>
            (await connection.QuerySingleOrDefaultAsync<TokenRow>(Command(
                $"SELECT {TokenColumns} FROM tokens WHERE id = @id", new { id }, transaction, cancellationToken)).ConfigureAwait(false))
                ?.ToToken(),
            cancellationToken);
    }

    /// <summary>Oldest first.</summary>
    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(string? userName, bool includeRevoked, CancellationToken cancellationToken)
    {
        string where = (userName, includeRevoked) switch
        {
            (null, true) => "",
            (null, false) => "WHERE revoked_at IS NULL",
            (_, true) => "WHERE user_name = @userName",
            (_, false) => "WHERE user_name = @userName AND revoked_at IS NULL",
        };
        return ReadAsync<IReadOnlyList<TokenRecord>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<TokenRow>(Command(
                $"SELECT {TokenColumns} FROM tokens {where} ORDER BY created_at, id", new { userName }, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToToken())],
            cancellationToken);
    }

    /// <summary>True when the token exists (revoking twice keeps the first time).</summary>
    public async Task<bool> RevokeTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken)
    {
        RequireName(id, nameof(id));
        return await WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(Command(
            "UPDATE tokens SET revoked_at = COALESCE(revoked_at, @when) WHERE id = @id",
            new { id, when = Ticks(when) }, transaction, cancellationToken)).ConfigureAwait(false) > 0,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a use; never moves the last use backwards (several servers may touch the same token).</summary>
    public async Task TouchTokenAsync(string id, DateTimeOffset when, CancellationToken cancellationToken)
    {
        RequireName(id, nameof(id));
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "UPDATE tokens SET last_used_at = @when WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @when)",
            new { id, when = Ticks(when) }, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    private sealed class TokenRow
    {
        public string Id { get; set; } = "";

        public string UserName { get; set; } = "";

        public string Name { get; set; } = "";

        public byte[] SecretHash { get; set; } = [];

        public long MaxRole { get; set; }

        public long CreatedAt { get; set; }

        public long ExpiresAt { get; set; }

        public long? RevokedAt { get; set; }

        public long? LastUsedAt { get; set; }

        public TokenRecord ToToken() => new()
        {
            Id = Id,
            UserName = UserName,
            Name = Name,
            SecretHash = SecretHash,
            MaxRole = (Role)MaxRole,
            CreatedAt = FromTicks(CreatedAt),
            ExpiresAt = FromTicks(ExpiresAt),
            RevokedAt = FromTicks(RevokedAt),
            LastUsedAt = FromTicks(LastUsedAt),
        };
    }
}
