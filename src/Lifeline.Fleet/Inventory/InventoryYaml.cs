using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lifeline.Fleet.Inventory;

/// <summary>
/// The inventory as YAML:
/// <code>
/// groups:
///   rack1: {description: Rack 1, credential: rack1-bmc, attributes: {site: dc1}}
/// nodes:
///   n1: {groups: [rack1, compute], ipmi: "ipmi://admin@10.0.0.1", redfish: "redfish://admin@10.0.0.1",
///        management: auto, credential: null, console: sol, inband: 10.1.0.1,
///        location: {site: dc1, rack: r1, u: 3}, attributes: {role: compute}}
/// credentials:
///   rack1-bmc: {user: admin}   # names only: a password here is refused
/// </code>
/// Import is all or nothing, with every problem reported by line; export is deterministic (sorted, one layout) and
/// reads back to the same inventory.
/// </summary>
public static class InventoryYaml
{
    private static readonly string[] NodeFields =
        ["groups", "ipmi", "redfish", "management", "credential", "console", "inband", "location", "attributes"];

    /// <summary>Reads an inventory from YAML text.</summary>
    /// <exception cref="InventoryImportException">Every problem found, with line numbers; nothing is returned.</exception>
    public static InventoryDocument Import(string text)
    {
        InventoryInput.CheckLength(text, InventoryInput.MaxBytes);
        return new Importer().Read(YamlTree.Read(text));
    }

    /// <summary>Reads an inventory from a UTF-8 YAML stream of at most 32 MiB.</summary>
    /// <exception cref="InventoryImportException">Every problem found, with line numbers; nothing is returned.</exception>
    public static async Task<InventoryDocument> ImportAsync(Stream stream, CancellationToken cancellationToken)
    {
        string text = await InventoryInput.ReadAsync(stream, InventoryInput.MaxBytes, cancellationToken).ConfigureAwait(false);
        return Import(text);
    }

    /// <summary>The inventory as YAML: groups, nodes and credentials each sorted by name; unset fields left out.</summary>
    public static string Export(InventoryDocument document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Export(document, writer);
        return writer.ToString();
    }

