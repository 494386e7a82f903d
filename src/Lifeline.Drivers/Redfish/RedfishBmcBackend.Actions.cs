using System.Text.Json.Nodes;
using Lifeline.Redfish;
using Lifeline.Redfish.Resources;

namespace Lifeline.Drivers.Redfish;

// bmc reset — Manager.Reset (warm → GracefulRestart, cold → ForceRestart); identify — ComputerSystem
// LocationIndicatorActive (v1_13+) or the deprecated IndicatorLED; raw — IPMI only.
public sealed partial class RedfishBmcBackend
{
    public Task<ActionResult> ResetBmcAsync(BmcTarget target, ConnectionSettings connection, BmcResetKind kind, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            var type = kind == BmcResetKind.Cold ? ResetType.ForceRestart : ResetType.GracefulRestart;
            var sent = await bmc.ResetManagerAsync(type, ct: cancellationToken).ConfigureAwait(false);
            return new ActionResult($"BMC reset ({sent}) requested");
        });

    public Task<ActionResult> IdentifyAsync(BmcTarget target, ConnectionSettings connection, IdentifyRequest request, CancellationToken cancellationToken) =>
        WithBmcAsync(target, connection, async bmc =>
        {
            ArgumentNullException.ThrowIfNull(request);
            bool on = request.Mode != IdentifyMode.Off;
            var system = await bmc.GetSystemAsync(ct: cancellationToken).ConfigureAwait(false);
            JsonObject patch;
            if (system.Extra?.ContainsKey("LocationIndicatorActive") == true)
            {
                patch = new JsonObject { ["LocationIndicatorActive"] = on };
            }
            else if (system.IndicatorLED is not null)
            {
                patch = new JsonObject { ["IndicatorLED"] = on ? "Blinking" : "Off" };
            }
            else
            {
                throw new RedfishException(RedfishError.NotSupported, $"{system.ODataId} has neither LocationIndicatorActive nor IndicatorLED");
            }

            await bmc.Client.PatchAsync(system.ODataId!, patch, system.ETag, null, cancellationToken).ConfigureAwait(false);
            return new ActionResult(request.Mode switch
            {
                IdentifyMode.Off => "identify off",
                IdentifyMode.Force => "identify on (until turned off)",
                // Redfish has no timed identify: the light stays on until `identify --off`.
                _ => "identify on (Redfish has no timer: turn it off with identify --off)",
            });
        });

    public Task<RawResult> RawAsync(BmcTarget target, ConnectionSettings connection, RawRequest request, CancellationToken cancellationToken) =>
        throw new BmcFailureException("not-supported", "raw sends IPMI requests; Redfish BMCs have no raw IPMI over HTTPS",
            "use an ipmi://USER@HOST URL for raw");

    public Task<DiscoverResult> DiscoverAsync(BmcTarget target, DiscoverSettings settings, CancellationToken cancellationToken) =>
        throw new BmcFailureException("not-supported", "discover uses the RMCP presence ping (IPMI)", "run discover without a redfish:// URL");
}
