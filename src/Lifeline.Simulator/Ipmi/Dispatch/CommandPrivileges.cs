using System.Collections.Frozen;
using Lifeline.Ipmi.Messages;
using Lifeline.Ipmi.Sessions;

namespace Lifeline.Simulator.Ipmi.Dispatch;

/// <summary>
/// The privilege level a session needs for each command on a LAN channel: IPMI v2.0 Appendix G "Command Assignments"
/// (DCMI 1.5 Table 6-1 for the DCMI group extension). Commands Appendix G marks as available outside a session
/// (Get Channel Authentication Capabilities, Get Channel Cipher Suites, Get System GUID) need only Callback.
/// Listed here whether or not the simulator implements them, so the table reads like the appendix.
/// </summary>
public static class CommandPrivileges
{
    private const PrivilegeLevel Sessionless = PrivilegeLevel.Callback;
    private const PrivilegeLevel User = PrivilegeLevel.User;
    private const PrivilegeLevel Operator = PrivilegeLevel.Operator;
    private const PrivilegeLevel Admin = PrivilegeLevel.Administrator;

    private static readonly FrozenDictionary<int, PrivilegeLevel> Table = new Dictionary<int, PrivilegeLevel>
    {
        // App (06h), IPMI device "global" commands and BMC device/messaging commands
        [Key(NetFn.App, 0x01)] = User,        // Get Device ID
        [Key(NetFn.App, 0x02)] = Admin,       // Cold Reset
        [Key(NetFn.App, 0x03)] = Admin,       // Warm Reset
        [Key(NetFn.App, 0x04)] = User,        // Get Self Test Results
        [Key(NetFn.App, 0x05)] = Admin,       // Manufacturing Test On
        [Key(NetFn.App, 0x06)] = Admin,       // Set ACPI Power State
        [Key(NetFn.App, 0x07)] = User,        // Get ACPI Power State
        [Key(NetFn.App, 0x08)] = User,        // Get Device GUID
        [Key(NetFn.App, 0x22)] = Operator,    // Reset Watchdog Timer
        [Key(NetFn.App, 0x24)] = Operator,    // Set Watchdog Timer
        [Key(NetFn.App, 0x25)] = User,        // Get Watchdog Timer
        [Key(NetFn.App, 0x2F)] = User,        // Get BMC Global Enables
        [Key(NetFn.App, 0x34)] = User,        // Send Message
        [Key(NetFn.App, 0x37)] = Sessionless, // Get System GUID
        [Key(NetFn.App, 0x38)] = Sessionless, // Get Channel Authentication Capabilities
        [Key(NetFn.App, 0x3B)] = User,        // Set Session Privilege Level
        [Key(NetFn.App, 0x3C)] = Sessionless, // Close Session (any session may close itself)
        [Key(NetFn.App, 0x3D)] = User,        // Get Session Info
        [Key(NetFn.App, 0x3F)] = Operator,    // Get AuthCode
        [Key(NetFn.App, 0x40)] = Admin,       // Set Channel Access
        [Key(NetFn.App, 0x41)] = User,        // Get Channel Access
        [Key(NetFn.App, 0x42)] = User,        // Get Channel Info
        [Key(NetFn.App, 0x43)] = Admin,       // Set User Access
        [Key(NetFn.App, 0x44)] = Operator,    // Get User Access
        [Key(NetFn.App, 0x45)] = Admin,       // Set User Name
        [Key(NetFn.App, 0x46)] = Operator,    // Get User Name
        [Key(NetFn.App, 0x47)] = Admin,       // Set User Password
        [Key(NetFn.App, 0x48)] = User,        // Activate Payload (SOL: the SOL authentication parameter says User)
        [Key(NetFn.App, 0x49)] = User,        // Deactivate Payload
        [Key(NetFn.App, 0x4A)] = User,        // Get Payload Activation Status
        [Key(NetFn.App, 0x4B)] = User,        // Get Payload Instance Info
        [Key(NetFn.App, 0x4C)] = Admin,       // Set User Payload Access
        [Key(NetFn.App, 0x4D)] = Operator,    // Get User Payload Access
        [Key(NetFn.App, 0x4E)] = User,        // Get Channel Payload Support
        [Key(NetFn.App, 0x4F)] = User,        // Get Channel Payload Version
        [Key(NetFn.App, 0x50)] = User,        // Get Channel OEM Payload Info
        [Key(NetFn.App, 0x52)] = Operator,    // Master Write-Read
        [Key(NetFn.App, 0x54)] = Sessionless, // Get Channel Cipher Suites
        [Key(NetFn.App, 0x55)] = User,        // Suspend/Resume Payload Encryption
        [Key(NetFn.App, 0x56)] = Admin,       // Set Channel Security Keys
        [Key(NetFn.App, 0x57)] = User,        // Get System Interface Capabilities

        // Chassis (00h)
        [Key(NetFn.Chassis, 0x00)] = User,     // Get Chassis Capabilities
        [Key(NetFn.Chassis, 0x01)] = User,     // Get Chassis Status
        [Key(NetFn.Chassis, 0x02)] = Operator, // Chassis Control
        [Key(NetFn.Chassis, 0x03)] = Operator, // Chassis Reset
        [Key(NetFn.Chassis, 0x04)] = Operator, // Chassis Identify
        [Key(NetFn.Chassis, 0x05)] = Admin,    // Set Chassis Capabilities
        [Key(NetFn.Chassis, 0x06)] = Operator, // Set Power Restore Policy
        [Key(NetFn.Chassis, 0x07)] = User,     // Get System Restart Cause
        [Key(NetFn.Chassis, 0x08)] = Operator, // Set System Boot Options
        [Key(NetFn.Chassis, 0x09)] = Operator, // Get System Boot Options
        [Key(NetFn.Chassis, 0x0A)] = Admin,    // Set Front Panel Button Enables
        [Key(NetFn.Chassis, 0x0B)] = Admin,    // Set Power Cycle Interval
        [Key(NetFn.Chassis, 0x0F)] = User,     // Get POH Counter

        // Sensor/Event (04h)
        [Key(NetFn.SensorEvent, 0x02)] = Operator, // Platform Event Message
        [Key(NetFn.SensorEvent, 0x10)] = User,     // Get PEF Capabilities
        [Key(NetFn.SensorEvent, 0x20)] = User,     // Get Device SDR Info
        [Key(NetFn.SensorEvent, 0x21)] = User,     // Get Device SDR
        [Key(NetFn.SensorEvent, 0x22)] = User,     // Reserve Device SDR Repository
        [Key(NetFn.SensorEvent, 0x23)] = User,     // Get Sensor Reading Factors
        [Key(NetFn.SensorEvent, 0x24)] = Operator, // Set Sensor Hysteresis
        [Key(NetFn.SensorEvent, 0x25)] = User,     // Get Sensor Hysteresis
        [Key(NetFn.SensorEvent, 0x26)] = Operator, // Set Sensor Thresholds
        [Key(NetFn.SensorEvent, 0x27)] = User,     // Get Sensor Thresholds
        [Key(NetFn.SensorEvent, 0x28)] = Operator, // Set Sensor Event Enable
        [Key(NetFn.SensorEvent, 0x29)] = User,     // Get Sensor Event Enable
        [Key(NetFn.SensorEvent, 0x2B)] = User,     // Get Sensor Event Status
        [Key(NetFn.SensorEvent, 0x2D)] = User,     // Get Sensor Reading
        [Key(NetFn.SensorEvent, 0x2F)] = User,     // Get Sensor Type

        // Storage (0Ah)
        [Key(NetFn.Storage, 0x10)] = User,     // Get FRU Inventory Area Info
        [Key(NetFn.Storage, 0x11)] = User,     // Read FRU Data
        [Key(NetFn.Storage, 0x12)] = Operator, // Write FRU Data
        [Key(NetFn.Storage, 0x20)] = User,     // Get SDR Repository Info
        [Key(NetFn.Storage, 0x21)] = User,     // Get SDR Repository Allocation Info
        [Key(NetFn.Storage, 0x22)] = User,     // Reserve SDR Repository
        [Key(NetFn.Storage, 0x23)] = User,     // Get SDR
        [Key(NetFn.Storage, 0x24)] = Operator, // Add SDR
        [Key(NetFn.Storage, 0x25)] = Operator, // Partial Add SDR
        [Key(NetFn.Storage, 0x26)] = Operator, // Delete SDR
        [Key(NetFn.Storage, 0x27)] = Operator, // Clear SDR Repository
        [Key(NetFn.Storage, 0x40)] = User,     // Get SEL Info
        [Key(NetFn.Storage, 0x41)] = User,     // Get SEL Allocation Info
        [Key(NetFn.Storage, 0x42)] = User,     // Reserve SEL
        [Key(NetFn.Storage, 0x43)] = User,     // Get SEL Entry
        [Key(NetFn.Storage, 0x44)] = Operator, // Add SEL Entry
        [Key(NetFn.Storage, 0x45)] = Operator, // Partial Add SEL Entry
        [Key(NetFn.Storage, 0x46)] = Operator, // Delete SEL Entry
        [Key(NetFn.Storage, 0x47)] = Operator, // Clear SEL
        [Key(NetFn.Storage, 0x48)] = User,     // Get SEL Time
        [Key(NetFn.Storage, 0x49)] = Operator, // Set SEL Time

        // Transport (0Ch)
        [Key(NetFn.Transport, 0x01)] = Admin,    // Set LAN Configuration Parameters
        [Key(NetFn.Transport, 0x02)] = Operator, // Get LAN Configuration Parameters
        [Key(NetFn.Transport, 0x03)] = Operator, // Suspend BMC ARPs
        [Key(NetFn.Transport, 0x04)] = User,     // Get IP/UDP/RMCP Statistics
        [Key(NetFn.Transport, 0x21)] = Admin,    // Set SOL Configuration Parameters
        [Key(NetFn.Transport, 0x22)] = User,     // Get SOL Configuration Parameters

        // DCMI (group extension 2Ch, DCh)
        [Key(NetFn.GroupExtension, 0x01)] = User, // Get DCMI Capabilities Info
        [Key(NetFn.GroupExtension, 0x02)] = User, // Get Power Reading
    }.ToFrozenDictionary();

    /// <summary>The level a session needs for the command; Administrator for commands the table does not list.</summary>
    public static PrivilegeLevel Required(NetFn netFn, byte command) =>
        Table.TryGetValue(Key(netFn, command), out var level) ? level : Admin;

    /// <summary>Whether Appendix G lists the command.</summary>
    public static bool IsListed(NetFn netFn, byte command) => Table.ContainsKey(Key(netFn, command));

    internal static int Key(NetFn netFn, byte command) => ((byte)netFn << 8) | command;
}
