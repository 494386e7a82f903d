using Dapper;
using Lifeline.Drivers;
using Lifeline.Fleet.Inventory;

namespace Lifeline.Fleet.Storage;

internal abstract partial class SqlFleetStore
{
    public Task<IReadOnlyList<CredentialInfo>> ListCredentialsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<CredentialInfo>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<CredentialRow>(Command(
                "SELECT name AS Name, user_name AS UserName, updated_at AS UpdatedAt FROM credentials ORDER BY name",
                null, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => new CredentialInfo(r.Name, r.UserName, FromTicks(r.UpdatedAt)))],
            cancellationToken);

    public async Task SetCredentialAsync(string name, string userName, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        if (InventoryValidator.CheckCredentialName(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        ArgumentNullException.ThrowIfNull(userName);
        if (userName.Length > 256 || userName.Any(char.IsControl))
        {
            throw new ArgumentException("the BMC user name must be at most 256 characters, without control characters", nameof(userName));
        }

        var sealedValue = Protector.Encrypt(name, password.Span);
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "INSERT INTO credentials (name, user_name, nonce, ciphertext, tag, updated_at) " +
            "VALUES (@name, @userName, @nonce, @ciphertext, @tag, @now) " +
            "ON CONFLICT (name) DO UPDATE SET user_name = excluded.user_name, nonce = excluded.nonce, " +
            "ciphertext = excluded.ciphertext, tag = excluded.tag, updated_at = excluded.updated_at",
            new { name, userName, nonce = sealedValue.Nonce, ciphertext = sealedValue.Ciphertext, tag = sealedValue.Tag, now = Now() },
            transaction,
            cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<(string UserName, Secret Password)?> GetCredentialAsync(string name, CancellationToken cancellationToken)
    {
        RequireName(name, nameof(name));
        var row = await ReadAsync((connection, transaction) => connection.QuerySingleOrDefaultAsync<CredentialRow>(Command(
            "SELECT name AS Name, user_name AS UserName, nonce AS Nonce, ciphertext AS Ciphertext, tag AS Tag, updated_at AS UpdatedAt " +
            "FROM credentials WHERE name = @name",
            new { name }, transaction, cancellationToken)), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var password = Protector.Decrypt(name, new EncryptedCredential(row.Nonce, row.Ciphertext, row.Tag));
        return (row.UserName, password);
    }

    public async Task<bool> RemoveCredentialAsync(string name, CancellationToken cancellationToken)
    {
        RequireName(name, nameof(name));
        return await WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(Command(
            "DELETE FROM credentials WHERE name = @name", new { name }, transaction, cancellationToken)).ConfigureAwait(false) > 0,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sealed bytes as stored (tests check that no plaintext reaches the database).</summary>
    internal Task<EncryptedCredential?> GetSealedCredentialAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<CredentialRow>(Command(
                "SELECT name AS Name, user_name AS UserName, nonce AS Nonce, ciphertext AS Ciphertext, tag AS Tag, updated_at AS UpdatedAt " +
                "FROM credentials WHERE name = @name",
                new { name }, transaction, cancellationToken)).ConfigureAwait(false);
            return row is null ? null : new EncryptedCredential(row.Nonce, row.Ciphertext, row.Tag);
        }, cancellationToken);

    /// <summary>Replaces the sealed bytes of a credential as they are (tests: tampering, moving a ciphertext).</summary>
    internal Task PutSealedCredentialAsync(string name, string userName, EncryptedCredential sealedValue, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "INSERT INTO credentials (name, user_name, nonce, ciphertext, tag, updated_at) VALUES (@name, @userName, @nonce, @ciphertext, @tag, @now) " +
            "ON CONFLICT (name) DO UPDATE SET user_name = excluded.user_name, nonce = excluded.nonce, ciphertext = excluded.ciphertext, tag = excluded.tag",
            new { name, userName, nonce = sealedValue.Nonce, ciphertext = sealedValue.Ciphertext, tag = sealedValue.Tag, now = Now() },
            transaction,
            cancellationToken)), cancellationToken);

    private sealed class CredentialRow
    {
        public string Name { get; set; } = "";

        public string UserName { get; set; } = "";

        public byte[] Nonce { get; set; } = [];

        public byte[] Ciphertext { get; set; } = [];

        public byte[] Tag { get; set; } = [];

        public long UpdatedAt { get; set; }
    }
}
