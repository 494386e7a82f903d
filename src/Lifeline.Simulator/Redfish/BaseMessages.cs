using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

/// <summary>
/// Redfish error bodies (DSP0266 1.20 §9.6 "Error responses"): <c>error.code</c> and <c>error.message</c> from the
/// first message, every message in <c>@Message.ExtendedInfo</c> with MessageIds of the DMTF Base message
/// registry (Base.1.16.0).
/// </summary>
internal static class BaseMessages
{
    public const string Registry = "Base.1.16.0";

    public static RedfishResponse Error(int status, string messageId, string message, string resolution,
        params string[] args)
    {
        var info = new JsonObject
        {
            ["@odata.type"] = "#Message.v1_1_2.Message",
            ["MessageId"] = $"{Registry}.{messageId}",
            ["Message"] = message,
            ["MessageArgs"] = new JsonArray(args.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["MessageSeverity"] = "Critical",
            ["Severity"] = "Critical",
            ["Resolution"] = resolution,
        };
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = $"{Registry}.{messageId}",
                ["message"] = message,
                ["@Message.ExtendedInfo"] = new JsonArray(info),
            },
        };
        return new RedfishResponse(status, body);
    }

    public static RedfishResponse ResourceNotFound(string path) => Error(404, "ResourceNotFound",
        $"The requested resource of type Resource named '{path}' was not found.",
        "Provide a valid resource identifier and resubmit the request.", "Resource", path);

    public static RedfishResponse MethodNotAllowed(string method, string path, string allow) =>
        Error(405, "OperationNotAllowed", $"The HTTP method {method} is not allowed on {path}.",
            "Resubmit the request with a method the resource supports (see the Allow header).", method, path)
        .With("Allow", allow);

    public static RedfishResponse NoValidSession() => Error(401, "NoValidSession",
        "There is no valid session established with the implementation.",
        "Establish a session before attempting any operations.")
        .With("WWW-Authenticate", "Basic realm=\"Lifeline simulated BMC\"");

    public static RedfishResponse ResourceAtUriUnauthorized(string path) => Error(401, "ResourceAtUriUnauthorized",
        $"While accessing the resource at '{path}', the service received an authorization error 'Unauthorized'.",
        "Ensure that the appropriate access is provided for the service in order for it to access the URI.", path, "Unauthorized")
        .With("WWW-Authenticate", "Basic realm=\"Lifeline simulated BMC\"");

    public static RedfishResponse InsufficientPrivilege() => Error(403, "InsufficientPrivilege",
        "There are insufficient privileges for the account or credentials associated with the current session to perform the requested operation.",
        "Either abandon the operation or change the associated access rights and resubmit the request if the operation failed.");

    public static RedfishResponse PreconditionFailed() => Error(412, "PreconditionFailed",
        "The ETag supplied did not match the ETag required to change this resource.",
        "Try the operation again using the appropriate ETag.");

    public static RedfishResponse SessionLimitExceeded() => Error(503, "SessionLimitExceeded",
        "The session establishment failed due to the number of simultaneous sessions exceeding the limit of the implementation.",
        "Reduce the number of other sessions before trying to establish the session or increase the limit of simultaneous sessions (if supported).");

    public static RedfishResponse ServiceTemporarilyUnavailable(int status, int retryAfterSeconds) => Error(status,
        "ServiceTemporarilyUnavailable",
        $"The service is temporarily unavailable.  Retry in {retryAfterSeconds} seconds.",
        "Wait for the indicated retry duration and retry the operation.", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static RedfishResponse MalformedJson() => Error(400, "MalformedJSON",
        "The request body submitted was malformed JSON and could not be parsed by the receiving service.",
        "Ensure that the request body is valid JSON and resubmit the request.");

    public static RedfishResponse PropertyValueNotInList(string property, string value) => Error(400,
        "PropertyValueNotInList",
        $"The value '{value}' for the property {property} is not in the list of acceptable values.",
        "Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.",
        value, property);

    public static RedfishResponse PropertyValueTypeError(string property, string value) => Error(400,
        "PropertyValueTypeError",
        $"The value '{value}' for the property {property} is not a type that the property can accept.",
        "Correct the value for the property in the request body and resubmit the request if the operation failed.",
        value, property);

    public static RedfishResponse PropertyValueIncorrect(string property, string value) => Error(400,
        "PropertyValueIncorrect",
        $"The property '{property}' with the requested value of '{value}' could not be written because the value does not meet the constraints of the implementation.",
        "No resolution is required.", property, value);

    public static RedfishResponse PropertyUnknown(string property) => Error(400, "PropertyUnknown",
        $"The property {property} is not in the list of valid properties for the resource.",
        "Remove the unknown property from the request body and resubmit the request if the operation failed.", property);

    public static RedfishResponse PropertyMissing(string property) => Error(400, "PropertyMissing",
        $"The property {property} is a required property and must be included in the request.",
        "Ensure that the property is in the request body and has a valid value and resubmit the request if the operation failed.", property);

    public static RedfishResponse ActionParameterMissing(string action, string parameter) => Error(400,
        "ActionParameterMissing", $"The action {action} requires the parameter {parameter} to be present in the request body.",
        "Supply the action with the required parameter in the request body when the request is resubmitted.", action, parameter);

    public static RedfishResponse ActionParameterValueNotInList(string value, string parameter, string action) => Error(400,
        "ActionParameterValueNotInList",
        $"The value '{value}' for the parameter {parameter} in the action {action} is not in the list of acceptable values.",
        "Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.",
        value, parameter, action);

    public static RedfishResponse OperationNotAllowedInState(string action, string state) => Error(409,
        "OperationNotAllowed", $"The action {action} is not allowed while the system is {state}.",
        "Change the state of the system and resubmit the request.", action, state);

    public static RedfishResponse ResourceExhaustion(string path) => Error(503, "ResourceExhaustion",
        $"The resource '{path}' was unable to satisfy the request due to unavailability of resources.",
        "Ensure that the resources are available and resubmit the request.", path);
}
