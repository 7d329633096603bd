using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CupiGen.Emulator.Schema;

/// <summary>The scalar kind of a field on the wire.</summary>
public enum FieldKind
{
    /// <summary>Text.</summary>
    String,

    /// <summary>An integer (plain or a named enum).</summary>
    Integer,

    /// <summary>A boolean.</summary>
    Boolean,
}

/// <summary>One field's rules, read from the schema's <c>properties</c> entry.</summary>
public sealed class FieldRule
{
    internal FieldRule(string name) => Name = name;

    /// <summary>The wire name.</summary>
    public string Name { get; }

    /// <summary>The scalar kind.</summary>
    public FieldKind Kind { get; internal set; }

    /// <summary>The named enum (<c>$ref</c>), if any.</summary>
    public string? EnumName { get; internal set; }

    /// <summary>The only allowed values in canonical text (from an enum's members or the <c>enum</c> keyword), or null.</summary>
    public IReadOnlyList<string>? AllowedValues { get; internal set; }

    /// <summary>Inclusive lower bound.</summary>
    public long? Minimum { get; internal set; }

    /// <summary>Inclusive upper bound.</summary>
    public long? Maximum { get; internal set; }

    /// <summary>Longest allowed text.</summary>
    public int? MaxLength { get; internal set; }

    /// <summary>Shortest allowed text.</summary>
    public int? MinLength { get; internal set; }

    /// <summary>The pattern the whole value must match.</summary>
    public Regex? Pattern { get; internal set; }

    /// <summary>Whether the value is an object id (<c>format: uuid</c>).</summary>
    public bool IsUuid { get; internal set; }

    /// <summary>Set by the server; never accepted in a request.</summary>
    public bool ReadOnly { get; internal set; }

    /// <summary>Accepted in a create request only.</summary>
    public bool CreateOnly { get; internal set; }

    /// <summary>Never echoed in messages.</summary>
    public bool Secret { get; internal set; }

    /// <summary>The schema default in canonical text, or null.</summary>
    public string? Default { get; internal set; }

    /// <summary>The resource whose object id this field holds (<c>x-cupi-references</c>).</summary>
    public string? References { get; internal set; }

    /// <summary>The field whose value decides whether this one applies (<c>x-cupi-appliesTo.field</c>).</summary>
    public string? AppliesToField { get; internal set; }

    /// <summary>The values of <see cref="AppliesToField"/> for which this field applies.</summary>
    public IReadOnlyList<string>? AppliesToValues { get; internal set; }

