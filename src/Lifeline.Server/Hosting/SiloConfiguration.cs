using Lifeline.Server.Configuration;
using Lifeline.Fleet.Hosting;
using Orleans.Hosting;

namespace Lifeline.Server.Hosting;

/// <summary>
/// The clustering seam: <c>Lifeline:Cluster:Mode</c> picks how the co-hosted silo finds its peers. <c>localhost</c> is
/// one silo on loopback (the embedded default); <c>custom</c> leaves clustering to
/// <see cref="LifelineServerOptions.ConfigureSilo"/> (Redis, ADO.NET...). A further built-in mode is one more case
/// here and its settings in <see cref="ClusterSettings"/>; nothing else in the service knows how silos meet.
/// </summary>
internal static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, ClusterSettings cluster, LifelineServerOptions options)
    {
        switch (cluster.Mode.ToLowerInvariant())
        {
            case ClusterSettings.Localhost:
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                break;
            case ClusterSettings.Custom:
                if (options.ConfigureSilo is null)
                {
                    throw new InvalidOperationException("Lifeline:Cluster:Mode is 'custom' but the host passed no ConfigureSilo to set up clustering; use 'localhost' or supply it");
                }

                break;
            default:
                throw new InvalidOperationException($"Lifeline:Cluster:Mode '{cluster.Mode}' is not known; use '{ClusterSettings.Localhost}' or '{ClusterSettings.Custom}'");
        }

        silo.ConfigureLifelineFleet();
        options.ConfigureSilo?.Invoke(silo);
    }
}
