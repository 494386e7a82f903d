namespace Lifeline.Fleet.Noderanges;

/// <summary>Bounds that keep hostile noderanges from hanging or exhausting the service.</summary>
public static class NodeRangeLimits
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxExpressionLength = 1_048_576;

    /// <summary>How deeply parentheses may nest.</summary>
    public const int MaxDepth = 100;

    /// <summary>The most names one range, <c>+</c> or bracket product may produce.</summary>
    public const int MaxNamesPerTerm = 1_000_000;

    /// <summary>The time limit for one regular-expression match against one name or value.</summary>
    public static TimeSpan RegexMatchTimeout { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The time limit for all regular-expression matching in one expansion.</summary>
    public static TimeSpan RegexTotalBudget { get; } = TimeSpan.FromSeconds(2);
}
