using System.Security.Cryptography;
using System.Text;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// The webhook signature: <c>X-Lifeline-Signature: sha256=HEX</c> where HEX is the lowercase hex
/// HMAC-SHA256(key, timestamp + "." + body), key and body as UTF-8 bytes and timestamp the decimal
/// <c>X-Lifeline-Timestamp</c> (Unix seconds). Signing the timestamp lets a receiver reject replays: verify the
/// signature, then refuse a timestamp more than a few minutes from its clock (and remember
/// <c>X-Lifeline-Delivery</c> ids to drop retries it already handled).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The scheme prefix of the header value.</summary>
    public const string Prefix = "sha256=";

    /// <summary>The header value for this key, timestamp and body.</summary>
    public static string Compute(string key, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(body);
        byte[] signed = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + body);
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), signed);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether <paramref name="header"/> is the signature of this body and timestamp (constant-time compare).</summary>
    public static bool Verify(string key, long timestamp, string body, string? header)
    {
        if (header is null)
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(Compute(key, timestamp, body));
        byte[] actual = Encoding.ASCII.GetBytes(header.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
