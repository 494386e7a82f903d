namespace Lifeline.Server.Configuration;

/// <summary>The <c>Lifeline:Auth</c> section: first admin, token lifetimes, login throttling and lockout, password cost.</summary>
public sealed class AuthSettings
{
    /// <summary>
    /// The first admin's password, used only when no user exists yet. Also read from <c>LIFELINE_ADMIN_PASSWORD</c>.
    /// When neither is set a random one is generated and handed to <see cref="LifelineServerOptions.AdminPasswordCreated"/>.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>Lifetime of a token made by <c>POST /auth/login</c> when the request names none.</summary>
    public TimeSpan LoginTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Lifetime of a token made by <c>POST /tokens</c> when the request names none.</summary>
    public TimeSpan ApiTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The longest lifetime any token may ask for.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(366);

    /// <summary>Failed logins (per user name and per source address) answered at once before delays start.</summary>
    public int FreeAttempts { get; set; } = 3;

    /// <summary>The delay after the first throttled failure; it doubles with each further failure.</summary>
    public TimeSpan ThrottleBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan ThrottleMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive failed logins of one user that lock the account.</summary>
    public int LockoutThreshold { get; set; } = 10;

    /// <summary>How long a locked account refuses logins (an admin may unlock it sooner).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Argon2id memory in KiB (19 MiB by default: OWASP's minimum for Argon2id, ~tens of ms on 2 cores).</summary>
    public int Argon2MemoryKiB { get; set; } = 19 * 1024;

    /// <summary>Argon2id passes over memory.</summary>
    public int Argon2Iterations { get; set; } = 2;

    /// <summary>Argon2id lanes.</summary>
    public int Argon2Parallelism { get; set; } = 1;

    /// <summary>The shortest password accepted for a user.</summary>
    public int MinPasswordLength { get; set; } = 8;
}
