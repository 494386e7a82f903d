using System.Text.Json;
using System.Text.Json.Serialization;
using Lifeline.Fleet.Hosting;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Apis;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Lifeline.Server.Configuration;
using Lifeline.Server.Consoles;
using Lifeline.Server.Hosting;
using Lifeline.Server.Inventory;
using Lifeline.Server.Metrics;
using Lifeline.Server.Monitoring;
using Lifeline.Monitoring.Notifications;
using Lifeline.Server.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Lifeline.Server;

/// <summary>
/// The fleet service: an ASP.NET Core application (REST API under <c>/api/v1</c>, Bearer tokens, audit, OpenAPI at
/// <c>/openapi/v1.json</c>, a reference page at <c>/api/reference</c>) co-hosting the Orleans silo with the node grains.
/// <code>
/// var app = LifelineServer.Build(args, o => o.AdminPasswordCreated = pw => Console.WriteLine($"admin password: {pw}"));
/// await app.RunAsync();              // or StartAsync + app.ListenAddresses() + StopAsync
/// </code>
/// Configuration, last wins: appsettings.json (content root), appsettings.{Environment}.json,
/// <see cref="LifelineServerOptions.ConfigurationFile"/>, environment variables (<c>Lifeline__Listen</c> /
/// <c>LIFELINE__LISTEN</c>), the command line (<c>--Lifeline:Listen=http://0.0.0.0:8600</c>), then
/// <see cref="LifelineServerOptions.Settings"/>. See <see cref="ServerSettings"/> for the keys.
/// </summary>
public static class LifelineServer
{
    public const string ApiPrefix = "/api/v1";

    /// <summary>Builds the service, ready to start. Nothing listens and no store is opened until the app starts.</summary>
    public static WebApplication Build(string[] args, Action<LifelineServerOptions>? configure = null)
    {
        var options = new LifelineServerOptions();
        configure?.Invoke(options);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        if (options.ConfigurationFile is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args);
        }

        if (options.Settings.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }

        var settings = builder.Configuration.GetSection(ServerSettings.SectionName).Get<ServerSettings>() ?? new ServerSettings();
        builder.WebHost.UseUrls(settings.Listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = settings.ShutdownTimeout);
        options.ConfigureLogging?.Invoke(builder.Logging);

        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, settings.Cluster, options));
        var storageSection = builder.Configuration.GetSection($"{ServerSettings.SectionName}:Storage");
        var storage = storageSection.Get<StorageOptions>() ?? new StorageOptions();
        if (string.IsNullOrEmpty(storageSection["DataDirectory"]))
        {
            storage = storage with { DataDirectory = settings.ResolveDataDirectory() };
        }

        var dataDirectory = settings.ResolveDataDirectory();
        var fleetSection = builder.Configuration.GetSection($"{ServerSettings.SectionName}:Fleet");
        builder.Services.AddLifelineFleet(fleet =>
        {
            fleetSection.Bind(fleet);
            if (string.IsNullOrWhiteSpace(fleet.DataDirectory))
            {
                fleet.DataDirectory = dataDirectory;
            }
        });
        AddServices(builder.Services, settings, storage, options);
        builder.Services.AddLifelineMonitoring(settings,
            builder.Configuration.GetSection($"{ServerSettings.SectionName}:Monitoring:Channels").Get<Dictionary<string, ChannelSettings>>() ?? [],
            builder.Configuration.GetSection($"{ServerSettings.SectionName}:Monitoring:Notifications").Get<NotificationDispatcherOptions>());
        builder.Services.AddLifelineTelemetry(settings.Telemetry);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        MapLifeline(app);
        return app;
    }

    /// <summary>The addresses Kestrel listens on once the app has started (with the real port when 0 was asked).</summary>
    public static IReadOnlyList<Uri> ListenAddresses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return [.. addresses.Select(a => new Uri(a))];
    }

    private static void AddServices(IServiceCollection services, ServerSettings settings, StorageOptions storage, LifelineServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Auth);
        services.AddKeyedSingleton(ServiceClock.Key, options.TimeProvider ?? TimeProvider.System);

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        });
        services.AddProblemDetails(p => p.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("next", c.ProblemDetails.Status switch
            {
                StatusCodes.Status400BadRequest => "check the request body and parameters against /openapi/v1.json",
                StatusCodes.Status404NotFound => "check the path against /api/reference",
                StatusCodes.Status405MethodNotAllowed => "check the method against /api/reference",
                _ => "this is a bug in lifeline; report it with the time of the request",
            }));
        services.AddExceptionHandler<ValidationExceptionHandler>();
        services.AddOpenApi();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);

        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<TokenTouches>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton(sp => FleetStoreFactory.CreateAsync(
                storage, sp.GetRequiredKeyedService<TimeProvider>(ServiceClock.Key), sp.GetRequiredService<ILoggerFactory>(), CancellationToken.None)
            .GetAwaiter().GetResult()); // once, at startup, from the first hosted service (AdminBootstrap), before anything listens
        services.AddSingleton<INoderangeEngine, FleetNoderangeEngine>();
        services.AddSingleton<IInventoryFormats, FleetInventoryFormats>();
        services.AddSingleton<InventoryCache>();
        services.AddSingleton<InventoryChanges>();
        services.AddSingleton<NoderangeResolver>();
        services.AddSingleton<OperationRunner>();
        services.AddSingleton<HttpRequestCounter>();
        services.AddHostedService<AdminBootstrap>();
        services.AddSingleton<ConsoleHubService>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleHubService>());
    }

    private static void MapLifeline(WebApplication app)
    {
        app.UseMiddleware<HttpRequestCounting>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        app.UseMiddleware<PermissionGate>();

        app.MapOpenApi().Requires(Permission.Public);
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Lifeline API")).Requires(Permission.Public);

        var api = app.MapGroup(ApiPrefix);
        app.MapServiceApi(api);
        app.MapMetricsApi(app.Services.GetRequiredService<ServerSettings>().Metrics);
        api.MapAuthApi();
        api.MapTokensApi();
        api.MapUsersApi();
        api.MapNodesApi();
        api.MapPowerApi();
        api.MapSensorsApi();
        api.MapGroupsApi();
        api.MapCredentialsApi();
        api.MapNoderangeApi();
        api.MapInventoryApi();
        api.MapOpsApi();
        api.MapStateApi();
        api.MapAuditApi();
        api.MapConsolesApi();
        api.MapMonitoringApi();
        api.MapAlertsApi();
        api.MapRulesApi();
    }
}
