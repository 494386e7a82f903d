namespace Lifeline.Fleet.Storage;

/// <summary>
/// A stored credential does not decrypt with the service key: the key changed (another key file or
/// <c>LIFELINE_SECRET_KEY</c>) or the stored value was altered. Names the credential, never shows its bytes.
/// </summary>
public sealed class CredentialDecryptionException : Exception
{
    public CredentialDecryptionException(string credentialName)
        : base($"credential '{credentialName}' cannot be decrypted with this service's key: the key is not the one it was " +
            "stored with (check the key file or LIFELINE_SECRET_KEY), or the stored value was altered; " +
            $"set the credential again (PUT /credentials/{credentialName}) if the old key is lost")
    {
        CredentialName = credentialName;
    }

    public CredentialDecryptionException()
        : this("?")
    {
    }

    public CredentialDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        CredentialName = "?";
    }

    /// <summary>The credential that failed.</summary>
    public string CredentialName { get; }
}
