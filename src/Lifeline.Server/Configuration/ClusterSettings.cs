namespace Lifeline.Server.Configuration;

/// <summary>
/// The <c>Lifeline:Cluster</c> section: how the co-hosted Orleans silo finds its peers. <c>localhost</c> (the
/// default) is one silo with localhost clustering. <c>custom</c> adds no clustering at all: the caller supplies it
/// through <see cref="LifelineServerOptions.ConfigureSilo"/> (e.g. Redis or ADO.NET clustering); see
/// <c>Hosting/SiloConfiguration.cs</c> for where a further built-in mode would go.
/// </summary>
public sealed class ClusterSettings
{
    public const string Localhost = "localhost";
    public const string Custom = "custom";

    /// <summary><c>localhost</c> or <c>custom</c>.</summary>
    public string Mode { get; set; } = Localhost;

    /// <summary>Silo-to-silo port (localhost mode).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (localhost mode).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Orleans service id: silos of one service share it (and its grain state).</summary>
    public string ServiceId { get; set; } = "lifeline";

    /// <summary>Orleans cluster id: silos that form one cluster.</summary>
    public string ClusterId { get; set; } = "lifeline";
}
