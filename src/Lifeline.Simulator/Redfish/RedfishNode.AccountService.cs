using System.Globalization;
using System.Text.Json.Nodes;
using Lifeline.Simulator.Model;

namespace Lifeline.Simulator.Redfish;

// AccountService.v1_13_0 / ManagerAccount.v1_10_0 / Role.v1_3_1: the model's user slots (the same accounts the
// IPMI face authenticates), with IPMI privileges shown as the standard Redfish roles.
public sealed partial class RedfishNode
{
    private static readonly (string Id, PrivilegeLevel Level, string[] Privileges)[] Roles =
    [
        ("Administrator", PrivilegeLevel.Administrator, ["Login", "ConfigureManager", "ConfigureUsers", "ConfigureSelf", "ConfigureComponents"]),
        ("Operator", PrivilegeLevel.Operator, ["Login", "ConfigureSelf", "ConfigureComponents"]),
        ("ReadOnly", PrivilegeLevel.User, ["Login", "ConfigureSelf"]),
    ];

    internal static string RoleOf(PrivilegeLevel level) => level switch
    {
        PrivilegeLevel.Administrator or PrivilegeLevel.Oem => "Administrator",
        PrivilegeLevel.Operator => "Operator",
        PrivilegeLevel.NoAccess => "NoAccess",
        _ => "ReadOnly",
    };

    private JsonObject AccountService() => new()
    {
        ["@odata.id"] = Root + "/AccountService",
        ["@odata.type"] = "#AccountService.v1_13_0.AccountService",
        ["Id"] = "AccountService",
        ["Name"] = "Account Service",
        ["ServiceEnabled"] = true,
        ["MinPasswordLength"] = 1,
        ["MaxPasswordLength"] = BmcUser.MaxPasswordBytes,
        ["AuthFailureLoggingThreshold"] = 3,
        ["AccountLockoutThreshold"] = 0,
        ["Status"] = RedfishJson.Status(ResourceState.Enabled, Health.OK),
        ["Accounts"] = RedfishJson.Link(Root + "/AccountService/Accounts"),
        ["Roles"] = RedfishJson.Link(Root + "/AccountService/Roles"),
    };

    private IEnumerable<BmcUser> NamedUsers => Model.Users.Where(u => u.Name.Length > 0);

    private JsonObject AccountCollection() => RedfishJson.Collection(Root + "/AccountService/Accounts",
        "#ManagerAccountCollection.ManagerAccountCollection", "Accounts Collection",
        NamedUsers.Select(u => AccountUri(u.Id)));

    private static string AccountUri(byte id) => $"{Root}/AccountService/Accounts/{id}";

    private BmcUser? AccountUser(string id) =>
        byte.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out byte n) && Model.GetUser(n) is { Name.Length: > 0 } u ? u : null;

    private JsonObject? Account(string id)
    {
        if (AccountUser(id) is not { } u)
        {
            return null;
        }
        string role = RoleOf(u.Privilege);
        return new JsonObject
        {
            ["@odata.id"] = AccountUri(u.Id),
            ["@odata.type"] = "#ManagerAccount.v1_10_0.ManagerAccount",
            ["Id"] = u.Id.ToString(CultureInfo.InvariantCulture),
            ["Name"] = "User Account",
            ["UserName"] = u.Name,
            ["Password"] = null,
            ["RoleId"] = role,
            ["Enabled"] = u.Enabled,
            ["Locked"] = false,
            ["AccountTypes"] = new JsonArray("Redfish", "IPMI"),
            ["Links"] = new JsonObject { ["Role"] = RedfishJson.Link($"{Root}/AccountService/Roles/{role}") },
        };
    }

    /// <summary>PATCH Password, Enabled, RoleId or UserName: the model's user slot changes for every face.</summary>
    private RedfishResponse PatchAccount(RedfishRequest r, string id)
    {
        var user = AccountUser(id)!;
        var changed = user;
        foreach (var (name, value) in r.BodyObject)
        {
            var v = value as JsonValue;
            switch (name)
            {
                case "Password" when v is not null && v.TryGetValue(out string? password):
                    if (System.Text.Encoding.UTF8.GetByteCount(password) > BmcUser.MaxPasswordBytes)
                    {
                        return BaseMessages.PropertyValueIncorrect(name, "(redacted)");
                    }
                    changed = changed.WithPassword(password);
                    break;
                case "UserName" when v is not null && v.TryGetValue(out string? userName):
                    if (userName.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(userName) > BmcUser.MaxNameBytes)
                    {
                        return BaseMessages.PropertyValueIncorrect(name, userName);
                    }
                    changed = changed.WithName(userName);
                    break;
                case "Enabled" when v is not null && v.TryGetValue(out bool enabled):
                    changed = changed.WithEnabled(enabled);
                    break;
                case "RoleId" when v is not null && v.TryGetValue(out string? role):
                    var match = Roles.FirstOrDefault(x => x.Id == role);
                    if (match.Id is null)
                    {
                        return BaseMessages.PropertyValueNotInList(name, role);
                    }
                    changed = changed.WithPrivilege(match.Level);
                    break;
                case "Password" or "UserName" or "Enabled" or "RoleId":
                    return BaseMessages.PropertyValueTypeError(name, value?.ToJsonString() ?? "null");
                default:
                    return BaseMessages.PropertyUnknown(name);
            }
        }
        Model.SetUser(changed);
        return RedfishResponse.NoContent();
    }

    private static JsonObject RoleCollection() => RedfishJson.Collection(Root + "/AccountService/Roles",
        "#RoleCollection.RoleCollection", "Roles Collection", Roles.Select(x => $"{Root}/AccountService/Roles/{x.Id}"));

    private static JsonObject? Role(string id)
    {
        var match = Roles.FirstOrDefault(x => x.Id == id);
        return match.Id is null ? null : new JsonObject
        {
            ["@odata.id"] = $"{Root}/AccountService/Roles/{id}",
            ["@odata.type"] = "#Role.v1_3_1.Role",
            ["Id"] = id,
            ["Name"] = $"{id} Role",
            ["RoleId"] = id,
            ["IsPredefined"] = true,
            ["AssignedPrivileges"] = RedfishJson.Strings(match.Privileges),
        };
    }
}
