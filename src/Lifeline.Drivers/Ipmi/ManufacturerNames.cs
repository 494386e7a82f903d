namespace Lifeline.Drivers.Ipmi;

/// <summary>IANA enterprise numbers of common BMC vendors (the Get Device ID manufacturer id).</summary>
internal static class ManufacturerNames
{
    private static readonly Dictionary<uint, string> Names = new()
    {
        [2] = "IBM",
        [11] = "Hewlett-Packard",
        [42] = "Sun Microsystems",
        [343] = "Intel",
        [674] = "Dell",
        [2011] = "Huawei",
        [4753] = "OpenIPMI",
        [5771] = "Cisco",
        [7154] = "Lenovo",
        [10876] = "Supermicro",
        [10437] = "Peppercon",
        [19046] = "Lenovo",
        [20974] = "American Megatrends",
        [40981] = "Quanta",
        [49769] = "OpenBMC",
        [32473] = "Example Enterprise (IANA documentation number; the Lifeline simulator)",
    };

    public static string? Find(uint iana) => Names.GetValueOrDefault(iana);
}
