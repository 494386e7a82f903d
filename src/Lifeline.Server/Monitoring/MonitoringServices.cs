using Lifeline.Monitoring.Alerts;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Lifeline.Monitoring.Detection;
using Lifeline.Monitoring.Notifications;
using Lifeline.Monitoring.Storage;
using Lifeline.Server.Configuration;
using Lifeline.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Monitoring;

/// <summary>Registers monitoring: its store, the collector and pipeline, detector, alert engine and notification channels.</summary>
internal static class MonitoringServices
{
    public static void AddLifelineMonitoring(this IServiceCollection services, ServerSettings settings,
        IReadOnlyDictionary<string, ChannelSettings> channels, NotificationDispatcherOptions? notifications)
    {
        var monitoring = settings.Monitoring;
        services.AddSingleton(monitoring);
        var problems = ChannelSettingsValidator.Validate(channels);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Lifeline:Monitoring:Channels is not valid:\n  " + string.Join("\n  ", problems));
        }
        var storage = new MonitoringStorageOptions
        {
            Provider = monitoring.Provider.Trim().ToLowerInvariant() switch
            {
                "sqlite" => MonitoringStorageProvider.Sqlite,
                "postgres" or "postgresql" => MonitoringStorageProvider.Postgres,
                _ => throw new InvalidOperationException($"Lifeline:Monitoring:Provider '{monitoring.Provider}' is not known: use sqlite or postgres"),
            },
            ConnectionString = monitoring.ConnectionString,
            DataDirectory = settings.ResolveDataDirectory(),
            Retention = monitoring.Retention,
        };
        services.AddSingleton(sp => MonitoringStoreFactory.CreateAsync(storage, Clock(sp), sp.GetRequiredService<ILoggerFactory>(), CancellationToken.None)
            .GetAwaiter().GetResult()); // once, at startup, before anything listens
        services.AddSingleton(channels);
        services.AddSingleton<MonitorStates>();
        services.AddSingleton<SampleWriter>();
        services.AddSingleton<PrimaryPathProbe>(); // network deadlines on the unkeyed clock, like the grains' BMC calls
        services.AddSingleton<IMonitoredNodes, GrainMonitoredNodes>();
        services.AddSingleton(_ => new TrendDetector());
        services.AddSingleton(_ => new HealthAssessor());
        services.AddSingleton<NoderangeMatcher>();
        services.AddSingleton(sp => new NotificationDispatcher(
            sp.GetRequiredService<IMonitoringStore>(),
            ChannelFactory.CreateAll(channels, WebhookClient, Clock(sp)),
            notifications, Clock(sp), sp.GetRequiredService<ILogger<NotificationDispatcher>>(), channels));
        services.AddSingleton(sp => new AlertEngine(
            sp.GetRequiredService<IMonitoringStore>(),
            new AlertEngineOptions
            {
                ServiceName = monitoring.ServiceName,
                Channels = [.. channels.Where(c => c.Value.Enabled).Select(c => new AlertChannel(c.Key, c.Value.MinSeverity))],
            },
            Clock(sp), sp.GetRequiredService<NoderangeMatcher>().Matches, sp.GetRequiredService<NotificationDispatcher>().Wake,
            sp.GetRequiredService<ILogger<AlertEngine>>()));
        services.AddSingleton<MonitoringInstruments>();
        services.AddSingleton<MonitoringPipeline>();
        services.AddSingleton<MonitoringMaintenance>();
        services.AddSingleton<MonitoringMetrics>();
        services.AddSingleton<AlertReminders>();
        services.AddSingleton<RedfishPushListener>();
        services.AddSingleton<MonitoringService>();
        services.AddHostedService(sp => sp.GetRequiredService<MonitoringService>());
    }

    /// <summary>One connection pool for every webhook (each channel applies its own timeout).</summary>
    private static readonly HttpClient WebhookClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The service's own metrics over OTLP, when <c>Lifeline:Telemetry:OtlpEndpoint</c> is set.</summary>
    public static void AddLifelineTelemetry(this IServiceCollection services, TelemetrySettings telemetry)
    {
        if (telemetry.OtlpEndpoint is not { } endpoint)
        {
            return;
        }
        var protocol = telemetry.OtlpProtocol.Trim().ToLowerInvariant() switch
        {
            "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            "grpc" => OtlpExportProtocol.Grpc,
            _ => throw new InvalidOperationException($"Lifeline:Telemetry:OtlpProtocol '{telemetry.OtlpProtocol}' is not known: use http/protobuf or grpc"),
        };
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(MonitoringInstruments.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = endpoint;
                    exporter.Protocol = protocol;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(telemetry.ExportInterval.TotalMilliseconds, 100, int.MaxValue);
                }));
    }

    private static TimeProvider Clock(IServiceProvider services) => services.GetRequiredKeyedService<TimeProvider>(ServiceClock.Key);
}
