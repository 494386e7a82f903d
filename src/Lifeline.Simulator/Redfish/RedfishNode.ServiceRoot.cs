using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

// ServiceRoot.v1_16_0 (DSP0266 1.20 §9.5.1), the OData service document and a minimal $metadata.
public sealed partial class RedfishNode
{
    internal const string RedfishVersion = "1.17.0";
    internal const string SystemId = "1";
    internal const string ChassisId = "1";
    internal const string ManagerId = "1";
    internal const string SystemUri = Root + "/Systems/" + SystemId;
    internal const string ChassisUri = Root + "/Chassis/" + ChassisId;
    internal const string ManagerUri = Root + "/Managers/" + ManagerId;

    private static readonly (string Name, string Uri)[] TopLevel =
    [
        ("Systems", Root + "/Systems"),
        ("Chassis", Root + "/Chassis"),
        ("Managers", Root + "/Managers"),
        ("SessionService", Root + "/SessionService"),
        ("AccountService", Root + "/AccountService"),
        ("UpdateService", Root + "/UpdateService"),
        ("TaskService", Root + "/TaskService"),
        ("EventService", Root + "/EventService"),
    ];

    private JsonObject ServiceRoot()
    {
        var root = new JsonObject
        {
            ["@odata.id"] = Root,
            ["@odata.type"] = "#ServiceRoot.v1_16_0.ServiceRoot",
            ["Id"] = "RootService",
            ["Name"] = "Root Service",
            ["RedfishVersion"] = RedfishVersion,
            ["UUID"] = Model.SystemGuid.ToString("D"),
            ["Vendor"] = Model.Vendor.Manufacturer,
            ["Product"] = Model.Vendor.ProductName,
            // No query parameters are implemented: clients must not use $expand/$filter/$select here.
            ["ProtocolFeaturesSupported"] = new JsonObject
            {
                ["ExpandQuery"] = new JsonObject { ["ExpandAll"] = false, ["Levels"] = false, ["Links"] = false, ["NoLinks"] = false },
                ["FilterQuery"] = false,
                ["SelectQuery"] = false,
                ["OnlyMemberQuery"] = false,
                ["ExcerptQuery"] = false,
                ["TopSkipQuery"] = true,
                ["DeepOperations"] = new JsonObject { ["DeepPATCH"] = false, ["DeepPOST"] = false },
            },
            ["Links"] = new JsonObject { ["Sessions"] = RedfishJson.Link(Root + "/SessionService/Sessions") },
        };
        foreach (var (name, uri) in TopLevel)
        {
            root[name] = RedfishJson.Link(uri);
        }
        return root;
    }

    private static JsonObject ODataServiceDocument() => new()
    {
        ["@odata.context"] = Root + "/$metadata",
        ["value"] = new JsonArray(TopLevel.Prepend((Name: "Service", Uri: Root)).Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["kind"] = "Singleton",
            ["url"] = t.Uri,
        }).ToArray()),
    };

    private static RedfishResponse Metadata()
    {
        var refs = string.Concat(new[]
        {
            "ServiceRoot.v1_16_0", "ComputerSystemCollection", "ComputerSystem.v1_20_0", "ChassisCollection", "Chassis.v1_23_0",
            "Thermal.v1_7_1", "Power.v1_7_1", "SensorCollection", "Sensor.v1_8_0", "ManagerCollection", "Manager.v1_18_0",
            "ManagerNetworkProtocol.v1_9_0", "VirtualMediaCollection", "VirtualMedia.v1_6_2", "SerialInterfaceCollection",
            "SerialInterface.v1_2_0", "LogServiceCollection", "LogService.v1_4_0", "LogEntryCollection", "LogEntry.v1_15_0",
            "UpdateService.v1_12_0", "SoftwareInventoryCollection", "SoftwareInventory.v1_10_0", "TaskService.v1_2_0",
            "TaskCollection", "Task.v1_7_3", "EventService.v1_10_0", "EventDestinationCollection", "EventDestination.v1_13_0",
            "Event.v1_8_0", "SessionService.v1_1_8", "SessionCollection", "Session.v1_6_0", "AccountService.v1_13_0",
            "ManagerAccountCollection", "ManagerAccount.v1_10_0", "RoleCollection", "Role.v1_3_1", "Bios.v1_2_1",
            "Processor.v1_18_0", "ProcessorCollection", "Memory.v1_17_0", "MemoryCollection", "Message.v1_1_2", "Resource.v1_19_0",
        }.Select(s =>
        {
            string ns = s.Split('.')[0];
            return $"  <edmx:Reference Uri=\"http://redfish.dmtf.org/schemas/v1/{ns}_v1.xml\"><edmx:Include Namespace=\"{s}\"/></edmx:Reference>\n";
        }));
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" Version=\"4.0\">\n"
            + refs
            + "  <edmx:DataServices><Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"Service\">"
            + "<EntityContainer Name=\"Service\" Extends=\"ServiceRoot.v1_16_0.ServiceContainer\"/></Schema></edmx:DataServices>\n</edmx:Edmx>\n";
        return new RedfishResponse(200) { Text = xml, ContentType = "application/xml; charset=utf-8" };
    }
}