    /// <summary>
    /// <c>x-cupi-matches</c> on a reference: this resource's field (Item1) must equal the referenced object's
    /// field (Item2), e.g. TelephonyIntegrationMethodEnum and the template's CopyTelephonyIntegrationMethodEnum.
    /// </summary>
    public (string Field, string LookupField)? Matches { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>One REST endpoint from <c>x-cupi-endpoints</c>.</summary>
public sealed class EndpointSpec
{
    internal EndpointSpec(string name, string method, string path)
    {
        Name = name;
        Method = method;
        Path = path;
    }

    /// <summary>The method stem, e.g. <c>List</c>.</summary>
    public string Name { get; }

    /// <summary>GET, POST, PUT or DELETE.</summary>
    public string Method { get; }

    /// <summary>The documented path template.</summary>
    public string Path { get; }

    /// <summary>Other spellings of the path.</summary>
    public IReadOnlyList<string> AlternatePaths { get; internal set; } = [];

    /// <summary>The query parameters the endpoint takes.</summary>
    public IReadOnlyList<string> Query { get; internal set; } = [];

    /// <summary><c>object</c>, <c>none</c> or null (no request body described).</summary>
    public string? RequestBody { get; internal set; }

    /// <summary>The documented success status.</summary>
    public int ResponseStatus { get; internal set; }

    /// <summary><c>list</c>, <c>object</c>, <c>uri</c> or <c>none</c>.</summary>
    public string ResponseBody { get; internal set; } = "none";

    /// <summary>A precondition (<c>requires</c>): the addressed object's field and the value it must have.</summary>
    public (string Field, string Value)? Requires { get; internal set; }

    /// <summary>The documented path followed by the alternate ones.</summary>
    public IEnumerable<string> AllPaths => AlternatePaths.Prepend(Path);
}

/// <summary>One resource (<c>$defs</c> entry with <c>x-cupi-element</c>).</summary>
public sealed class ResourceSpec
{
    private readonly Dictionary<string, FieldRule> _byName = new(StringComparer.Ordinal);
    private readonly List<FieldRule> _fields = [];

    internal ResourceSpec(string name, string element, string listElement)
    {
        Name = name;
        Element = element;
        ListElement = listElement;
    }

    /// <summary>The <c>$defs</c> key, which is the generated type's name.</summary>
    public string Name { get; }

    /// <summary>The element name of one object.</summary>
    public string Element { get; }

    /// <summary>The XML root element of a list.</summary>
    public string ListElement { get; }

    /// <summary>The fields in wire order.</summary>
    public IReadOnlyList<FieldRule> Fields => _fields;

    /// <summary>The fields a create request must carry.</summary>
    public IReadOnlyList<string> RequiredOnCreate { get; internal set; } = [];

    /// <summary>The endpoints.</summary>
    public IReadOnlyList<EndpointSpec> Endpoints { get; internal set; } = [];

    /// <summary>The field with this wire name, or null.</summary>
    public FieldRule? Field(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The field with this wire name in any letter case, or null.</summary>
    public FieldRule? FieldIgnoringCase(string name) =>
        Field(name) ?? _fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    internal void Add(FieldRule field)
    {
        _fields.Add(field);
        _byName[field.Name] = field;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// The rule tables the emulator enforces, read from the CUPI schema with System.Text.Json: every resource,
/// its fields' access, ranges, lengths, patterns, allowed values, defaults and references, and its endpoints.
/// </summary>
public sealed class SchemaModel
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private SchemaModel(IReadOnlyDictionary<string, ResourceSpec> resources) => Resources = resources;

    /// <summary>The resources by <c>$defs</c> key, in schema order.</summary>
    public IReadOnlyDictionary<string, ResourceSpec> Resources { get; }

    /// <summary>The resource with this name (any letter case), or null.</summary>
    public ResourceSpec? Find(string name) =>
        Resources.GetValueOrDefault(name) ??
        Resources.Values.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the schema the emulator carries as a resource.</summary>
    public static SchemaModel LoadEmbedded()
    {
        using var stream = typeof(SchemaModel).Assembly.GetManifestResourceStream("cupi-portgroups.schema.json")
            ?? throw new InvalidOperationException("The emulator was built without its embedded schema.");
        return Load(stream);
    }

    /// <summary>Reads a schema.</summary>
    public static SchemaModel Load(Stream utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var defs = document.RootElement.GetProperty("$defs");

        var enums = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var def in defs.EnumerateObject())
        {
            if (def.Value.TryGetProperty("oneOf", out var members) && Text(def.Value, "type") == "integer")
            {
                enums[def.Name] = members.EnumerateArray().Select(m => Canonical(m.GetProperty("const"))).ToList();
            }
        }

        var resources = new Dictionary<string, ResourceSpec>(StringComparer.Ordinal);
        foreach (var def in defs.EnumerateObject())
        {
            var element = Text(def.Value, "x-cupi-element");
            if (element is null)
            {
                continue;
            }

            var resource = new ResourceSpec(def.Name, element, Text(def.Value, "x-cupi-listElement") ?? element + "s");
            if (def.Value.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    resource.Add(ReadField(property.Name, property.Value, enums));
                }
            }

            if (def.Value.TryGetProperty("x-cupi-requiredOnCreate", out var required))
            {
                resource.RequiredOnCreate = required.EnumerateArray().Select(e => e.GetString()!).ToArray();
            }

            if (def.Value.TryGetProperty("x-cupi-endpoints", out var endpoints))
            {
                resource.Endpoints = endpoints.EnumerateArray().Select(ReadEndpoint).ToArray();
            }

            resources[def.Name] = resource;
        }

        return new SchemaModel(resources);
    }

    private static FieldRule ReadField(string name, JsonElement value, Dictionary<string, List<string>> enums)
    {
        var field = new FieldRule(name);
        var type = Text(value, "type");
        if (value.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            var enumName = target[(target.LastIndexOf('/') + 1)..];
            field.EnumName = enumName;
            field.Kind = FieldKind.Integer;
            if (enums.TryGetValue(enumName, out var members))
            {
                field.AllowedValues = members;
            }
        }
        else
        {
            field.Kind = type switch
            {
                "integer" => FieldKind.Integer,
                "boolean" => FieldKind.Boolean,
                _ => FieldKind.String,
            };
        }

        if (value.TryGetProperty("enum", out var allowed))
        {
            field.AllowedValues = allowed.EnumerateArray().Select(Canonical).ToArray();
        }

        field.Minimum = Number(value, "minimum");
        field.Maximum = Number(value, "maximum");
        field.MaxLength = (int?)Number(value, "maxLength");
        field.MinLength = (int?)Number(value, "minLength");
        if (Text(value, "pattern") is { } pattern)
        {
            field.Pattern = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }

        field.IsUuid = Text(value, "format") == "uuid";
        field.ReadOnly = Flag(value, "readOnly");
        field.CreateOnly = Flag(value, "x-cupi-createOnly");
        field.Secret = Flag(value, "x-cupi-secret");
        field.References = Text(value, "x-cupi-references");
        if (value.TryGetProperty("default", out var defaultValue) && defaultValue.ValueKind != JsonValueKind.Null)
        {
            field.Default = Canonical(defaultValue);
        }

        if (value.TryGetProperty("x-cupi-matches", out var matches) && Text(matches, "field") is { } own && Text(matches, "lookupField") is { } other)
        {
            field.Matches = (own, other);
        }

        if (value.TryGetProperty("x-cupi-appliesTo", out var appliesTo))
        {
            field.AppliesToField = Text(appliesTo, "field");
            field.AppliesToValues = appliesTo.TryGetProperty("in", out var values)
                ? values.EnumerateArray().Select(Canonical).ToArray()
                : [];
        }

        return field;
    }

    private static EndpointSpec ReadEndpoint(JsonElement value)
    {
        var endpoint = new EndpointSpec(Text(value, "name") ?? "?", (Text(value, "method") ?? "GET").ToUpperInvariant(), Text(value, "path") ?? "/");
        if (value.TryGetProperty("alternatePaths", out var alternates))
        {
            endpoint.AlternatePaths = alternates.EnumerateArray().Select(e => e.GetString()!).ToArray();
        }

        if (value.TryGetProperty("query", out var query))
        {
            endpoint.Query = query.EnumerateArray().Select(e => e.GetString()!).ToArray();
        }

        if (value.TryGetProperty("request", out var request))
        {
            endpoint.RequestBody = Text(request, "body");
        }

        if (value.TryGetProperty("requires", out var requires) && Text(requires, "field") is { } field &&
            requires.TryGetProperty("equals", out var equals))
        {
            endpoint.Requires = (field, Canonical(equals));
        }

        if (value.TryGetProperty("response", out var response))
        {
            endpoint.ResponseStatus = (int)(Number(response, "status") ?? 200);
            endpoint.ResponseBody = Text(response, "body") ?? "none";
        }

        return endpoint;
    }

    /// <summary>The canonical wire text of a schema value: integers invariant, booleans lower case.</summary>
    internal static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string? Text(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static long? Number(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var n) ? n : null;

    private static bool Flag(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;
}
