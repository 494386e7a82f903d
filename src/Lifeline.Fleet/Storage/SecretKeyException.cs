namespace Lifeline.Fleet.Storage;

/// <summary>The credential key cannot be used (bad length or encoding, unsafe file permissions, unreadable file); the message says what to do.</summary>
public sealed class SecretKeyException : Exception
{
    public SecretKeyException()
        : base("the credential key cannot be used")
    {
    }

    public SecretKeyException(string message)
        : base(message)
    {
    }

    public SecretKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
