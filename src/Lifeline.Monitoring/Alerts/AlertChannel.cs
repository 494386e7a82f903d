using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Alerts;

/// <summary>A configured notification channel as the engine needs it: its name and the lowest severity it wants.</summary>
public sealed record AlertChannel(string Name, Severity MinSeverity = Severity.Info);
