using System.Text;
using System.Text.Json;

namespace Lifeline.Redfish.Http;

/// <summary>
/// Reads a Redfish error body (DSP0266 v1.20 clause "Error responses"):
/// <code>
/// { "error": { "code": "Base.1.8.GeneralError", "message": "...",
///              "@Message.ExtendedInfo": [ { "MessageId", "Message", "Resolution", "Severity" } ] } }
/// </code>
/// Anything that does not fit that shape (HTML from a proxy, empty, truncated) still yields a usable exception: the
/// status and the first bytes of the body as text.
/// </summary>
internal static class ErrorBody
{
    public static RedfishException ToException(string method, Uri uri, int status, ReadOnlySpan<byte> body, bool mayHaveBeenDelivered)
    {
        string? code = null, message = null;
        var infos = new List<RedfishMessage>();
        try
        {
            if (!System.Text.Unicode.Utf8.IsValid(body))
            {
                throw new JsonException("not UTF-8");
            }
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Json.RedfishJson.MaxDepth });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
                code = Str(error, "code");
                message = Str(error, "message");
                ReadMessages(error, "@Message.ExtendedInfo", infos);
            }
        }
        catch (JsonException)
        {
            message = body.IsEmpty ? null : Printable(body);
        }
        var messageId = infos.FirstOrDefault(i => i.MessageId is not null)?.MessageId ?? code;
        var text = new StringBuilder($"{method} {uri.AbsolutePath}: HTTP {status}");
        if (messageId is not null)
        {
            text.Append(' ').Append(messageId);
        }
        var detail = infos.FirstOrDefault(i => i.Message is not null)?.Message ?? message;
        if (detail is not null)
        {
            text.Append(": ").Append(detail);
        }
        var error2 = status == 401 ? RedfishError.Unauthorized
            : messageId?.Contains("SessionLimitExceeded", StringComparison.OrdinalIgnoreCase) == true ? RedfishError.SessionLimit
            : RedfishError.Rejected;
        return new RedfishException(error2, text.ToString())
        {
            StatusCode = status,
            MessageId = messageId,
            ExtendedInfo = infos,
            Resolutions = infos.Select(i => i.Resolution).Where(r => !string.IsNullOrWhiteSpace(r)).Distinct().ToList()!,
            MayHaveBeenDelivered = mayHaveBeenDelivered,
        };
    }

    /// <summary>Reads a Message array (ExtendedInfo or Task.Messages); entries of the wrong shape are skipped.</summary>
    public static void ReadMessages(JsonElement parent, string property, List<RedfishMessage> into)
    {
        if (!parent.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var m in list.EnumerateArray().Take(64))
        {
            if (m.ValueKind == JsonValueKind.Object)
            {
                into.Add(new RedfishMessage(Str(m, "MessageId"), Str(m, "Message"), Str(m, "Resolution"), Str(m, "Severity")));
            }
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Printable(ReadOnlySpan<byte> body)
    {
        var s = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString().Trim();
    }
}
