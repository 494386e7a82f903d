using Lifeline.Redfish.Tls;
using Microsoft.Extensions.Logging;

namespace Lifeline.Redfish;

/// <summary>How a client authenticates (DSP0266 v1.20 clause "Authentication").</summary>
public enum RedfishAuthMode
{
    /// <summary>One Redfish session (POST to Links.Sessions, X-Auth-Token), reused and deleted on dispose. The default.</summary>
    Session,
    /// <summary>HTTP Basic on every request: only when explicitly chosen (sessionless BMCs, --no-sessions services).</summary>
    Basic,
    /// <summary>No credentials (the service root and other open resources only).</summary>
    None,
}

/// <summary>Settings of one <see cref="RedfishClient"/> (one BMC).</summary>
public sealed record RedfishClientOptions
{
    public required RedfishEndpoint Endpoint { get; init; }

    public string? UserName { get; init; }

    /// <summary>Never logged, never part of ToString.</summary>
    public string? Password { get; init; }

    public RedfishAuthMode Auth { get; init; } = RedfishAuthMode.Session;

    public TlsPolicy Tls { get; init; } = TlsPolicy.CertificateAuthority();

    /// <summary>Deadline for one HTTP exchange (headers and body).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>BMCs serve few connections; two keeps a slow request from blocking a fast one without crowding the BMC.</summary>
    public int MaxConnectionsPerServer { get; init; } = 2;

    /// <summary>Retries on 429/503 (each honouring Retry-After).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Total time spent waiting for Retry-After per request; a longer demand is returned as the 429/503 error.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(60);

    public long MaxResponseBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Caps for collection reading: pages followed via nextLink and members returned.</summary>
    public int MaxCollectionPages { get; init; } = 1_000;

    public int MaxCollectionMembers { get; init; } = 100_000;

    /// <summary>How long a task monitor is polled before giving up, and the poll interval when no Retry-After is given.</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }

    public override string ToString() => $"{Endpoint} auth={Auth} tls={Tls.Mode}";
}
