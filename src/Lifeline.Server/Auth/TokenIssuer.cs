using Lifeline.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;

namespace Lifeline.Server.Auth;

/// <summary>Makes tokens: a random id and secret, the secret's SHA-256 stored, the full text returned once.</summary>
internal sealed class TokenIssuer(IFleetStore store, [FromKeyedServices(ServiceClock.Key)] TimeProvider time)
{
    public async Task<(string Text, TokenRecord Record)> IssueAsync(string userName, string name, Role maxRole, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = TokenSecrets.NewId();
        var secret = TokenSecrets.NewSecret();
        var record = new TokenRecord
        {
            Id = id,
            UserName = userName,
            Name = name,
            SecretHash = TokenSecrets.Hash(secret),
            MaxRole = maxRole,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        await store.AddTokenAsync(record, cancellationToken).ConfigureAwait(false);
        return (TokenSecrets.Format(id, secret), record);
    }
}
