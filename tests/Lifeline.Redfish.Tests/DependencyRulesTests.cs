namespace Lifeline.Redfish.Tests;

/// <summary>ARCHITECTURE.md: the Redfish client depends on the BCL and logging abstractions, nothing of ours.</summary>
public sealed class DependencyRulesTests
{
    [Fact]
    public void TheRedfishClientReferencesNoOtherLifelineAssemblyAndNoThirdPartyPackage()
    {
        var references = typeof(RedfishException).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, n => n.StartsWith("Lifeline", StringComparison.Ordinal));
        Assert.All(references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard"),
            n => Assert.StartsWith("Microsoft.Extensions.Logging.Abstractions", n, StringComparison.Ordinal));
    }
}
