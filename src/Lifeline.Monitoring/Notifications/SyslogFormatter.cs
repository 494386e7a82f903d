using System.Globalization;
using System.Text;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// RFC 5424 syslog messages for alert notifications:
/// <code>
/// &lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [lifeline@32473 node="…" rule="…" alert="…" severity="…" …] BOM MSG
/// </code>
/// PRI = facility × 8 + severity (RFC 5424 §6.2.1): critical → crit (2), warning → warning (4), info → info (6);
/// resolved and acknowledged → notice (5). MSGID is the transition (firing, acknowledged, resolved, reminder).
/// The SD-ID uses 32473, the example private enterprise number of RFC 5612. MSG is a UTF-8 BOM and the summary line.
/// </summary>
public static class SyslogFormatter
{
    /// <summary>The structured-data element id (RFC 5424 §6.3.2, enterprise number 32473 from RFC 5612).</summary>
    public const string SdId = "lifeline@32473";

    /// <summary>Largest UDP message we send (RFC 5426 §3.2: receivers should take 2048 octets).</summary>
    public const int MaxUdpMessageBytes = 2048;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly Dictionary<string, int> Facilities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kern"] = 0, ["user"] = 1, ["mail"] = 2, ["daemon"] = 3, ["auth"] = 4, ["syslog"] = 5, ["lpr"] = 6, ["news"] = 7,
        ["uucp"] = 8, ["cron"] = 9, ["authpriv"] = 10, ["ftp"] = 11, ["ntp"] = 12, ["security"] = 13, ["console"] = 14,
        ["solaris-cron"] = 15, ["local0"] = 16, ["local1"] = 17, ["local2"] = 18, ["local3"] = 19, ["local4"] = 20,
        ["local5"] = 21, ["local6"] = 22, ["local7"] = 23,
    };

    /// <summary>The facility code (0–23) of a name or number, or null.</summary>
    public static int? ParseFacility(string? facility)
    {
        if (facility is null)
        {
            return null;
        }

        if (Facilities.TryGetValue(facility.Trim(), out int code))
        {
            return code;
        }

        return int.TryParse(facility, NumberStyles.None, CultureInfo.InvariantCulture, out code) && code is >= 0 and <= 23 ? code : null;
    }

    /// <summary>The RFC 5424 severity (0–7) an alert change is sent with.</summary>
    public static int SeverityOf(AlertPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Transition is AlertTransition.Resolved or AlertTransition.Acknowledged)
        {
            return 5; // notice
        }

        return payload.Alert.Severity switch
        {
            Severity.Critical => 2, // crit
            Severity.Warning => 4, // warning
            _ => 6, // info
        };
    }

    /// <summary>The whole message as bytes (no framing).</summary>
    public static byte[] Format(AlertPayload payload, int facility, string hostname, string appName, int processId)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var alert = payload.Alert;
        var header = new StringBuilder(256);
        header.Append('<').Append((facility * 8) + SeverityOf(payload)).Append(">1 ");
        header.Append(payload.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append(' ');
        header.Append(HeaderField(hostname, 255)).Append(' ');
        header.Append(HeaderField(appName, 48)).Append(' ');
        header.Append(processId.ToString(CultureInfo.InvariantCulture)).Append(' ');
        header.Append(HeaderField(Word(payload.Transition), 32)).Append(' ');

        header.Append('[').Append(SdId);
        Param(header, "node", alert.Node);
        Param(header, "rule", alert.Rule);
        Param(header, "alert", alert.Id.ToString(CultureInfo.InvariantCulture));
        Param(header, "severity", Word(alert.Severity));
        if (alert.Subject is not null)
        {
            Param(header, "subject", alert.Subject);
        }

        Param(header, "state", Word(alert.State));
        Param(header, "service", payload.Service);
        header.Append("] ");

        string message = $"{Word(payload.Transition).ToUpperInvariant()} {Word(alert.Severity)} {alert.Node}: {alert.Summary}";
        byte[] head = Encoding.UTF8.GetBytes(header.ToString());
        byte[] body = Encoding.UTF8.GetBytes(OneLine(message));
        byte[] result = new byte[head.Length + Bom.Length + body.Length];
        head.CopyTo(result, 0);
        Bom.CopyTo(result, head.Length);
        body.CopyTo(result, head.Length + Bom.Length);
        return result;
    }

    /// <summary>
    /// The message cut to at most <paramref name="maxBytes"/> without splitting a UTF-8 sequence (the cut falls in MSG,
    /// the last part, so the header and structured data stay whole as long as they fit).
    /// </summary>
    public static ReadOnlyMemory<byte> Truncate(byte[] message, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= maxBytes)
        {
            return message;
        }

        int end = maxBytes;
        while (end > 0 && (message[end] & 0xC0) == 0x80)
        {
            end--; // message[end] continues a sequence: cut before the sequence starts
        }

        return message.AsMemory(0, end);
    }

    /// <summary>RFC 6587 §3.4.1 octet counting: "LEN SP MSG".</summary>
    public static byte[] Frame(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        byte[] prefix = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
        byte[] framed = new byte[prefix.Length + message.Length];
        prefix.CopyTo(framed, 0);
        message.CopyTo(framed, prefix.Length);
        return framed;
    }

    /// <summary>RFC 5424 §6.3.3: in a PARAM-VALUE, '"', '\' and ']' are escaped with '\'.</summary>
    public static string EscapeParamValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            if (c is '"' or '\\' or ']')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    internal static bool IsPrintableAscii(string value) => value.All(c => c is >= '!' and <= '~');

    private static void Param(StringBuilder sb, string name, string value) =>
        sb.Append(' ').Append(name).Append("=\"").Append(EscapeParamValue(OneLine(value))).Append('"');

    /// <summary>A header field: printable US-ASCII only (others become '_'), at most <paramref name="max"/> characters, "-" when empty.</summary>
    private static string HeaderField(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var chars = value.Select(c => c is >= '!' and <= '~' ? c : '_').Take(max).ToArray();
        return new string(chars);
    }

    private static string OneLine(string value) => value.ReplaceLineEndings(" ");

    private static string Word<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
