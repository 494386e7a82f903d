using System.Text.Json.Nodes;
using Lifeline.Interop.Tests.Infrastructure;
using Lifeline.Interop.Tests.SimulatorFace;
using Lifeline.Simulator.Model;

namespace Lifeline.Interop.Tests.SimulatorRedfish;

/// <summary>
/// OpenStack Ironic's Redfish library (python3-sushy 4.3, Debian's /usr/bin/python3) against the simulator's
/// Redfish face over HTTPS with verify=False (the certificate is self-signed). What sushy reports is checked against
/// the BMC model, not just the exit code.
/// </summary>
[Collection(RedfishFleetCollection.Name)]
public sealed class SushyTests(RedfishFleet fleet)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task SushyLogsInWalksTheServiceAndLogsOutWithTheModelsValues()
    {
        Peers.Require("python3", "python3");
        Skip.IfNot(File.Exists("/usr/lib/python3/dist-packages/sushy/__init__.py") || Peers.InCi,
            "python3-sushy is not installed (apt-get install -y python3-sushy)");
        const int n = 0;
        var model = fleet.Model(n);
        var face = fleet.Redfish[n];
        string script = Path.Combine(AppContext.BaseDirectory, "SimulatorRedfish", "scripts", "sushy_walk.py");
        var env = new Dictionary<string, string>(RedfishFleet.NoCaBundle) { ["SUSHY_PASSWORD"] = SimulatedFleetFixture.Password };
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, face.BaseUrl.ToString().TrimEnd('/'), SimulatedFleetFixture.User, "-"],
            Timeout, env);
        Assert.True(result.ExitCode == 0, result.ToString());
        var seen = JsonNode.Parse(result.StandardOutput)!;

        Assert.True(seen["session_key_present"]!.GetValue<bool>());
        Assert.StartsWith("/redfish/v1/SessionService/Sessions/", seen["session_uri"]!.GetValue<string>());
        Assert.Equal(1, seen["sessions_while_logged_in"]!.GetValue<int>());
        Assert.Null(seen["session_after_logout"]);
        Assert.Equal(0, face.SessionCount); // sushy's logout deleted its session

        Assert.Equal(["/redfish/v1/Systems/1"], seen["systems"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(model.SystemGuid.ToString(), seen["uuid"]!.GetValue<string>());
        Assert.Equal(model.Fru.Product.SerialNumber, seen["serial"]!.GetValue<string>());
        Assert.Equal("On", seen["power_state"]!.GetValue<string>());
        Assert.Contains("PowerCycle", seen["allowed_resets"]!.AsArray().Select(s => s!.GetValue<string>()));

        Assert.Equal("Disabled", seen["boot_before"]!["enabled"]!.GetValue<string>());
        Assert.Equal("Pxe", seen["boot_after"]!["target"]!.GetValue<string>());
        Assert.Equal("Once", seen["boot_after"]!["enabled"]!.GetValue<string>());
        var flags = model.BootFlags;
        Assert.True(flags.Valid && !flags.Persistent && flags.Efi);
        Assert.Equal(BootDevice.Pxe, flags.Device);

        Assert.Equal("Off", seen["power_after_force_off"]!.GetValue<string>());
        Assert.Equal(PowerState.Off, model.PowerState);

        Assert.Equal("BMC", seen["manager_type"]!.GetValue<string>());
        Assert.Equal(model.FirmwareVersion, seen["firmware_version"]!.GetValue<string>());
        Assert.Equal(model.FirmwareVersion, seen["firmware_inventory"]!["BMC"]!.GetValue<string>());
        Assert.Equal(model.Vendor.BiosVersion, seen["firmware_inventory"]!["BIOS"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:8/images/boot.iso", seen["media_inserted"]!["image"]!.GetValue<string>());
        Assert.True(seen["media_inserted"]!["inserted"]!.GetValue<bool>());
        Assert.False(seen["media_ejected"]!["inserted"]!.GetValue<bool>());

        // the SEL as sushy read it (the ForceOff added a Power Unit record) is the model's
        var sel = model.GetSelEntries();
        var entries = seen["log_entries"]!.AsArray();
        Assert.Equal(sel.Select(e => e.RecordId.ToString()), entries.Select(e => e!["Id"]!.GetValue<string>()));
        Assert.Contains(entries, e => e!["Message"]!.GetValue<string>().StartsWith("Power Unit: Power off/down", StringComparison.Ordinal));

        // sushy's SimpleUpdate left a running task; on the fleet's clock it finishes and the version is the image's
        Assert.True(seen["update_in_progress"]!.GetValue<bool>());
        fleet.FrozenClock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("7.65", model.FirmwareVersion);
    }
}
