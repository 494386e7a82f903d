using System.Security.Cryptography;
using System.Text;
using Lifeline.Drivers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifeline.Fleet.Storage;

/// <summary>
/// Seals stored BMC passwords with AES-256-GCM: a fresh random 96-bit nonce per encryption and the credential's name as
/// associated data, so a ciphertext copied under another name does not decrypt. The key is 32 bytes from the
/// environment variable (base64) when set, else from the key file, which is created (mode 0600, atomically) when
/// missing; a key file readable by anyone but its owner is refused. The key never enters the database or a log.
/// </summary>
public sealed class CredentialProtector : IDisposable
{
    /// <summary>AES-256: 32 key bytes.</summary>
    public const int KeySize = 32;

    /// <summary>GCM's 96-bit nonce.</summary>
    public const int NonceSize = 12;

    /// <summary>GCM's full 128-bit tag.</summary>
    public const int TagSize = 16;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly byte[] _key;
    private bool _disposed;

    private CredentialProtector(byte[] key, string source)
    {
        _key = key;
        Source = source;
    }

    /// <summary>Where the key came from, for a startup log line: the variable's or the file's name, never the key.</summary>
    public string Source { get; }

    /// <summary>A protector over <paramref name="key"/> (32 bytes), e.g. for tests.</summary>
    public static CredentialProtector FromKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new SecretKeyException($"the credential key must be {KeySize} bytes, not {key.Length}");
        }

        return new CredentialProtector(key.ToArray(), "given key");
    }

    /// <summary>
    /// The key from <see cref="StorageOptions.SecretKeyEnvironmentVariable"/> when set, else from
    /// <see cref="StorageOptions.ResolvedSecretKeyFile"/>, created when missing.
    /// </summary>
    /// <exception cref="SecretKeyException">The key is malformed, or the file is readable by others or unreadable.</exception>
    public static CredentialProtector Load(StorageOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        string variable = options.SecretKeyEnvironmentVariable;
        string? fromEnvironment = string.IsNullOrEmpty(variable) ? null : Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var key = DecodeBase64(fromEnvironment, $"the environment variable {variable}");
            StoreLog.KeyFromEnvironment(logger, variable);
            return new CredentialProtector(key, $"environment variable {variable}");
        }

        string path = Path.GetFullPath(options.ResolvedSecretKeyFile);
        if (!File.Exists(path))
        {
            if (TryCreateKeyFile(path))
            {
                StoreLog.KeyFileCreated(logger, path);
            }
        }

        var fileKey = ReadKeyFile(path);
        StoreLog.KeyFromFile(logger, path);
        return new CredentialProtector(fileKey, $"key file {path}");
    }

    /// <summary>Seals <paramref name="password"/> for the credential <paramref name="name"/>.</summary>
    public EncryptedCredential Encrypt(string name, ReadOnlySpan<byte> password)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[password.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, password, ciphertext, tag, Encoding.UTF8.GetBytes(name));
        return new EncryptedCredential(nonce, ciphertext, tag);
    }

    /// <summary>Opens the password sealed for <paramref name="name"/>; the caller disposes the secret.</summary>
    /// <exception cref="CredentialDecryptionException">Wrong key, altered bytes, or sealed under another name.</exception>
    public Secret Decrypt(string name, EncryptedCredential sealedValue)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sealedValue);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sealedValue.Nonce.Length != NonceSize || sealedValue.Tag.Length != TagSize)
        {
            throw new CredentialDecryptionException(name);
        }

        var plaintext = new byte[sealedValue.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedValue.Nonce, sealedValue.Ciphertext, sealedValue.Tag, plaintext, Encoding.UTF8.GetBytes(name));
            return new Secret(plaintext);
        }
        catch (CryptographicException)
        {
            throw new CredentialDecryptionException(name);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_key);
            _disposed = true;
        }
    }

    public override string ToString() => $"CredentialProtector({Source})";

    private static byte[] DecodeBase64(string text, string where)
    {
        var buffer = new byte[Math.Min(text.Length, 4096)];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out int written) || written != KeySize)
        {
            CryptographicOperations.ZeroMemory(buffer);
            throw new SecretKeyException(
                $"{where} must hold the base64 of {KeySize} random bytes (make one with: openssl rand -base64 {KeySize})");
        }

        var key = buffer[..KeySize];
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }

    /// <summary>Writes a new random key to a private temporary file, then links it into place unless another process won.</summary>
    private static bool TryCreateKeyFile(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        string temporary = $"{path}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp";
        var key = RandomNumberGenerator.GetBytes(KeySize);
        var text = Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(text);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false; // another server created it first: use theirs
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretKeyException(
                $"cannot create the credential key file {path}: {e.Message}; make its directory writable by the service, " +
                $"or provide the key in the environment variable", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(text);
            File.Delete(temporary);
        }
    }

    private static byte[] ReadKeyFile(string path)
    {
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                if ((mode & GroupOrOther) != 0)
                {
                    throw new SecretKeyException(
                        $"the credential key file {path} has mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}: users other than " +
                        $"its owner can read or change it; run: chmod 600 {path}");
                }
            }

            var info = new FileInfo(path);
            if (info.Length > 1024)
            {
                throw WrongLength(path);
            }

            var bytes = File.ReadAllBytes(path);
            try
            {
                if (bytes.Length == KeySize)
                {
                    return bytes.ToArray();
                }

                string text = Encoding.ASCII.GetString(bytes);
                var buffer = new byte[bytes.Length];
                try
                {
                    if (Convert.TryFromBase64String(text.Trim(), buffer, out int written) && written == KeySize)
                    {
                        return buffer[..KeySize];
                    }
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(buffer);
                }

                throw WrongLength(path);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretKeyException($"cannot read the credential key file {path}: {e.Message}", e);
        }
    }

    private static SecretKeyException WrongLength(string path) =>
        new($"the credential key file {path} must hold {KeySize} bytes, raw or base64 (make one with: " +
            $"openssl rand -base64 {KeySize} > {path}; chmod 600 {path}); it holds something else");
}
