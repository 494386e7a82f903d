using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace Lifeline.Drivers;

/// <summary>
/// Turns an exception from a node's operation into a <see cref="NodeError"/>. The backend gets the first word
/// (<see cref="IBmcBackend.DescribeFailure"/>); then any exception exposing an <c>Error</c> property (enum or string)
/// and optionally a string <c>NextStep</c> is mapped by those (IpmiException, BmcFailureException, future protocol
/// exceptions), so the CLI needs no reference to protocol exception types; <see cref="TimeoutException"/> is
/// "timeout"; anything else is "internal".
/// </summary>
public sealed class FailureClassifier
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo? Error, PropertyInfo? Next)> Shapes = new();

    private readonly IBmcBackend? _backend;

    public FailureClassifier(IBmcBackend? backend = null)
    {
        _backend = backend;
    }

    public const string TimeoutNextStep = "check that the BMC is powered and on the network; raise --timeout, --retries or --deadline for slow BMCs";

    public NodeError Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        if (_backend?.DescribeFailure(exception) is { } described)
        {
            return described;
        }

        var (errorProperty, nextProperty) = Shapes.GetOrAdd(exception.GetType(), static t => (
            t.GetProperty("Error", BindingFlags.Public | BindingFlags.Instance),
            t.GetProperty("NextStep", BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var pt } p && pt == typeof(string) ? p : null));
        if (errorProperty?.GetValue(exception) is { } error && (error is string || error.GetType().IsEnum))
        {
            return new NodeError(ToKebab(error.ToString() ?? "error"), OneLine(exception.Message), nextProperty?.GetValue(exception) as string);
        }

        if (exception is TimeoutException)
        {
            return new NodeError("timeout", OneLine(exception.Message), TimeoutNextStep);
        }

        return new NodeError("internal", OneLine($"{exception.GetType().Name}: {exception.Message}"),
            "this is a bug in lifeline; rerun with --debug and report it");
    }

    /// <summary>"BadPassword" → "bad-password"; strings already in kebab-case stay.</summary>
    internal static string ToKebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '-' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c == '_' ? '-' : c);
            }
        }

        return sb.ToString();
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
