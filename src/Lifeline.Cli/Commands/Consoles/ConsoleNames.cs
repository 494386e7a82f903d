namespace Lifeline.Cli.Commands.Consoles;

/// <summary>Checks of a console command's node argument.</summary>
internal static class ConsoleNames
{
    /// <exception cref="UsageException">Empty, or a noderange where one node is expected.</exception>
    public static void Check(string node)
    {
        if (string.IsNullOrWhiteSpace(node))
        {
            throw new UsageException("no node given: lifeline console NODE (lifeline console list shows the consoles)");
        }

        if (node.IndexOfAny([',', '[', '*', ' ', '/', '?', '#']) >= 0)
        {
            throw new UsageException($"'{node}': a console is one node; lifeline console list NODERANGE shows several");
        }
    }
}
