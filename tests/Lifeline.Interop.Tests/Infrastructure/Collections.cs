namespace Lifeline.Interop.Tests.Infrastructure;

/// <summary>Tests that drive one ipmi_sim instance run one after another (its state is shared).</summary>
[CollectionDefinition("ipmi_sim")]
public sealed class IpmiSimCollection;
