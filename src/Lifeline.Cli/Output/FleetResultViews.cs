using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Output;

/// <summary>Views of the results that only fleet mode has (the others reuse <see cref="ResultViews"/>).</summary>
public static class FleetResultViews
{
    /// <summary><c>health</c>: <c>ok</c>, or the level with its reasons (one reason on the line, several as a block).</summary>
    public static readonly IResultView<HealthResult> Health = new HealthView();

    private sealed class HealthView : IResultView<HealthResult>
    {
        // A service may send "reasons": null; treat it as none.
        private static IReadOnlyList<string> Reasons(HealthResult value) => value.Reasons ?? [];

        public bool IsBlock(HealthResult value) => Reasons(value).Count > 1;

        public IReadOnlyList<string> Lines(HealthResult value) => Reasons(value) switch
        {
            [] => [value.Health],
            [var one] => [$"{value.Health}: {one}"],
            var many => [value.Health, .. many.Select(r => $"  {r}")],
        };

        public NodeLine Json(HealthResult? value) => new HealthLine { Health = value?.Health, Reasons = value?.Reasons };
    }
}
