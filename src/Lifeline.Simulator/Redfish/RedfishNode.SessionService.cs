using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Redfish;

// SessionService.v1_1_8 / Session.v1_6_0 (DSP0266 1.20 §13.3 "Authentication": Basic or X-Auth-Token on every
// request but the service root, $metadata, odata and session creation; §13.3.4 session login and logout).
public sealed partial class RedfishNode
{
    private readonly Dictionary<string, RedfishSession> _sessions = new(StringComparer.Ordinal);
    private int _nextSessionId;
    private TimeSpan? _sessionTimeout;

    private TimeSpan SessionTimeout => _sessionTimeout ?? _options.SessionIdleTimeout;

    /// <summary>Active sessions (expired ones are dropped first).</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                PurgeExpiredSessions(_time.GetUtcNow());
                return _sessions.Count;
            }
        }
    }

    /// <summary>Null when the request carries a valid session token or Basic credentials; a 401 otherwise.</summary>
    private RedfishResponse? Authenticate(RedfishRequest r)
    {
        if (r.User is not null)
        {
            return null;
        }
        var headers = r.Http.Request.Headers;
        string token = headers["X-Auth-Token"].ToString();
        if (token.Length > 0)
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                PurgeExpiredSessions(now);
                if (_sessions.TryGetValue(token, out var session) && Model.FindUser(session.User.Name) is { } current)
                {
                    session.LastUsed = now;
                    r.Session = session;
                    r.User = current;
                    return null;
                }
            }
            return BaseMessages.NoValidSession();
        }
        if (AuthenticationHeaderValue.TryParse(headers.Authorization.ToString(), out var auth)
            && string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is { } p)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(p));
            }
            catch (FormatException)
            {
                return BaseMessages.ResourceAtUriUnauthorized(r.Path);
            }
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && CheckPassword(decoded[..colon], decoded[(colon + 1)..]) is { } user)
            {
                r.User = user;
                return null;
            }
            return BaseMessages.ResourceAtUriUnauthorized(r.Path);
        }
        return BaseMessages.NoValidSession();
    }

    private BmcUser? CheckPassword(string name, string password)
    {
        var user = Model.FindUser(name);
        return user is { Enabled: true, Privilege: not PrivilegeLevel.NoAccess } && name.Length > 0
            && user.PasswordMatches(Encoding.UTF8.GetBytes(password)) ? user : null;
    }

    private void PurgeExpiredSessions(DateTimeOffset now)
    {
        var timeout = SessionTimeout;
        List<string>? expired = null;
        foreach (var (token, s) in _sessions)
        {
            if (now - s.LastUsed >= timeout)
            {
                (expired ??= []).Add(token);
            }
        }
        expired?.ForEach(t => _sessions.Remove(t));
    }

    private RedfishResponse CreateSession(RedfishRequest r)
    {
        var body = r.BodyObject;
        if (body["UserName"] is not JsonValue nameValue || !nameValue.TryGetValue(out string? name))
        {
            return BaseMessages.PropertyMissing("UserName");
        }
        if (body["Password"] is not JsonValue passwordValue || !passwordValue.TryGetValue(out string? password))
        {
            return BaseMessages.PropertyMissing("Password");
        }
        if (CheckPassword(name, password) is not { } user)
        {
            return BaseMessages.ResourceAtUriUnauthorized(r.Path);
        }
        RedfishSession session;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PurgeExpiredSessions(now);
            if (Faults.SessionsExhausted || _sessions.Count >= _options.SessionLimit)
            {
                return BaseMessages.SessionLimitExceeded();
            }
            string id = (++_nextSessionId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            session = new RedfishSession(id, token, user, now);
            _sessions[token] = session;
        }
        var location = SessionUri(session.Id);
        return RedfishResponse.Created(SessionBody(session), location).With("X-Auth-Token", session.Token);
    }

    private static string SessionUri(string id) => $"{Root}/SessionService/Sessions/{id}";

    private static JsonObject SessionBody(RedfishSession s) => new()
    {
        ["@odata.id"] = SessionUri(s.Id),
        ["@odata.type"] = "#Session.v1_6_0.Session",
        ["Id"] = s.Id,
        ["Name"] = "User Session",
        ["UserName"] = s.User.Name,
        ["Password"] = null,
        ["CreatedTime"] = RedfishJson.Time(s.Created),
        ["SessionType"] = "Redfish",
    };

    private RedfishSession? FindSession(string id)
    {
        lock (_gate)
        {
            PurgeExpiredSessions(_time.GetUtcNow());
            return _sessions.Values.FirstOrDefault(s => s.Id == id);
        }
    }

    private JsonObject? SessionResource(string id) => FindSession(id) is { } s ? SessionBody(s) : null;

    private JsonObject SessionCollection()
    {
        string[] ids;
        lock (_gate)
        {
            PurgeExpiredSessions(_time.GetUtcNow());
            ids = _sessions.Values.Select(s => s.Id).Order(StringComparer.Ordinal).ToArray();
        }
        return RedfishJson.Collection($"{Root}/SessionService/Sessions", "#SessionCollection.SessionCollection",
            "Session Collection", ids.Select(SessionUri));
    }

    /// <summary>Logout: one's own session always; someone else's with ConfigureManager.</summary>
    private RedfishResponse DeleteSession(RedfishRequest r, string id)
    {
        lock (_gate)
        {
            var session = _sessions.Values.FirstOrDefault(s => s.Id == id);
            if (session is null)
            {
                return BaseMessages.ResourceNotFound(r.Path);
            }
            if (!ReferenceEquals(session, r.Session) && !Has(r.User!, Privilege.ConfigureManager))
            {
                return BaseMessages.InsufficientPrivilege();
            }
            _sessions.Remove(session.Token);
        }
        return RedfishResponse.NoContent();
    }

    private JsonObject SessionService() => new()
    {
        ["@odata.id"] = Root + "/SessionService",
        ["@odata.type"] = "#SessionService.v1_1_8.SessionService",
        ["Id"] = "SessionService",
        ["Name"] = "Session Service",
        ["ServiceEnabled"] = true,
        ["SessionTimeout"] = (int)SessionTimeout.TotalSeconds,
        ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        ["Sessions"] = RedfishJson.Link(Root + "/SessionService/Sessions"),
    };

    private RedfishResponse PatchSessionService(RedfishRequest r)
    {
        foreach (var (name, value) in r.BodyObject)
        {
            if (name != "SessionTimeout")
            {
                return BaseMessages.PropertyUnknown(name);
            }
            if (value is not JsonValue v || !v.TryGetValue(out int seconds))
            {
                return BaseMessages.PropertyValueTypeError(name, value?.ToJsonString() ?? "null");
            }
            if (seconds is < 30 or > 86400)
            {
                return BaseMessages.PropertyValueIncorrect(name, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            lock (_gate)
            {
                _sessionTimeout = TimeSpan.FromSeconds(seconds);
            }
        }
        return RedfishResponse.NoContent();
    }
}
