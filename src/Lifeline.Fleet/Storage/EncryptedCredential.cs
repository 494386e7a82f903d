namespace Lifeline.Fleet.Storage;

/// <summary>A password sealed with AES-256-GCM: the 96-bit nonce, the ciphertext and the 128-bit tag, as stored.</summary>
public sealed record EncryptedCredential(byte[] Nonce, byte[] Ciphertext, byte[] Tag)
{
    public override string ToString() => $"EncryptedCredential({Ciphertext.Length} bytes)";
}
