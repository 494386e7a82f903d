using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

/// <summary>What one observation changed: predictions raised now, predictions whose condition went away, and all of the node's active ones.</summary>
/// <param name="Raised">New predictions, and active ones whose severity changed.</param>
/// <param name="Cleared">Predictions that no longer hold (as they were when last active).</param>
/// <param name="Active">The node's active predictions after the observation.</param>
public sealed record DetectionResult(IReadOnlyList<Prediction> Raised, IReadOnlyList<Prediction> Cleared, IReadOnlyList<Prediction> Active)
{
    /// <summary>Nothing observed (a gap, an event of no interest): says nothing about any node.</summary>
    public static DetectionResult Empty { get; } = new([], [], []);

    /// <summary>
    /// The node when <see cref="Active"/> is its complete set of active predictions (after a poll or an event of that
    /// node); the alert engine then resolves trend alerts that no longer have a prediction (e.g. after a restart).
    /// </summary>
    public string? Node { get; init; }

    public bool HasChanges => Raised.Count > 0 || Cleared.Count > 0;
}
