namespace Lifeline.Monitoring.Detection;

/// <summary>The words of <see cref="Model.NodeHealth.Health"/>.</summary>
public static class HealthNames
{
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Critical = "critical";
    public const string Unknown = "unknown";
}
