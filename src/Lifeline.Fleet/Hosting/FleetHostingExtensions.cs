using Lifeline.Fleet.Grains;
using Lifeline.Drivers;
using Lifeline.Drivers.Ipmi;
using Lifeline.Drivers.Redfish;
using Lifeline.Fleet.Operations;
using Lifeline.Ipmi.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;

namespace Lifeline.Fleet.Hosting;

/// <summary>
/// Wiring of the fleet into a host that runs an Orleans silo (the server):
/// <code>
/// builder.Services.AddSingleton&lt;IFleetStore&gt;(…);                       // the store: the server's business
/// builder.Services.AddLifelineFleet(o => builder.Configuration.GetSection("Fleet").Bind(o));
/// builder.UseOrleans(silo => silo.UseLocalhostClustering().ConfigureLifelineFleet());
/// </code>
/// Several servers: the same, with shared clustering instead of <c>UseLocalhostClustering</c>; nothing else changes.
/// </summary>
public static class FleetHostingExtensions
{
    /// <summary>The configuration section the server binds <see cref="FleetOptions"/> from, by convention.</summary>
    public const string ConfigurationSection = "Fleet";

    /// <summary>
    /// Registers <see cref="FleetOptions"/> (validated at start), the process-wide IPMI socket pool, the IPMI and
    /// Redfish backends and their warm per-node factory, <see cref="IFleetOperations"/>, and the state refresher
    /// (a hosted service). Needs an <c>IFleetStore</c> and an Orleans silo in the same host.
    /// </summary>
    public static IServiceCollection AddLifelineFleet(this IServiceCollection services, Action<FleetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FleetOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetOptions>, FleetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<FleetOptions>>().Value;
            return new IpmiUdpTransport(o.IpmiSocketCount, logger: sp.GetService<ILoggerFactory>()?.CreateLogger("Lifeline.Ipmi.Transport"));
        });
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<FleetOptions>>().Value;
            return new IpmiBmcBackend(sp.GetRequiredService<IpmiUdpTransport>(), sp.GetRequiredService<TimeProvider>(), ownsTransport: false)
            {
                SdrCache = new SdrCache(Path.Combine(o.ResolveDataDirectory(), "sdr")),
                Warnings = TextWriter.Null, // cipher suite 0 is refused by the fleet's settings; sessions log through SessionLogger
                SessionLogger = sp.GetService<ILoggerFactory>()?.CreateLogger("Lifeline.Ipmi.Session"),
            };
        });
        services.TryAddSingleton<RedfishBmcBackend>();
        services.TryAddSingleton<IWarmBackendFactory>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<FleetOptions>>().Value;
            return new WarmBackendFactory(sp.GetRequiredService<IpmiBmcBackend>(), sp.GetRequiredService<RedfishBmcBackend>(), new WarmSessionOptions
            {
                Privilege = PrivilegeLevel.Operator,
                KeepAliveInterval = o.IpmiKeepAliveInterval > TimeSpan.Zero ? o.IpmiKeepAliveInterval : null,
                MaxConcurrentRequests = o.MaxRequestsPerBmc,
            });
        });

        services.TryAddSingleton<NodeConfigurationCache>();
        services.TryAddSingleton<IFleetOperations, FleetOperations>();
        services.TryAddSingleton<INodeRefresher, GrainNodeRefresher>();
        services.TryAddSingleton<IRefreshPartition, ClusterRefreshPartition>();
        services.TryAddSingleton<INodeEventStream, NodeEventStream>();
        services.AddHostedService<NodeStateRefresher>();
        return services;
    }

    /// <summary>
    /// The silo side: driver records serialized as JSON between silos (<see cref="FleetSerialization"/>), idle node
    /// grains collected after <see cref="FleetOptions.NodeIdleTimeout"/>, and grain calls allowed to last as long as the
    /// longest operation deadline.
    /// </summary>
    public static ISiloBuilder ConfigureLifelineFleet(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerializer(FleetSerialization.Configure);
        builder.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<FleetOptions>>((collection, fleet) =>
        {
            var age = fleet.Value.NodeIdleTimeout;
            collection.ClassSpecificCollectionAge[typeof(Grains.NodeGrain).FullName!] = age > collection.CollectionQuantum ? age : collection.CollectionQuantum * 2;
        });
        builder.Services.AddOptions<SiloMessagingOptions>().Configure<IOptions<FleetOptions>>((messaging, fleet) =>
        {
            var needed = Longest(fleet.Value) + TimeSpan.FromSeconds(30);
            if (messaging.ResponseTimeout < needed)
            {
                messaging.ResponseTimeout = needed;
            }
        });
        return builder;
    }

    /// <summary>A cluster client of the fleet (outside the silo's host): the same serialization and response timeout.</summary>
    public static IClientBuilder ConfigureLifelineFleet(this IClientBuilder builder, TimeSpan? longestOperation = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerializer(FleetSerialization.Configure);
        var needed = (longestOperation ?? Longest(new FleetOptions())) + TimeSpan.FromSeconds(30);
        builder.Services.Configure<ClientMessagingOptions>(messaging =>
        {
            if (messaging.ResponseTimeout < needed)
            {
                messaging.ResponseTimeout = needed;
            }
        });
        return builder;
    }

    private static TimeSpan Longest(FleetOptions options) =>
        options.LongOperationTimeout > options.OperationTimeout ? options.LongOperationTimeout : options.OperationTimeout;
}

/// <summary>Refuses to start with settings that cannot work, saying what to set.</summary>
internal sealed class FleetOptionsValidator : IValidateOptions<FleetOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
