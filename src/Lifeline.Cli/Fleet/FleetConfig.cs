namespace Lifeline.Cli.Fleet;

/// <summary>
/// What <c>lifeline login</c> stores: the service's URL, the user who logged in and the API token. The token never
/// prints: <see cref="ToString"/> leaves it out.
/// </summary>
public sealed record FleetConfig(string? Url, string? User, string? Token)
{
    public override string ToString() => $"FleetConfig {{ Url = {Url}, User = {User}, Token = {(Token is null ? "none" : "[redacted]")} }}";
}