    /// <inheritdoc cref="Export(InventoryDocument)"/>
    public static void Export(InventoryDocument document, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestWidth(int.MaxValue).WithBestIndent(2));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new Comment("Lifeline inventory. Credentials are listed by name only: set passwords with PUT /credentials/NAME.", false));
        BeginMapping(emitter);

        Plain(emitter, "groups");
        BeginMapping(emitter, document.Groups.Count == 0 ? MappingStyle.Flow : MappingStyle.Block);
        foreach (var group in document.Groups.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            Plain(emitter, group.Name);
            BeginMapping(emitter, HasContent(group) ? MappingStyle.Block : MappingStyle.Flow);
            Field(emitter, "description", group.Description);
            Field(emitter, "credential", group.Credential);
            Attributes(emitter, group.Attributes);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());

        Plain(emitter, "nodes");
        BeginMapping(emitter, document.Nodes.Count == 0 ? MappingStyle.Flow : MappingStyle.Block);
        foreach (var node in document.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            Plain(emitter, node.Name);
            BeginMapping(emitter);
            if (node.Groups.Count > 0)
            {
                Plain(emitter, "groups");
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
                foreach (string group in node.Groups)
                {
                    Text(emitter, group);
                }

                emitter.Emit(new SequenceEnd());
            }

            Field(emitter, "ipmi", node.IpmiUrl);
            Field(emitter, "redfish", node.RedfishUrl);
            Field(emitter, "management", node.Management.ToString().ToLowerInvariant());
            Field(emitter, "credential", node.Credential);
            Field(emitter, "console", node.ConsoleMethod);
            Field(emitter, "inband", node.InbandAddress);
            var location = node.Location;
            if (location.Site is not null || location.Rack is not null || location.U is not null)
            {
                Plain(emitter, "location");
                BeginMapping(emitter, MappingStyle.Flow);
                Field(emitter, "site", location.Site);
                Field(emitter, "rack", location.Rack);
                Field(emitter, "u", location.U?.ToString(CultureInfo.InvariantCulture));
                emitter.Emit(new MappingEnd());
            }

            Attributes(emitter, node.Attributes);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());

        Plain(emitter, "credentials");
        BeginMapping(emitter, document.Credentials.Count == 0 ? MappingStyle.Flow : MappingStyle.Block);
        foreach (var credential in document.Credentials.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            Plain(emitter, credential.Name);
            BeginMapping(emitter, MappingStyle.Flow);
            Field(emitter, "user", credential.UserName);
            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
    }

    private static bool HasContent(GroupDefinition group) =>
        group.Description is not null || group.Credential is not null || group.Attributes.Count > 0;

    private static void BeginMapping(IEmitter emitter, MappingStyle style = MappingStyle.Block) =>
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, style));

    private static void Plain(IEmitter emitter, string value) => emitter.Emit(new Scalar(value));

    /// <summary>A string the importer reads back as the same string: quoted when it would otherwise read as null.</summary>
    private static void Text(IEmitter emitter, string value)
    {
        var style = value is "" or "~" or "null" or "Null" or "NULL" ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, true, true));
    }

    private static void Field(IEmitter emitter, string key, string? value)
    {
        if (value is not null && !(key == "management" && value == "auto"))
        {
            Plain(emitter, key);
            Text(emitter, value);
        }
    }

    private static void Attributes(IEmitter emitter, IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count == 0)
        {
            return;
        }

        Plain(emitter, "attributes");
        BeginMapping(emitter);
        foreach (var (key, value) in attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Text(emitter, key);
            Text(emitter, value);
        }

        emitter.Emit(new MappingEnd());
    }

    /// <summary>Turns the tree into nodes and groups, collecting every problem instead of stopping at the first.</summary>
    private sealed class Importer
    {
        private readonly List<InventoryImportError> _errors = [];

        public InventoryDocument Read(YamlValue? root)
        {
            var nodes = new List<NodeDefinition>();
            var groups = new List<GroupDefinition>();
            var credentials = new List<CredentialReference>();
            if (root is null)
            {
                return new InventoryDocument(nodes, groups, credentials);
            }

            if (root is not YamlMapping top)
            {
                throw Fail(root.Line, "the file must be a mapping with the sections groups:, nodes: and credentials:");
            }

            foreach (var (key, value) in Entries(top, "the file"))
            {
                switch (key.Value)
                {
                    case "groups":
                        ReadSection(value, "groups", (name, body) => ReadGroup(name, body, groups));
                        break;
                    case "nodes":
                        ReadSection(value, "nodes", (name, body) => ReadNode(name, body, nodes));
                        break;
                    case "credentials":
                        ReadSection(value, "credentials", (name, body) => ReadCredential(name, body, credentials));
                        break;
                    default:
                        Add(key.Line, $"unknown section '{Show(key.Value)}' (expected groups, nodes or credentials)");
                        break;
                }
            }

            if (_errors.Count > 0)
            {
                throw new InventoryImportException(_errors);
            }

            return new InventoryDocument(nodes, groups, credentials);
        }

        private void ReadSection(YamlValue value, string section, Action<YamlScalar, YamlValue?> read)
        {
            if (value is YamlScalar { IsNull: true })
            {
                return;
            }

            if (value is not YamlMapping mapping)
            {
                Add(value.Line, $"'{section}' must be a mapping of names to their definitions");
                return;
            }

            foreach (var (name, body) in Entries(mapping, $"'{section}'"))
            {
                read(name, body is YamlScalar { IsNull: true } ? null : body);
            }
        }

        private void ReadGroup(YamlScalar name, YamlValue? body, List<GroupDefinition> groups)
        {
            var group = new GroupDefinition { Name = name.Value };
            string who = $"group '{Show(name.Value)}'";
            if (body is not null and not YamlMapping)
            {
                Add(body.Line, $"{who} must be a mapping ({{description: …, credential: …, attributes: {{…}}}}) or empty");
                return;
            }

            foreach (var (key, value) in body is YamlMapping m ? Entries(m, who) : [])
            {
                switch (key.Value)
                {
                    case "description":
                        group = group with { Description = OptionalText(value, who, key.Value) };
                        break;
                    case "credential":
                        group = group with { Credential = OptionalText(value, who, key.Value) };
                        break;
                    case "attributes":
                        group = group with { Attributes = ReadAttributes(value, who) };
                        break;
                    case "password" or "secret":
                        Add(key.Line, $"{who}: passwords are never part of an inventory file; store one as a credential (PUT /credentials/NAME) and name it in credential:");
                        break;
                    default:
                        Add(key.Line, $"{who}: unknown field '{Show(key.Value)}' (expected description, credential or attributes)");
                        break;
                }
            }

            Validate(name.Line, InventoryValidator.Validate(group));
            groups.Add(group);
        }

        private void ReadNode(YamlScalar name, YamlValue? body, List<NodeDefinition> nodes)
        {
            var node = new NodeDefinition { Name = name.Value };
            string who = $"node '{Show(name.Value)}'";
            if (body is not null and not YamlMapping)
            {
                Add(body.Line, $"{who} must be a mapping ({{groups: […], ipmi: …, redfish: …}}) or empty");
                return;
            }

            foreach (var (key, value) in body is YamlMapping m ? Entries(m, who) : [])
            {
                switch (key.Value)
                {
                    case "groups":
                        node = node with { Groups = ReadGroups(value, who) };
                        break;
                    case "ipmi" or "ipmi_url":
                        node = node with { IpmiUrl = OptionalText(value, who, key.Value) };
                        break;
                    case "redfish" or "redfish_url":
                        node = node with { RedfishUrl = OptionalText(value, who, key.Value) };
                        break;
                    case "management":
                        node = node with { Management = ReadManagement(value, who) };
                        break;
                    case "credential":
                        node = node with { Credential = OptionalText(value, who, key.Value) };
                        break;
                    case "console" or "console_method":
                        node = node with { ConsoleMethod = OptionalText(value, who, key.Value) };
                        break;
                    case "inband" or "inband_address":
                        node = node with { InbandAddress = OptionalText(value, who, key.Value) };
                        break;
                    case "location":
                        node = node with { Location = ReadLocation(value, who) };
                        break;
                    case "attributes":
                        node = node with { Attributes = ReadAttributes(value, who) };
                        break;
                    case "password" or "secret":
                        Add(key.Line, $"{who}: passwords are never part of an inventory file; store one as a credential (PUT /credentials/NAME) and name it in credential:");
                        break;
                    default:
                        Add(key.Line, $"{who}: unknown field '{Show(key.Value)}' (expected {string.Join(", ", NodeFields)})");
                        break;
                }
            }

            Validate(name.Line, InventoryValidator.Validate(node));
            nodes.Add(node);
        }

        private void ReadCredential(YamlScalar name, YamlValue? body, List<CredentialReference> credentials)
        {
            string who = $"credential '{Show(name.Value)}'";
            string? user = null;
            if (body is not null and not YamlMapping)
            {
                Add(body.Line, $"{who} must be a mapping ({{user: NAME}}) or empty");
                return;
            }

            foreach (var (key, value) in body is YamlMapping m ? Entries(m, who) : [])
            {
                switch (key.Value)
                {
                    case "user" or "user_name":
                        user = OptionalText(value, who, key.Value);
                        break;
                    case "password" or "secret" or "pass":
                        Add(key.Line, $"{who}: the file carries a password, which is never imported from a file; remove it and set the password with PUT /credentials/{Show(name.Value)}");
                        break;
                    default:
                        Add(key.Line, $"{who}: unknown field '{Show(key.Value)}' (expected user)");
                        break;
                }
            }

            if (InventoryValidator.CheckCredentialName(name.Value) is { } problem)
            {
                Add(name.Line, problem);
            }

            credentials.Add(new CredentialReference(name.Value, user));
        }

        private List<string> ReadGroups(YamlValue value, string who)
        {
            switch (value)
            {
                case YamlScalar { IsNull: true }:
                    return [];
                case YamlScalar scalar:
                    return [.. scalar.Value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                case YamlSequence sequence:
                    var groups = new List<string>();
                    foreach (var item in sequence.Items)
                    {
                        if (item is YamlScalar { IsNull: false } scalar)
                        {
                            groups.Add(scalar.Value);
                        }
                        else
                        {
                            Add(item.Line, $"{who}: each group must be a name");
                        }
                    }

                    return groups;
                default:
                    Add(value.Line, $"{who}: groups must be a list of names ([rack1, compute])");
                    return [];
            }
        }

        private ManagementProtocol ReadManagement(YamlValue value, string who)
        {
            string? text = OptionalText(value, who, "management");
            switch (text?.ToLowerInvariant())
            {
                case null or "auto":
                    return ManagementProtocol.Auto;
                case "ipmi":
                    return ManagementProtocol.Ipmi;
                case "redfish":
                    return ManagementProtocol.Redfish;
                default:
                    Add(value.Line, $"{who}: management '{Show(text)}' is not auto, ipmi or redfish");
                    return ManagementProtocol.Auto;
            }
        }

        private Location ReadLocation(YamlValue value, string who)
        {
            if (value is YamlScalar { IsNull: true })
            {
                return new Location();
            }

            if (value is not YamlMapping mapping)
            {
                Add(value.Line, $"{who}: location must be a mapping ({{site: …, rack: …, u: …}})");
                return new Location();
            }

            var location = new Location();
            foreach (var (key, item) in Entries(mapping, $"{who} location"))
            {
                switch (key.Value)
                {
                    case "site":
                        location = location with { Site = OptionalText(item, who, "site") };
                        break;
                    case "rack":
                        location = location with { Rack = OptionalText(item, who, "rack") };
                        break;
                    case "u":
                        string? u = OptionalText(item, who, "u");
                        if (u is null)
                        {
                            location = location with { U = null };
                        }
                        else if (int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
                        {
                            location = location with { U = number };
                        }
                        else
                        {
                            Add(item.Line, $"{who}: u '{Show(u)}' is not a whole number (the rack unit, like 3)");
                        }

                        break;
                    default:
                        Add(key.Line, $"{who}: unknown location field '{Show(key.Value)}' (expected site, rack or u)");
                        break;
                }
            }

            return location;
        }

        private Dictionary<string, string> ReadAttributes(YamlValue value, string who)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (value is YamlScalar { IsNull: true })
            {
                return attributes;
            }

            if (value is not YamlMapping mapping)
            {
                Add(value.Line, $"{who}: attributes must be a mapping of keys to values ({{role: compute}})");
                return attributes;
            }

            foreach (var (key, item) in Entries(mapping, $"{who} attributes"))
            {
                string lower = key.Value.ToLowerInvariant();
                if (item is not YamlScalar scalar)
                {
                    Add(item.Line, $"{who}: attribute '{Show(key.Value)}' must be a single value, not a list or a mapping");
                }
                else if (scalar.IsNull)
                {
                    Add(item.Line, $"{who}: attribute '{Show(key.Value)}' has no value (remove the line to leave it unset)");
                }
                else if (!attributes.TryAdd(lower, scalar.Value))
                {
                    Add(key.Line, $"{who}: attribute '{Show(key.Value)}' is given twice (keys are not case-sensitive)");
                }
            }

            return attributes;
        }

        private string? OptionalText(YamlValue value, string who, string field)
        {
            switch (value)
            {
                case YamlScalar { IsNull: true }:
                    return null;
                case YamlScalar scalar:
                    return scalar.Value;
                default:
                    Add(value.Line, $"{who}: {field} must be a single value, not a list or a mapping");
                    return null;
            }
        }

        /// <summary>The entries of a mapping, each key once (a repeated key is an error at its line).</summary>
        private IEnumerable<(YamlScalar Key, YamlValue Value)> Entries(YamlMapping mapping, string where)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Entries)
            {
                if (key.IsNull)
                {
                    Add(key.Line, $"{where}: an entry has no name");
                }
                else if (!seen.Add(key.Value))
                {
                    Add(key.Line, $"{where}: '{Show(key.Value)}' is given twice");
                }
                else
                {
                    yield return (key, value);
                }
            }
        }

        private void Validate(int line, IReadOnlyList<string> problems)
        {
            foreach (string problem in problems)
            {
                Add(line, problem);
            }
        }

        private void Add(int line, string message)
        {
            _errors.Add(new InventoryImportError(line, message));
            if (_errors.Count >= InventoryImportException.MaxErrors)
            {
                throw new InventoryImportException(_errors);
            }
        }

        private InventoryImportException Fail(int line, string message)
        {
            _errors.Add(new InventoryImportError(line, message));
            return new InventoryImportException(_errors);
        }

        private static string Show(string? text) => text is null ? "" : InventoryValidator.Shorten(text);
    }
}
