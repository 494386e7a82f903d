using System.Globalization;

namespace Lifeline.Simulator.Model;

// The BMC's firmware as an update changes it, and how often the host has started (POST) — what a face needs to apply
// settings that take effect "on the next reset" (Redfish Bios pending settings).
public sealed partial class BmcModel
{
    private DeviceIdentity? _identity;
    private string? _firmwareVersion;
    private long _hostStarts;

    /// <summary>The BMC firmware version string: "major.minor" from <see cref="Identity"/> until an update sets another.</summary>
    public string FirmwareVersion
    {
        get
        {
            lock (_lock)
            {
                return _firmwareVersion ?? Identity.FirmwareRevision;
            }
        }
    }

    /// <summary>How many times the host has gone through POST since the model was built (power-up, reset, cycle).</summary>
    public long HostStarts
    {
        get
        {
            lock (_lock)
            {
                Sync();
                return _hostStarts;
            }
        }
    }

    /// <summary>
    /// A firmware update completed: the BMC now runs <paramref name="version"/>. A "major.minor" version with
    /// major 0-127 and minor 0-99 also changes what Get Device ID (IPMI v2.0 §20.1) reports.
    /// </summary>
    public void ApplyFirmwareUpdate(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        lock (_lock)
        {
            Sync();
            _firmwareVersion = version;
            var parts = version.Split('.');
            if (parts.Length >= 2
                && byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out byte major) && major <= 127
                && byte.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte minor) && minor <= 99)
            {
                Volatile.Write(ref _identity, _shared.Identity with { FirmwareMajor = major, FirmwareMinor = minor });
            }
        }
    }
}
