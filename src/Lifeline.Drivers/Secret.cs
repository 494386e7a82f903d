using System.Security.Cryptography;
using System.Text;

namespace Lifeline.Drivers;

/// <summary>
/// A password or key held as bytes. It prints as <c>[redacted]</c> everywhere (ToString, records that contain it,
/// logs, exception messages) and zeroes its bytes when disposed. Read it with <see cref="Bytes"/> only where it is
/// used on the wire.
/// </summary>
public sealed class Secret : IDisposable
{
    private readonly byte[] _bytes;
    private bool _disposed;

    public Secret(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
    }

    /// <summary>The secret's bytes. Throws once disposed.</summary>
    public ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    public int Length => _bytes.Length;

    /// <summary>A secret from text, UTF-8 encoded.</summary>
    public static Secret FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            return new Secret(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public override string ToString() => "[redacted]";

    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_bytes);
            _disposed = true;
        }
    }
}
