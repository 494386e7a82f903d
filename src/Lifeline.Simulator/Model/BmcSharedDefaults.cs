namespace Lifeline.Simulator.Model;

/// <summary>
/// Immutable things every node built from the same <see cref="BmcOptions"/> shares: vendor profile, device
/// identity, sensor table, default user table, fault settings. A fleet builds one per distinct options instance.
/// </summary>
internal sealed class BmcSharedDefaults
{
    private BmcSharedDefaults(BmcOptions options)
    {
        Options = options;
        Vendor = VendorProfile.For(options.Personality);
        Identity = DeviceIdentity.For(Vendor);
        Sensors = options.Sensors;
        Users = DefaultUsers(options);
        var faults = options.Faults;
        if ((Vendor.Quirks & VendorQuirks.NoCipherSuite17) != 0 && faults.CipherSuites.Contains((byte)17))
        {
            faults = faults with { CipherSuites = faults.CipherSuites.Remove(17) };
        }
        Faults = faults;
    }

    public BmcOptions Options { get; }
    public VendorProfile Vendor { get; }
    public DeviceIdentity Identity { get; }
    public SensorTable Sensors { get; }
    public BmcUser?[] Users { get; }
    public FaultSettings Faults { get; }

    public static BmcSharedDefaults Create(BmcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SelCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SensorScanInterval, TimeSpan.Zero);
        return new BmcSharedDefaults(options);
    }

    // IPMI v2.0 §22.26: user 1 is the null (anonymous) user; we ship it disabled.
    private static BmcUser?[] DefaultUsers(BmcOptions o)
    {
        var users = new BmcUser?[BmcModel.MaxUsers + 1]; // index = user id; slot 0 unused
        users[1] = new BmcUser(1, "", "", PrivilegeLevel.User, enabled: false);
        users[2] = new BmcUser(2, o.AdminName, o.AdminPassword, PrivilegeLevel.Administrator, enabled: true);
        users[3] = new BmcUser(3, o.OperatorName, o.OperatorPassword, PrivilegeLevel.Operator, enabled: true);
        users[4] = new BmcUser(4, o.ReadOnlyName, o.ReadOnlyPassword, PrivilegeLevel.User, enabled: true);
        return users;
    }
}
