namespace Lifeline.Fleet.Inventory;

/// <summary>
/// The rules every stored node and group meets: names, URLs, attribute keys and values. The store checks them before
/// writing and the importers before returning, so a bad value is refused with what to fix instead of being stored.
/// </summary>
public static class InventoryValidator
{
    /// <summary>The longest node, group or credential name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest attribute key.</summary>
    public const int MaxAttributeKeyLength = 64;

    /// <summary>The longest attribute value, description, console method or in-band address.</summary>
    public const int MaxValueLength = 1024;

    /// <summary>At most this many groups per node and attributes per node or group.</summary>
    public const int MaxEntries = 256;

    /// <summary>
    /// Keys that name a built-in property (see <see cref="InventorySnapshot"/>) and may not be free-form attributes.
    /// <c>site</c>, <c>rack</c> and <c>u</c> may: a group sets them for its members, the node's location wins.
    /// </summary>
    public static IReadOnlySet<string> ReservedAttributeKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "groups", "ipmi", "redfish", "credential", "management", "console", "inband",
    };

    /// <summary>Null when <paramref name="name"/> is a valid node name, else what to fix.</summary>
    public static string? CheckNodeName(string? name) => CheckName(name, "node");

    /// <summary>Null when <paramref name="name"/> is a valid group name, else what to fix.</summary>
    public static string? CheckGroupName(string? name) => CheckName(name, "group");

    /// <summary>Null when <paramref name="name"/> is a valid credential name, else what to fix.</summary>
    public static string? CheckCredentialName(string? name) => CheckName(name, "credential");

    /// <summary>
    /// Null when <paramref name="key"/> is a valid attribute key: lower-case letters, digits, '-', '_' and '.',
    /// starting with a letter or digit, not a reserved built-in name.
    /// </summary>
    public static string? CheckAttributeKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "an attribute key is empty";
        }

        if (key.Length > MaxAttributeKeyLength)
        {
            return $"attribute key '{Shorten(key)}' is longer than {MaxAttributeKeyLength} characters";
        }

        if (!char.IsAsciiLetterLower(key[0]) && !char.IsAsciiDigit(key[0]))
        {
            return $"attribute key '{key}' must start with a lower-case letter or a digit";
        }

        foreach (char c in key)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
            {
                return $"attribute key '{key}' may contain only lower-case letters, digits, '-', '_' and '.'";
            }
        }

        if (ReservedAttributeKeys.Contains(key))
        {
            return $"'{key}' is a built-in node property, not a free-form attribute; set the node's {key} field instead";
        }

        return null;
    }

    /// <summary>Every problem of <paramref name="node"/>, each naming the node and what to fix; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var problems = new List<string>();
        string who = $"node '{Shorten(node.Name ?? "")}'";
        if (CheckNodeName(node.Name) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }

        if (node.Groups is null)
        {
            problems.Add($"{who}: groups must be a list (empty for none)");
        }
        else
        {
            if (node.Groups.Count > MaxEntries)
            {
                problems.Add($"{who}: more than {MaxEntries} groups");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string group in node.Groups)
            {
                if (CheckGroupName(group) is { } groupProblem)
                {
                    problems.Add($"{who}: {groupProblem}");
                }
                else if (!seen.Add(group))
                {
                    problems.Add($"{who}: group '{group}' is listed twice");
                }
            }
        }

        if (node.IpmiUrl is not null && NodeUrl.CheckIpmi(node.IpmiUrl) is { } ipmiProblem)
        {
            problems.Add($"{who}: ipmi: {ipmiProblem}");
        }

        if (node.RedfishUrl is not null && NodeUrl.CheckRedfish(node.RedfishUrl) is { } redfishProblem)
        {
            problems.Add($"{who}: redfish: {redfishProblem}");
        }

        if (!Enum.IsDefined(node.Management))
        {
            problems.Add($"{who}: management must be auto, ipmi or redfish");
        }

        if (node.Credential is not null && CheckCredentialName(node.Credential) is { } credentialProblem)
        {
            problems.Add($"{who}: {credentialProblem}");
        }

        CheckText(problems, who, "console", node.ConsoleMethod);
        CheckText(problems, who, "inband", node.InbandAddress);
        if (node.Location is null)
        {
            problems.Add($"{who}: location must be set (use an empty location)");
        }
        else
        {
            CheckText(problems, who, "site", node.Location.Site);
            CheckText(problems, who, "rack", node.Location.Rack);
            if (node.Location.U is < 0 or > 1000)
            {
                problems.Add($"{who}: u must be a rack unit from 0 to 1000");
            }
        }

        CheckAttributes(problems, who, node.Attributes);
        return problems;
    }

    /// <summary>Every problem of <paramref name="group"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(GroupDefinition group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var problems = new List<string>();
        string who = $"group '{Shorten(group.Name ?? "")}'";
        if (CheckGroupName(group.Name) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }

        CheckText(problems, who, "description", group.Description);
        if (group.Credential is not null && CheckCredentialName(group.Credential) is { } credentialProblem)
        {
            problems.Add($"{who}: {credentialProblem}");
        }

        CheckAttributes(problems, who, group.Attributes);
        return problems;
    }

    /// <summary>Throws when <paramref name="node"/> is invalid.</summary>
    /// <exception cref="InventoryValidationException">With every problem found.</exception>
    public static void ThrowIfInvalid(NodeDefinition node)
    {
        var problems = Validate(node);
        if (problems.Count > 0)
        {
            throw new InventoryValidationException(problems);
        }
    }

    /// <summary>Throws when <paramref name="group"/> is invalid.</summary>
    /// <exception cref="InventoryValidationException">With every problem found.</exception>
    public static void ThrowIfInvalid(GroupDefinition group)
    {
        var problems = Validate(group);
        if (problems.Count > 0)
        {
            throw new InventoryValidationException(problems);
        }
    }

    /// <summary>
    /// The node with its attribute keys lower-cased (the form stored); text values are kept as given. Throws when two
    /// keys differ only in case.
    /// </summary>
    public static NodeDefinition Normalize(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node with { Attributes = LowerKeys(node.Attributes, $"node '{node.Name}'") };
    }

    /// <summary>The group with its attribute keys lower-cased.</summary>
    public static GroupDefinition Normalize(GroupDefinition group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group with { Attributes = LowerKeys(group.Attributes, $"group '{group.Name}'") };
    }

    private static IReadOnlyDictionary<string, string> LowerKeys(IReadOnlyDictionary<string, string>? attributes, string who)
    {
        if (attributes is null || attributes.Keys.All(k => !k.Any(char.IsUpper)))
        {
            return attributes ?? new Dictionary<string, string>();
        }

        var lowered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (!lowered.TryAdd(key.ToLowerInvariant(), value))
            {
                throw new InventoryValidationException([$"{who}: attribute '{key}' is given twice (keys are not case-sensitive)"]);
            }
        }

        return lowered;
    }

    private static string? CheckName(string? name, string kind)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"a {kind} name is empty";
        }

        if (name.Length > MaxNameLength)
        {
            return $"{kind} name '{Shorten(name)}' is longer than {MaxNameLength} characters";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"{kind} name '{Shorten(name)}' must start with a letter or a digit";
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return $"{kind} name '{Shorten(name)}' may contain only letters, digits, '-', '_' and '.' (found '{Printable(c)}')";
            }
        }

        return null;
    }

    private static void CheckAttributes(List<string> problems, string who, IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            problems.Add($"{who}: attributes must be a map (empty for none)");
            return;
        }

        if (attributes.Count > MaxEntries)
        {
            problems.Add($"{who}: more than {MaxEntries} attributes");
        }

        foreach (var (key, value) in attributes)
        {
            if (CheckAttributeKey(key) is { } keyProblem)
            {
                problems.Add($"{who}: {keyProblem}");
            }
            else if (value is null)
            {
                problems.Add($"{who}: attribute '{key}' has no value (remove it instead)");
            }
            else
            {
                CheckText(problems, who, $"attribute '{key}'", value);
            }
        }
    }

    private static void CheckText(List<string> problems, string who, string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxValueLength)
        {
            problems.Add($"{who}: {field} is longer than {MaxValueLength} characters");
        }
        else if (value.Any(char.IsControl))
        {
            problems.Add($"{who}: {field} contains a control character (tab, newline, …); write it on one line");
        }
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();

    internal static string Shorten(string text) => text.Length > 70 ? text[..70] + "…" : text;
}
