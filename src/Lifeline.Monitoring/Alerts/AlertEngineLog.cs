using Microsoft.Extensions.Logging;

namespace Lifeline.Monitoring.Alerts;

internal static partial class AlertEngineLog
{
    [LoggerMessage(1, LogLevel.Warning, "Alert rule {Rule} is invalid and is skipped: {Problems}")]
    public static partial void InvalidRule(ILogger logger, string rule, string problems);

    [LoggerMessage(2, LogLevel.Information, "Alert {Id} {Transition}: {Rule} on {Node} ({Subject}) {Severity}{Note}")]
    public static partial void Transition(ILogger logger, long id, string transition, string rule, string node, string? subject, string severity, string note);

    [LoggerMessage(3, LogLevel.Warning, "Reading alert rules or silences failed; keeping the previous ones")]
    public static partial void RulesUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "The noderange {Noderange} of {What} could not be evaluated for {Node}; treating it as not matching")]
    public static partial void NoderangeFailed(ILogger logger, string noderange, string what, string node, Exception exception);
}
