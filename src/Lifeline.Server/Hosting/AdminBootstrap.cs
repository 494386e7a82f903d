using Microsoft.Extensions.DependencyInjection;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Lifeline.Server.Audit;
using Lifeline.Server.Auth;
using Lifeline.Server.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Hosting;

/// <summary>
/// At startup, before the API listens: brings the schema up to date, and when no user exists creates <c>admin</c>
/// (admin over <c>*</c>) with the password from <c>Lifeline:Auth:AdminPassword</c>, else <c>LIFELINE_ADMIN_PASSWORD</c>,
/// else a random one handed once to <see cref="LifelineServerOptions.AdminPasswordCreated"/> (standard error when
/// unset). The password is never logged.
/// </summary>
internal sealed partial class AdminBootstrap(
    IFleetStore store,
    PasswordHasher hasher,
    AuthSettings settings,
    LifelineServerOptions options,
    AuditWriter audit,
    [FromKeyedServices(ServiceClock.Key)] TimeProvider time,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string AdminName = "admin";
    public const string PasswordVariable = "LIFELINE_ADMIN_PASSWORD";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var users = await store.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        if (users.Count > 0)
        {
            return;
        }

        string? password = settings.AdminPassword;
        string from = "configuration (Lifeline:Auth:AdminPassword)";
        if (string.IsNullOrEmpty(password))
        {
            password = Environment.GetEnvironmentVariable(PasswordVariable);
            from = PasswordVariable;
        }

        bool generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = TokenSecrets.NewPassword();
            from = "a random password";
        }

        await store.UpsertUserAsync(new UserRecord
        {
            Name = AdminName,
            PasswordHash = await hasher.HashAsync(password!, cancellationToken).ConfigureAwait(false),
            Grants = [new RoleGrant(Role.Admin, RoleGrant.Everything)],
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync("-", "local", "users.add", $"user:{AdminName}", AuditWriter.Ok, new { reason = "first start: no user existed", password_from = from }).ConfigureAwait(false);
        LogCreated(logger, AdminName, from);
        if (generated)
        {
            if (options.AdminPasswordCreated is { } report)
            {
                report(password!);
            }
            else
            {
                await Console.Error.WriteLineAsync($"lifeline: created user '{AdminName}' with password {password} (shown once; change it with PATCH /api/v1/users/{AdminName})").ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user existed: created '{User}' (admin over *) with the password from {Source}")]
    private static partial void LogCreated(ILogger logger, string user, string source);
}
