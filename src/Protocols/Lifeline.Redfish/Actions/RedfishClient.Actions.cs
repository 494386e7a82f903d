using System.Text.Json;
using System.Text.Json.Nodes;
using Lifeline.Redfish.Actions;
using Lifeline.Redfish.Resources;
using Lifeline.Redfish.Tasks;

namespace Lifeline.Redfish;

// Actions with allowable values checked before anything is sent (CONVENTIONS rule 11): a value the BMC does not
// allow is our caller's error (InvalidRequest naming the allowed values), not a round trip that might half-work.
public sealed partial class RedfishClient
{
    /// <summary>
    /// The values <paramref name="action"/> allows for <paramref name="parameter"/>: inline
    /// <c>Parameter@Redfish.AllowableValues</c> first, else the ActionInfo resource; null when the service states none
    /// (then any value may be tried).
    /// </summary>
    public async Task<IReadOnlyList<string>?> GetAllowableValuesAsync(RedfishAction action, string parameter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.InlineAllowableValues.TryGetValue(parameter, out var inline))
        {
            return inline;
        }
        if (action.ActionInfo is null)
        {
            return null;
        }
        ActionInfo info;
        try
        {
            info = await GetAsync<ActionInfo>(action.ActionInfo, ct).ConfigureAwait(false);
        }
        catch (RedfishException e) when (e.StatusCode == 404)
        {
            return null;
        }
        var p = info.Parameters?.FirstOrDefault(x => string.Equals(x.Name, parameter, StringComparison.Ordinal));
        return p?.AllowableValues;
    }

    /// <summary>
    /// Invokes <paramref name="actionName"/> (e.g. "ComputerSystem.Reset") on <paramref name="resource"/>: every string
    /// parameter is checked against the allowable values first; a 202 is monitored to completion.
    /// </summary>
    public async Task<RedfishOutcome> InvokeActionAsync(RedfishResource resource, string actionName, JsonObject parameters,
        IProgress<TaskProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(parameters);
        var action = RedfishAction.Find(resource, actionName)
            ?? throw new RedfishException(RedfishError.NotSupported, $"{resource.ODataId} does not offer the action {actionName}");
        await CheckAllowedAsync(action, parameters, ct).ConfigureAwait(false);
        return await PostAsync(action.Target, parameters, progress, ct).ConfigureAwait(false);
    }

    internal async Task CheckAllowedAsync(RedfishAction action, JsonObject parameters, CancellationToken ct)
    {
        foreach (var (name, value) in parameters)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }
            var allowed = await GetAllowableValuesAsync(action, name, ct).ConfigureAwait(false);
            var text = v.GetValue<string>();
            if (allowed is not null && !allowed.Contains(text, StringComparer.Ordinal))
            {
                throw new RedfishException(RedfishError.InvalidRequest,
                    $"{action.Name}: {name} '{text}' is not allowed by this BMC; allowed: {string.Join(", ", allowed)}")
                { AllowedValues = allowed };
            }
        }
    }
}
