using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Lifeline.Server.Configuration;

namespace Lifeline.Server.Auth;

/// <summary>
/// Argon2id password hashing (RFC 9106) with self-describing PHC strings:
/// <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c> (unpadded base64). Verification recomputes with the
/// stored parameters and compares in constant time. At most one hash per core runs at once, so a burst of logins
/// cannot take all memory (each hash holds <c>m</c> KiB).
/// </summary>
internal sealed class PasswordHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _memoryKiB;
    private readonly int _iterations;
    private readonly int _parallelism;
    private readonly SemaphoreSlim _gate = new(Math.Max(1, Environment.ProcessorCount));
    private readonly Lazy<string> _dummy;

    public PasswordHasher(AuthSettings settings)
    {
        _memoryKiB = Math.Max(8, settings.Argon2MemoryKiB);
        _iterations = Math.Max(1, settings.Argon2Iterations);
        _parallelism = Math.Max(1, settings.Argon2Parallelism);
        _dummy = new Lazy<string>(() => HashCore("lifeline-dummy-password"u8, RandomNumberGenerator.GetBytes(SaltBytes), _memoryKiB, _iterations, _parallelism));
    }

    /// <summary>A PHC string for <paramref name="password"/> with a fresh random salt.</summary>
    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[] bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return HashCore(bytes, RandomNumberGenerator.GetBytes(SaltBytes), _memoryKiB, _iterations, _parallelism);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            _gate.Release();
        }
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="phc"/>. With a null <paramref name="phc"/> (no such
    /// user) a dummy hash is computed anyway so the answer takes as long as for a real user, and false is returned.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? phc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        bool real = phc is not null && TryParse(phc, out _, out _, out _, out _, out _);
        var target = real ? phc! : _dummy.Value;
        if (!TryParse(target, out int m, out int t, out int p, out byte[] salt, out byte[] expected))
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[] bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            byte[] actual = Compute(bytes, salt, m, t, p, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected) && real;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            _gate.Release();
        }
    }

    private static string HashCore(ReadOnlySpan<byte> password, byte[] salt, int m, int t, int p)
    {
        byte[] hash = Compute(password.ToArray(), salt, m, t, p, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"$argon2id$v=19$m={m},t={t},p={p}${B64(salt)}${B64(hash)}");
    }

    private static byte[] Compute(byte[] password, byte[] salt, int m, int t, int p, int length)
    {
        using var argon = new Argon2id(password)
        {
            Salt = salt,
            MemorySize = m,
            Iterations = t,
            DegreeOfParallelism = p,
        };
        return argon.GetBytes(length);
    }

    /// <summary>Parses <c>$argon2id$v=19$m=..,t=..,p=..$salt$hash</c>; false for anything else.</summary>
    internal static bool TryParse(string phc, out int m, out int t, out int p, out byte[] salt, out byte[] hash)
    {
        m = t = p = 0;
        salt = hash = [];
        var parts = phc.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        foreach (var kv in parts[3].Split(','))
        {
            var pair = kv.Split('=', 2);
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
            {
                return false;
            }

            switch (pair[0])
            {
                case "m": m = value; break;
                case "t": t = value; break;
                case "p": p = value; break;
                default: return false;
            }
        }

        // refuse absurd costs from a tampered row instead of allocating gigabytes
        if (m is 0 or > 4 * 1024 * 1024 || t is 0 or > 100 || p is 0 or > 64)
        {
            return false;
        }

        try
        {
            salt = FromB64(parts[4]);
            hash = FromB64(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
