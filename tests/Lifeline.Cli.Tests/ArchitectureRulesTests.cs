using Lifeline.Drivers;
using System.Reflection;

namespace Lifeline.Cli.Tests;

/// <summary>The dependency direction of ARCHITECTURE.md, checked from the assemblies' references.</summary>
public sealed class ArchitectureRulesTests
{
    private static string[] LifelineReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Lifeline", StringComparison.Ordinal)).Order().ToArray();

    [Fact]
    public void TheProtocolLibraryDependsOnNothingOfOurs() =>
        Assert.Empty(LifelineReferences(typeof(Lifeline.Ipmi.IpmiException).Assembly));

    [Fact]
    public void TheSimulatorDependsOnlyOnTheProtocolLibrary() =>
        Assert.Equal(["Lifeline.Ipmi"], LifelineReferences(typeof(Lifeline.Simulator.Fleet.SimulatedFleet).Assembly));

    [Fact]
    public void TheDriversDependOnlyOnTheProtocolLibraries() =>
        Assert.Equal(["Lifeline.Ipmi", "Lifeline.Redfish"], LifelineReferences(typeof(IBmcBackend).Assembly));

    [Fact]
    public void MonitoringKnowsTheDriversResultsAndNothingOfTheFleetServerOrProtocols() =>
        Assert.Equal(["Lifeline.Drivers"], LifelineReferences(typeof(Lifeline.Monitoring.Model.Alert).Assembly));

    [Fact]
    public void TheProtocolLibraryUsesOnlyTheBclAndLoggingAbstractions()
    {
        var external = typeof(Lifeline.Ipmi.IpmiException).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib")
            .ToArray();
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"], external);
    }
}
