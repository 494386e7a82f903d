using Lifeline.Drivers;
using Lifeline.Fleet.Operations;
using Lifeline.Server.Apis.Models;

namespace Lifeline.Server.Operations;

/// <summary>Turns a verb and its request body into a <see cref="NodeOperation"/>, or says what is wrong.</summary>
internal static class OperationParser
{
    public static readonly string[] Verbs = ["power", "boot", "boot-status", "sensors", "health", "events", "events-clear", "inventory", "bmc-info", "identify"];

    public static readonly string[] PowerActions = ["status", "on", "off", "cycle", "reset", "soft", "diag"];

    public static bool TryParse(string verb, OperationRequest request, out NodeOperation operation, out string error)
    {
        operation = new NodeOperation(OperationKind.Power);
        error = "";
        switch (verb)
        {
            case "power":
                if (!TryParsePower(request.Action ?? "status", out var action))
                {
                    error = $"power action '{request.Action}' is not one of {string.Join(", ", PowerActions)}";
                    return false;
                }

                operation = new NodeOperation(OperationKind.Power, Power: action);
                return true;
            case "boot":
                if (request.Device is null || !Enum.TryParse<BootDevice>(request.Device, ignoreCase: true, out var device) || !Enum.IsDefined(device)
                    || int.TryParse(request.Device, out _))
                {
                    error = $"boot needs device: one of {string.Join(", ", Enum.GetNames<BootDevice>().Select(n => n.ToLowerInvariant()))}";
                    return false;
                }

                operation = new NodeOperation(OperationKind.BootSet, Boot: new BootRequest(device, request.Persistent ?? false, request.Efi ?? false));
                return true;
            case "identify":
                return TryParseIdentify(request, out operation, out error);
            default:
                OperationKind? kind = verb switch
                {
                    "boot-status" => OperationKind.BootGet,
                    "sensors" => OperationKind.Sensors,
                    "health" => OperationKind.Health,
                    "events" => OperationKind.EventsList,
                    "events-clear" => OperationKind.EventsClear,
                    "inventory" => OperationKind.Inventory,
                    "bmc-info" => OperationKind.BmcInfo,
                    _ => null,
                };
                if (kind is null)
                {
                    error = $"no operation '{verb}'; the verbs are {string.Join(", ", Verbs)}";
                    return false;
                }

                operation = new NodeOperation(kind.Value);
                return true;
        }
    }

    public static bool TryParsePower(string text, out PowerAction action)
    {
        action = PowerAction.Status;
        return PowerActions.Contains(text, StringComparer.OrdinalIgnoreCase) && Enum.TryParse(text, ignoreCase: true, out action);
    }

    private static bool TryParseIdentify(OperationRequest request, out NodeOperation operation, out string error)
    {
        operation = new NodeOperation(OperationKind.Identify);
        error = "";
        IdentifyRequest? identify = request.Mode?.ToLowerInvariant() switch
        {
            null when request.Seconds is null => new IdentifyRequest(IdentifyMode.Default),
            null or "seconds" when request.Seconds is >= 1 and <= 255 => new IdentifyRequest(IdentifyMode.Seconds, request.Seconds.Value),
            "on" or "force" => new IdentifyRequest(IdentifyMode.Force),
            "off" => new IdentifyRequest(IdentifyMode.Off),
            "default" => new IdentifyRequest(IdentifyMode.Default),
            _ => null,
        };
        if (identify is null)
        {
            error = "identify takes mode on, off or seconds (with seconds 1-255), or nothing for the BMC's default interval";
            return false;
        }

        operation = new NodeOperation(OperationKind.Identify, Identify: identify);
        return true;
    }
}
