using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Detection;

/// <summary>What one observation changed: predictions raised now, predictions whose condition went away, and all of the node's active ones.</summary>
/// <param name="Raised">New predictions, and active ones whose severity changed.</param>
/// <param name="Cleared">Predictions that no longer hold (as they were when last active).</param>
/// <param name="Active">The node's active predictions after the observation.</param>
public sealed record DetectionResult(IReadOnlyList<Prediction> Raised, IReadOnlyList<Prediction> Cleared, IReadOnlyList<Prediction> Active)
{
    public static DetectionResult Empty { get; } = new([], [], []);

    public bool HasChanges => Raised.Count > 0 || Cleared.Count > 0;
}
