using System.Security.Cryptography;
using System.Text;

namespace Lifeline.Server.Auth;

/// <summary>
/// API token text: <c>ll_&lt;id&gt;_&lt;secret&gt;</c>, the id 12 lower-case letters/digits (the lookup key), the secret
/// 40 letters/digits (~238 bits). Only SHA-256 of the secret is stored; a leaked database does not yield tokens.
/// </summary>
internal static class TokenSecrets
{
    public const string Prefix = "ll_";
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, 12);

    public static string NewSecret() => RandomNumberGenerator.GetString(SecretAlphabet, 40);

    /// <summary>A random password for the first admin: 24 letters and digits.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(SecretAlphabet, 24);

    public static string Format(string id, string secret) => $"{Prefix}{id}_{secret}";

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Splits a presented token; false when it does not have the shape (nothing is looked up then).</summary>
    public static bool TryParse(string? token, out string id, out string secret)
    {
        id = secret = "";
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return false;
        }

        int sep = token.IndexOf('_', Prefix.Length);
        if (sep <= Prefix.Length || sep == token.Length - 1)
        {
            return false;
        }

        id = token[Prefix.Length..sep];
        secret = token[(sep + 1)..];
        return true;
    }

    /// <summary>Compares a presented secret with the stored hash in constant time.</summary>
    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
