using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Parsing;

/// <summary>
/// Turns a schema file into equatable specs. Every problem becomes a diagnostic at the offending token; a
/// broken field or definition is left out and the rest of the schema is still generated.
/// </summary>
internal sealed class SchemaParser
{
    // Keywords that JSON Schema defines and CupiGen accepts without using.
    private static readonly HashSet<string> IgnoredKeywords = new(StringComparer.Ordinal)
    {
        "$comment", "title", "examples", "deprecated", "$id", "$anchor",
    };

    private static readonly HashSet<string> FieldKeywords = new(StringComparer.Ordinal)
    {
        "type", "$ref", "description", "maxLength", "minLength", "pattern", "format", "minimum", "maximum", "enum",
        "default", "readOnly", "x-cupi-createOnly", "x-cupi-secret", "x-cupi-aliases", "x-cupi-charset",
        "x-cupi-pertinentWhen", "x-cupi-appliesTo", "x-cupi-references", "x-cupi-name", "x-cupi-matches",
    };

    // The names generated code already uses: one list, shared with the emitters' side (Model/GeneratedMembers.cs).
    private static readonly HashSet<string> ReservedMemberNames = GeneratedMembers.Model;
    private static readonly HashSet<string> ReservedClientMemberNames = GeneratedMembers.Client;

    private readonly SchemaFile _file;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = [];

    // Conditions that read a field of another resource ('lookup'): checked once every resource is parsed, against
    // the fields that resource really has (a field dropped or renamed there must not be read here).
    private readonly List<(ConditionSpec Condition, JsonNode LookupFieldNode)> _lookups = [];
    private int[]? _lineStarts;

    private SchemaParser(SchemaFile file, CancellationToken cancellationToken)
    {
        _file = file;
        _cancellationToken = cancellationToken;
    }

    public static ParseResult Parse(SchemaFile file, CancellationToken cancellationToken)
    {
        var parser = new SchemaParser(file, cancellationToken);
        try
        {
            return parser.ParseFile();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A bug in the generator must not take the build down with it: report it and generate nothing.
            var diagnostic = new DiagnosticInfo(
                DiagnosticDescriptors.InternalError,
                parser.Locate(0, 0),
                new[] { file.Path, ex.GetType().Name + ": " + ex.Message }.ToEquatableArray());
            return new ParseResult(
                EquatableArray<ResourceSpec>.Empty,
                EquatableArray<EnumSpec>.Empty,
                new[] { diagnostic }.ToEquatableArray());
        }
    }

    private ParseResult ParseFile()
    {
        var json = JsonParser.Parse(_file.Text, _cancellationToken);
        if (json.Root is not { } root)
        {
            var error = json.Error!;
            Report(DiagnosticDescriptors.InvalidJson, error.Offset, error.Length, error.Message);
            return Result([], []);
        }

        if (!ExpectKind(root, JsonKind.Object, "the schema document", "an object"))
        {
            return Result([], []);
        }

        CheckDuplicateKeys(root, "keyword");
        var ns = ReadNamespace(root);
        var defs = root.GetProperty("$defs");
        if (defs is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, root.Start, 1, "The schema document", "$defs");
            return Result([], []);
        }

        if (ns is null || !ExpectKind(defs.Value, JsonKind.Object, "$defs", "an object"))
        {
            return Result([], []);
        }

        CheckDuplicateKeys(defs.Value, "definition");

        // First pass: what each definition is, so that references can be resolved in any order.
        var enumDefs = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        var resourceDefs = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        var typeNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var def in defs.Value.Properties)
        {
            if (enumDefs.ContainsKey(def.Name) || resourceDefs.ContainsKey(def.Name))
            {
                continue;
            }

            if (!ExpectKind(def.Value, JsonKind.Object, def.Name, "an object"))
            {
                continue;
            }

            if (!CheckIdentifier(def.Name, def.NameStart, def.NameEnd, "a type name"))
            {
                continue;
            }

            if (def.Name.All(c => c is >= 'a' and <= 'z'))
            {
                // CS8981 (and CS8860 for 'record'): such names may become C# keywords.
                Report(DiagnosticDescriptors.InvalidName, def.NameStart, def.NameEnd - def.NameStart, def.Name, "a type name", "a name of lower-case ASCII letters only may become a C# keyword; capitalize it");
                continue;
            }

            if (ReservedMemberNames.Contains(def.Name) || def.Name[0] == '_')
            {
                // CS0542: every model declares a member of that name, and a member cannot be named like its type.
                Report(DiagnosticDescriptors.InvalidName, def.NameStart, def.NameEnd - def.NameStart, def.Name, "a type name", def.Name[0] == '_' ? "names starting with '_' are reserved for generated members" : "every generated model has a member of that name");
                continue;
            }

            // Generated file names ignore case, so two types must differ by more than case. (An exact
            // duplicate key is already reported by CheckDuplicateKeys.)
            if (typeNames.TryGetValue(def.Name, out var sameName))
            {
                if (!string.Equals(sameName, def.Name, StringComparison.Ordinal))
                {
                    Report(DiagnosticDescriptors.Duplicate, def.NameStart, def.NameEnd - def.NameStart, "type name (ignoring case)", def.Name);
                }

                continue;
            }

            typeNames[def.Name] = def.Name;

            var type = def.Value.GetProperty("type");
            switch (type?.Value.StringValue)
            {
                case "object" when type.Value.Kind == JsonKind.String:
                    resourceDefs[def.Name] = def;
                    break;
                case "integer" when type.Value.Kind == JsonKind.String && def.Value.GetProperty("oneOf") is not null:
                    enumDefs[def.Name] = def;
                    break;
                default:
                    var at = type?.Value ?? def.Value;
                    Report(
                        DiagnosticDescriptors.UnknownType,
                        at.Start,
                        at.End - at.Start,
                        $"Definition '{def.Name}' is neither a resource (\"type\": \"object\" with x-cupi-element) nor an enum (\"type\": \"integer\" with oneOf)");
                    break;
            }
        }

        var enums = new List<EnumSpec>();
        var enumMembers = new Dictionary<string, EnumSpec>(StringComparer.Ordinal);
        foreach (var def in enumDefs.Values)
        {
            if (ParseEnum(ns, def) is { } spec)
            {
                enums.Add(spec);
                enumMembers[spec.TypeName] = spec;
            }
        }

        var resources = new List<ResourceSpec>();
        foreach (var def in resourceDefs.Values)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (ParseResource(ns, def, enumMembers, resourceDefs) is { } spec)
            {
                resources.Add(spec);
            }
        }

        CheckLookups(resources);
        CheckClientNames(resources, resourceDefs);
        return Result(resources, enums);
    }

    /// <summary>
    /// The full names of the types a schema file defines, with the position of each <c>$defs</c> key: the
    /// input to the check that no two schemas generate the same type. Kept apart from <see cref="Parse"/>, whose
    /// specs carry no positions. Reports nothing; problems are <see cref="Parse"/>'s to report.
    /// </summary>
    public static EquatableArray<TypeDefinition> ReadTypeDefinitions(SchemaFile file, CancellationToken cancellationToken)
    {
        var parser = new SchemaParser(file, cancellationToken);
        if (JsonParser.Parse(file.Text, cancellationToken).Root is not { Kind: JsonKind.Object } root ||
            root.GetProperty("$defs") is not { Value.Kind: JsonKind.Object } defs)
        {
            return EquatableArray<TypeDefinition>.Empty;
        }

        var ns = file.NamespaceOverride?.Trim();
        if (string.IsNullOrEmpty(ns))
        {
            ns = root.GetProperty("x-cupi-namespace")?.Value.StringValue;
        }

        if (ns is null || !IsNamespace(ns))
        {
            return EquatableArray<TypeDefinition>.Empty;
        }

        var result = new List<TypeDefinition>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var def in defs.Value.Properties)
        {
            if (def.Value.Kind == JsonKind.Object && SyntaxFacts.IsValidIdentifier(def.Name) && seen.Add(def.Name))
            {
                result.Add(new TypeDefinition(ns + "." + def.Name, parser.Locate(def.NameStart, def.NameEnd - def.NameStart)));
            }
        }

        return result.ToEquatableArray();
    }

    private ParseResult Result(List<ResourceSpec> resources, List<EnumSpec> enums) =>
        new(resources.ToEquatableArray(), enums.ToEquatableArray(), _diagnostics.ToEquatableArray());

    // ------------------------------------------------------------------ document level

    private string? ReadNamespace(JsonNode root)
    {
        if (!string.IsNullOrWhiteSpace(_file.NamespaceOverride))
        {
            var candidate = _file.NamespaceOverride!.Trim();
            if (IsNamespace(candidate))
            {
                return candidate;
            }

            Report(DiagnosticDescriptors.InvalidName, root.Start, 1, candidate, "a namespace", "the CupiGenSchema item's Namespace metadata is not a dotted C# identifier");
            return null;
        }

        var property = root.GetProperty("x-cupi-namespace");
        if (property is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, root.Start, 1, "The schema document", "x-cupi-namespace");
            return null;
        }

        if (!ExpectKind(property.Value, JsonKind.String, "x-cupi-namespace", "a string"))
        {
            return null;
        }

        var ns = property.Value.StringValue!;
        if (!IsNamespace(ns))
        {
            Report(DiagnosticDescriptors.InvalidName, property.Value, ns, "a namespace", "expected dotted C# identifiers such as 'Cupi' or 'Contoso.Cupi'");
            return null;
        }

        return ns;
    }

    // ------------------------------------------------------------------ enums

    private EnumSpec? ParseEnum(string ns, JsonProperty def)
    {
        CheckDuplicateKeys(def.Value, "keyword");
        var oneOf = def.Value.GetProperty("oneOf")!;
        if (!ExpectKind(oneOf.Value, JsonKind.Array, "oneOf", "an array of { const, title, description } members"))
        {
            return null;
        }

        var members = new List<EnumMemberSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<int>();
        foreach (var item in oneOf.Value.Items)
        {
            if (!ExpectKind(item, JsonKind.Object, "an enum member", "an object with const and title"))
            {
                continue;
            }

            var constant = item.GetProperty("const");
            var title = item.GetProperty("title");
            if (constant is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, item.Start, 1, $"A member of enum '{def.Name}'", "const");
                continue;
            }

            if (title is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, item.Start, 1, $"A member of enum '{def.Name}'", "title");
                continue;
            }

            if (!constant.Value.TryGetInt32(out var value))
            {
                Report(DiagnosticDescriptors.InvalidKeywordValue, constant.Value, "const", "a 32-bit integer");
                continue;
            }

            if (!ExpectKind(title.Value, JsonKind.String, "title", "a string") ||
                !CheckIdentifier(title.Value.StringValue!, title.Value.Start, title.Value.End, "an enum member name"))
            {
                continue;
            }

            if (title.Value.StringValue == "value__")
            {
                Report(DiagnosticDescriptors.InvalidName, title.Value, "value__", "an enum member name", "C# reserves it for the enum's value field");
                continue;
            }

            var name = title.Value.StringValue!;
            if (!names.Add(name))
            {
                Report(DiagnosticDescriptors.Duplicate, title.Value, "enum member", name);
                continue;
            }

            if (!values.Add(value))
            {
                Report(DiagnosticDescriptors.Duplicate, constant.Value, "enum value", value.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            members.Add(new EnumMemberSpec(name, value, OptionalString(item, "description")));
        }

        return new EnumSpec(ns, def.Name, OptionalString(def.Value, "description"), members.ToEquatableArray());
    }

    // ------------------------------------------------------------------ resources

    private ResourceSpec? ParseResource(
        string ns,
        JsonProperty def,
        Dictionary<string, EnumSpec> enums,
        Dictionary<string, JsonProperty> resources)
    {
        var node = def.Value;
        CheckDuplicateKeys(node, "keyword");
        foreach (var keyword in node.Properties)
        {
            if (keyword.Name is "type" or "description" or "properties" or "additionalProperties" or "required" or
                "x-cupi-element" or "x-cupi-listElement" or "x-cupi-requiredOnCreate" or "x-cupi-endpoints" or "x-cupi-client" ||
                IgnoredKeywords.Contains(keyword.Name))
            {
                continue;
            }

            Report(DiagnosticDescriptors.UnknownKeyword, keyword.NameStart, keyword.NameEnd - keyword.NameStart, keyword.Name);
        }

        var element = RequiredXmlName(node, "x-cupi-element", $"Resource '{def.Name}'");
        var listElement = RequiredXmlName(node, "x-cupi-listElement", $"Resource '{def.Name}'");
        var properties = node.GetProperty("properties");
        if (properties is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, def.NameStart, def.NameEnd - def.NameStart, $"Resource '{def.Name}'", "properties");
            return null;
        }

        if (element is null || listElement is null || !ExpectKind(properties.Value, JsonKind.Object, "properties", "an object"))
        {
            return null;
        }

        CheckDuplicateKeys(properties.Value, "field");

        // Wire names and aliases share one namespace: a payload element must map to exactly one field.
        var wireNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var propertyNames = new HashSet<string>(StringComparer.Ordinal);
        var fieldNodes = new List<(FieldSpec Spec, JsonProperty Property)>();
        foreach (var property in properties.Value.Properties)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (wireNames.ContainsKey(property.Name))
            {
                continue; // reported as a duplicate key, or clashes with an alias reported below
            }

            var field = ParseField(def.Name, property, enums);
            if (field is null)
            {
                continue;
            }

            // Every property name is settled here, before the second pass resolves the references to fields
            // (requiredOnCreate, conditions, requires): a field dropped later would leave references to a
            // field the emitters never see.
            if (field.PropertyName == def.Name)
            {
                Report(DiagnosticDescriptors.InvalidName, property.NameStart, property.NameEnd - property.NameStart, def.Name, "a property name", "a member cannot have the name of its enclosing type; set x-cupi-name");
                continue;
            }

            if (!propertyNames.Add(field.PropertyName))
            {
                Report(DiagnosticDescriptors.Duplicate, property.NameStart, property.NameEnd - property.NameStart, "property name", field.PropertyName);
                continue;
            }

            wireNames[field.WireName] = field.WireName;
            var clash = false;
            foreach (var alias in field.Aliases)
            {
                if (wireNames.ContainsKey(alias) || properties.Value.GetProperty(alias) is not null)
                {
                    var aliasNode = property.Value.GetProperty("x-cupi-aliases")!.Value.Items.First(i => i.StringValue == alias);
                    Report(DiagnosticDescriptors.Duplicate, aliasNode, "wire name", alias);
                    clash = true;
                    continue;
                }

                wireNames[alias] = field.WireName;
            }

            if (!clash)
            {
                fieldNodes.Add((field, property));
            }
        }

        // Second pass over fields: conditions that name other fields or resources.
        var fieldNames = new HashSet<string>(fieldNodes.Select(f => f.Spec.WireName), StringComparer.Ordinal);
        var fields = new List<FieldSpec>();
        var fieldSpecs = fieldNodes.ToDictionary(f => f.Spec.WireName, f => f.Spec, StringComparer.Ordinal);
        foreach (var (spec, property) in fieldNodes)
        {
            fields.Add(ResolveConditions(spec, property.Value, fieldNames, resources, fieldSpecs));
        }

        var required = ParseRequiredOnCreate(node, fieldNames);
        var endpoints = ParseEndpoints(node, fields);
        var client = ParseClient(def, resources, endpoints);

        return new ResourceSpec(
            ns,
            def.Name,
            element,
            listElement,
            OptionalString(node, "description"),
            fields.ToEquatableArray(),
            required.ToEquatableArray(),
            endpoints.ToEquatableArray(),
            client);
    }

    private FieldSpec? ParseField(string resource, JsonProperty property, Dictionary<string, EnumSpec> enums)
    {
        var node = property.Value;
        if (!ExpectKind(node, JsonKind.Object, property.Name, "an object describing the field"))
        {
            return null;
        }

        CheckDuplicateKeys(node, "keyword");
        foreach (var keyword in node.Properties)
        {
            if (!FieldKeywords.Contains(keyword.Name) && !IgnoredKeywords.Contains(keyword.Name))
            {
                Report(DiagnosticDescriptors.UnknownKeyword, keyword.NameStart, keyword.NameEnd - keyword.NameStart, keyword.Name);
            }
        }

        // Name: the wire name, unless x-cupi-name gives a C# name.
        var propertyName = property.Name;
        var nameOverride = node.GetProperty("x-cupi-name");
        int nameStart = property.NameStart, nameEnd = property.NameEnd;
        if (nameOverride is not null)
        {
            if (!ExpectKind(nameOverride.Value, JsonKind.String, "x-cupi-name", "a string"))
            {
                return null;
            }

            propertyName = nameOverride.Value.StringValue!;
            nameStart = nameOverride.Value.Start;
            nameEnd = nameOverride.Value.End;
        }

        if (!CheckIdentifier(propertyName, nameStart, nameEnd, "a property name"))
        {
            return null;
        }

        if (propertyName[0] == '_')
        {
            // Generated private members are '_' + property name and '__cupi...': a leading '_' could clash with them.
            Report(DiagnosticDescriptors.InvalidName, nameStart, nameEnd - nameStart, propertyName, "a property name", "names starting with '_' are reserved for generated members; set x-cupi-name");
            return null;
        }

        if (ReservedMemberNames.Contains(propertyName))
        {
            Report(DiagnosticDescriptors.InvalidName, nameStart, nameEnd - nameStart, propertyName, "a property name", "every generated model already has a member of that name; set x-cupi-name");
            return null;
        }

        // The runtime writes the wire name as an XML element name and a JSON property name: one shared rule.
        if (CupiWireNames.Problem(property.Name) is { } wireProblem)
        {
            Report(DiagnosticDescriptors.InvalidName, property.NameStart, property.NameEnd - property.NameStart, property.Name, "a wire name", wireProblem);
            return null;
        }

        // Type.
        FieldKind kind;
        string? enumType = null;
        var type = node.GetProperty("type");
        var reference = node.GetProperty("$ref");
        if (type is not null && reference is not null)
        {
            Report(DiagnosticDescriptors.UnknownType, type.Value, $"Field '{property.Name}' has both 'type' and '$ref'; give one");
            return null;
        }

        if (reference is not null)
        {
            if (!ExpectKind(reference.Value, JsonKind.String, "$ref", "a string such as \"#/$defs/Name\""))
            {
                return null;
            }

            var target = reference.Value.StringValue!;
            const string prefix = "#/$defs/";
            var name = target.StartsWith(prefix, StringComparison.Ordinal) ? target.Substring(prefix.Length) : null;
            if (name is null || !enums.ContainsKey(name))
            {
                Report(DiagnosticDescriptors.UnresolvedReference, reference.Value, target, "an enum");
                return null;
            }

            kind = FieldKind.Enum;
            enumType = name;
        }
        else if (type is not null)
        {
            if (type.Value.Kind != JsonKind.String)
            {
                Report(DiagnosticDescriptors.UnknownType, type.Value, $"Field '{property.Name}' has a type that is not a single type name; expected string, integer or boolean");
                return null;
            }

            switch (type.Value.StringValue)
            {
                case "string":
                    kind = FieldKind.String;
                    break;
                case "integer":
                    kind = FieldKind.Integer;
                    break;
                case "boolean":
                    kind = FieldKind.Boolean;
                    break;
                default:
                    Report(DiagnosticDescriptors.UnknownType, type.Value, $"Unknown type '{type.Value.StringValue}' for field '{property.Name}'; expected string, integer, boolean or a $ref to an enum");
                    return null;
            }
        }
        else
        {
            Report(DiagnosticDescriptors.MissingKeyword, property.NameStart, property.NameEnd - property.NameStart, $"Field '{property.Name}'", "type");
            return null;
        }

        var isText = kind == FieldKind.String;
        var isNumber = kind is FieldKind.Integer or FieldKind.Enum;
        var typeName = kind switch { FieldKind.String => "string", FieldKind.Integer => "integer", FieldKind.Boolean => "boolean", _ => "enum" };

        // Bounds.
        var minLength = ReadBound(node, "minLength", isText, typeName);
        var maxLength = ReadBound(node, "maxLength", isText, typeName);
        if (minLength is not null && maxLength is not null && minLength > maxLength)
        {
            Report(DiagnosticDescriptors.InvalidRange, node.GetProperty("maxLength")!.Value, $"maxLength {maxLength} of field '{property.Name}' is below its minLength {minLength}");
            return null;
        }

        var minimum = ReadLimit(node, "minimum", isNumber, typeName);
        var maximum = ReadLimit(node, "maximum", isNumber, typeName);
        if (minimum is not null && maximum is not null && minimum > maximum)
        {
            Report(DiagnosticDescriptors.InvalidRange, node.GetProperty("maximum")!.Value, $"maximum {maximum} of field '{property.Name}' is below its minimum {minimum}");
            return null;
        }

        if (kind != FieldKind.String && (minimum < int.MinValue || maximum > int.MaxValue))
        {
            var at = node.GetProperty(minimum < int.MinValue ? "minimum" : "maximum")!.Value;
            Report(DiagnosticDescriptors.InvalidRange, at, $"the bounds of field '{property.Name}' exceed a 32-bit integer");
            return null;
        }

        var pattern = ReadPattern(node, isText, typeName);
        var format = ReadString(node, "format");
        var charset = ReadString(node, "x-cupi-charset");
        var allowed = ReadAllowedValues(node, kind, property.Name);
        if (allowed is null)
        {
            return null;
        }

        // Access.
        var readOnly = ReadFlag(node, "readOnly");
        var createOnly = ReadFlag(node, "x-cupi-createOnly");
        if (readOnly && createOnly)
        {
            var at = node.GetProperty("x-cupi-createOnly")!;
            Report(DiagnosticDescriptors.ConflictingAccess, at.NameStart, at.NameEnd - at.NameStart, property.Name);
            return null;
        }

        var access = readOnly ? FieldAccess.ReadOnly : createOnly ? FieldAccess.CreateOnly : FieldAccess.ReadWrite;
        var secret = ReadFlag(node, "x-cupi-secret");
        var aliases = ReadStringArray(node, "x-cupi-aliases");
        if (aliases.Count > 0)
        {
            // An alias is a wire name too; a bad one is reported and left out (the field itself is fine).
            foreach (var aliasNode in node.GetProperty("x-cupi-aliases")!.Value.Items)
            {
                if (aliasNode.Kind == JsonKind.String && CupiWireNames.Problem(aliasNode.StringValue) is { } aliasProblem)
                {
                    Report(DiagnosticDescriptors.InvalidName, aliasNode, aliasNode.StringValue!, "a wire name (alias)", aliasProblem);
                    aliases.Remove(aliasNode.StringValue!);
                }
            }
        }

        var spec = new FieldSpec(
            property.Name,
            propertyName,
            kind,
            enumType,
            OptionalString(node, "description"),
            access,
            secret,
            aliases.ToEquatableArray(),
            minLength,
            maxLength,
            pattern,
            charset,
            format,
            minimum,
            maximum,
            allowed.ToEquatableArray(),
            null,
            null,
            null,
            null);

        var defaultProperty = node.GetProperty("default");
        if (defaultProperty is not null)
        {
            var display = CheckDefault(spec, defaultProperty.Value, enumType is null ? null : enums[enumType]);
            if (display is null)
            {
                return null;
            }

            var value = defaultProperty.Value;
            spec = spec with { DefaultDisplay = display, DefaultValue = value.Kind == JsonKind.Null ? null : Display(value) };
        }

        if (enumType is not null)
        {
            spec = spec with { EnumValues = enums[enumType].Members.Select(m => m.Value).ToEquatableArray() };
        }

        _ = resource;
        return spec;
    }

    private FieldSpec ResolveConditions(
        FieldSpec spec,
        JsonNode node,
        HashSet<string> fieldNames,
        Dictionary<string, JsonProperty> resources,
        Dictionary<string, FieldSpec> fieldSpecs)
    {
        var references = node.GetProperty("x-cupi-references");
        if (references is not null && ExpectKind(references.Value, JsonKind.String, "x-cupi-references", "the name of a resource"))
        {
            if (spec.Kind != FieldKind.String)
            {
                Report(DiagnosticDescriptors.InapplicableKeyword, references.NameStart, references.NameEnd - references.NameStart, "x-cupi-references", KindName(spec.Kind));
            }
            else if (resources.ContainsKey(references.Value.StringValue!))
            {
                spec = spec with { References = references.Value.StringValue };
            }
            else
            {
                Report(DiagnosticDescriptors.UnresolvedReference, references.Value, references.Value.StringValue!, "a resource");
            }
        }

        var pertinent = node.GetProperty("x-cupi-pertinentWhen");
        if (pertinent is not null && ExpectKind(pertinent.Value, JsonKind.Object, "x-cupi-pertinentWhen", "an object with field and equals"))
        {
            var display = ReadPertinence(pertinent.Value, fieldNames, resources);
            spec = spec with
            {
                PertinenceDisplay = display,
                Pertinence = display is null ? null : StructuredCondition(pertinent.Value, "equals", fieldSpecs, resources, spec.WireName),
            };
        }

        var applies = node.GetProperty("x-cupi-appliesTo");
        if (applies is not null && ExpectKind(applies.Value, JsonKind.Object, "x-cupi-appliesTo", "an object with field and in"))
        {
            var field = applies.Value.GetProperty("field");
            var values = applies.Value.GetProperty("in");
            if (field is null || values is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, applies.Value.Start, 1, "x-cupi-appliesTo", field is null ? "field" : "in");
            }
            else if (ExpectKind(field.Value, JsonKind.String, "field", "a field name") &&
                     ExpectKind(values.Value, JsonKind.Array, "in", "an array of values"))
            {
                if (!fieldNames.Contains(field.Value.StringValue!))
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, field.Value, field.Value.StringValue!, "a field of this resource");
                }
                else
                {
                    var list = string.Join(", ", values.Value.Items.Select(Display));
                    spec = spec with
                    {
                        AppliesToDisplay = $"{field.Value.StringValue} is one of {list}",
                        AppliesTo = StructuredCondition(applies.Value, "in", fieldSpecs, resources, spec.WireName),
                    };
                }
            }
        }

        var matches = node.GetProperty("x-cupi-matches");
        if (matches is not null && ExpectKind(matches.Value, JsonKind.Object, "x-cupi-matches", "an object with field and lookupField"))
        {
            if (spec.References is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, matches.NameStart, matches.NameEnd - matches.NameStart, $"Field '{spec.WireName}' (with x-cupi-matches)", "x-cupi-references");
            }
            else
            {
                spec = spec with { Matches = StructuredCondition(matches.Value, null, fieldSpecs, resources, spec.WireName, spec.References) };
            }
        }

        return spec;
    }

    // The structured form of x-cupi-pertinentWhen / x-cupi-appliesTo / x-cupi-matches for the validators, or
    // null (reported) when a field it names is unknown. valuesKeyword is "equals", "in", or null (no values).
    private ConditionSpec? StructuredCondition(
        JsonNode node,
        string? valuesKeyword,
        Dictionary<string, FieldSpec> fieldSpecs,
        Dictionary<string, JsonProperty> resources,
        string owner,
        string? lookup = null)
    {
        var fieldNode = node.GetProperty("field");
        if (fieldNode is null || fieldNode.Value.Kind != JsonKind.String)
        {
            Report(DiagnosticDescriptors.MissingKeyword, node.Start, 1, $"The condition of field '{owner}'", "field");
            return null;
        }

        if (!fieldSpecs.TryGetValue(fieldNode.Value.StringValue!, out var target))
        {
            Report(DiagnosticDescriptors.UnresolvedReference, fieldNode.Value, fieldNode.Value.StringValue!, "a field of this resource");
            return null;
        }

        // Only x-cupi-pertinentWhen ("equals") looks an object up by its own 'lookup'; x-cupi-appliesTo compares the
        // target field itself, so its values are checked against that field's type.
        lookup ??= valuesKeyword == "equals" ? OptionalString(node, "lookup") : null;
        string? lookupField = null;
        var lookupKind = FieldKind.String;
        if (lookup is not null)
        {
            var lookupFieldNode = node.GetProperty("lookupField");
            if (lookupFieldNode is null || lookupFieldNode.Value.Kind != JsonKind.String)
            {
                Report(DiagnosticDescriptors.MissingKeyword, node.Start, 1, $"The condition of field '{owner}'", "lookupField");
                return null;
            }

            lookupField = lookupFieldNode.Value.StringValue!;
            var lookupNode = resources.TryGetValue(lookup, out var lookupDef)
                ? lookupDef.Value.GetProperty("properties")?.Value.GetProperty(lookupField)?.Value
                : null;
            if (lookupNode is null)
            {
                Report(DiagnosticDescriptors.UnresolvedReference, lookupFieldNode.Value, lookupField, $"a field of {lookup}");
                return null;
            }

            lookupField = OptionalString(lookupNode, "x-cupi-name") ?? lookupField;
            lookupKind = lookupNode.GetProperty("$ref") is not null
                ? FieldKind.Enum
                : lookupNode.GetProperty("type")?.Value.StringValue switch
                {
                    "integer" => FieldKind.Integer,
                    "boolean" => FieldKind.Boolean,
                    _ => FieldKind.String,
                };
        }

        var values = new List<string>();
        var valuesNode = valuesKeyword is null ? null : node.GetProperty(valuesKeyword);
        if (valuesNode is not null)
        {
            var items = valuesNode.Value.Kind == JsonKind.Array ? valuesNode.Value.Items : [valuesNode.Value];
            foreach (var item in items)
            {
                // Compared with the looked-up object's field when there is a lookup, else with the target field.
                var ok = (lookup is not null ? lookupKind : target.Kind) switch
                {
                    FieldKind.String => item.Kind == JsonKind.String,
                    FieldKind.Boolean => item.Kind is JsonKind.True or JsonKind.False,
                    _ => item.TryGetInt32(out _),
                };
                if (!ok)
                {
                    Report(DiagnosticDescriptors.InvalidKeywordValue, item, valuesKeyword!, lookup is not null ? $"a value of the type of {lookup}'s field '{lookupField}'" : $"a value of the type of field '{target.WireName}'");
                    return null;
                }

                // Raw wire text ("true", "5061", "x"): the spec holds values, never C# literals.
                values.Add(Display(item));
            }
        }

        if (lookup is not null && valuesKeyword is not null && target.Kind != FieldKind.String)
        {
            // The target holds the id of the object to look up: an object id is a string.
            Report(DiagnosticDescriptors.InvalidKeywordValue, fieldNode.Value, "field", $"a string field holding the id of the {lookup} to look up ('{target.WireName}' is {KindName(target.Kind)})");
            return null;
        }

        if (lookup is not null && valuesKeyword is null &&
            !(target.Kind == lookupKind || (target.Kind is FieldKind.Integer or FieldKind.Enum && lookupKind is FieldKind.Integer or FieldKind.Enum)))
        {
            // x-cupi-matches compares this resource's field with the looked-up object's: the types must agree.
            Report(DiagnosticDescriptors.InvalidKeywordValue, fieldNode.Value, "field", $"a field of the type of {lookup}'s field '{lookupField}' ({KindName(lookupKind)}), not {KindName(target.Kind)}");
            return null;
        }

        var condition = new ConditionSpec(
            target.WireName,
            target.Kind,
            target.EnumType,
            values.ToEquatableArray(),
            lookup,
            lookupField,
            lookupKind,
            OptionalString(node, "text"));
        if (lookup is not null)
        {
            _lookups.Add((condition, node.GetProperty("lookupField")!.Value));
        }

        return condition;
    }

    private static string KindName(FieldKind kind) => kind switch
    {
        FieldKind.String => "string",
        FieldKind.Integer => "integer",
        FieldKind.Boolean => "boolean",
        _ => "enum",
    };

    /// <summary>
    /// A condition reading another resource's field is kept only when that resource is generated with that field
    /// (by C# name) of the expected kind; otherwise it is reported at its lookupField and left out.
    /// </summary>
    private void CheckLookups(List<ResourceSpec> resources)
    {
        if (_lookups.Count == 0)
        {
            return;
        }

        var dropped = new HashSet<ConditionSpec>();
        foreach (var (condition, node) in _lookups)
        {
            var target = resources.FirstOrDefault(r => r.TypeName == condition.Lookup);
            var field = target?.Fields.FirstOrDefault(f => f.PropertyName == condition.LookupField);
            if (field is null || field.Kind != condition.LookupKind)
            {
                Report(DiagnosticDescriptors.UnresolvedReference, node, node.StringValue ?? condition.LookupField ?? "?", $"a generated {KindName(condition.LookupKind)} field of {condition.Lookup}");
                dropped.Add(condition);
            }
        }

        if (dropped.Count == 0)
        {
            return;
        }

        for (var i = 0; i < resources.Count; i++)
        {
            var fields = resources[i].Fields
                .Select(f => f with
                {
                    Pertinence = f.Pertinence is not null && dropped.Contains(f.Pertinence) ? null : f.Pertinence,
                    PertinenceDisplay = f.Pertinence is not null && dropped.Contains(f.Pertinence) ? null : f.PertinenceDisplay,
                    AppliesTo = f.AppliesTo is not null && dropped.Contains(f.AppliesTo) ? null : f.AppliesTo,
                    Matches = f.Matches is not null && dropped.Contains(f.Matches) ? null : f.Matches,
                })
                .ToEquatableArray();
            resources[i] = resources[i] with { Fields = fields };
        }
    }

    private string? ReadPertinence(JsonNode node, HashSet<string> fieldNames, Dictionary<string, JsonProperty> resources)
    {
        var field = node.GetProperty("field");
        var equals = node.GetProperty("equals");
        if (field is null || equals is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, node.Start, 1, "x-cupi-pertinentWhen", field is null ? "field" : "equals");
            return null;
        }

        if (!ExpectKind(field.Value, JsonKind.String, "field", "a field name"))
        {
            return null;
        }

        if (!fieldNames.Contains(field.Value.StringValue!))
        {
            Report(DiagnosticDescriptors.UnresolvedReference, field.Value, field.Value.StringValue!, "a field of this resource");
            return null;
        }

        var text = OptionalString(node, "text");
        var lookup = node.GetProperty("lookup");
        if (lookup is not null)
        {
            if (!ExpectKind(lookup.Value, JsonKind.String, "lookup", "the name of a resource"))
            {
                return null;
            }

            if (!resources.ContainsKey(lookup.Value.StringValue!))
            {
                Report(DiagnosticDescriptors.UnresolvedReference, lookup.Value, lookup.Value.StringValue!, "a resource");
                return null;
            }

            var lookupField = OptionalString(node, "lookupField") ?? "?";
            return text ?? $"the {lookup.Value.StringValue} named by {field.Value.StringValue} has {lookupField} = {Display(equals.Value)}";
        }

        return text ?? $"{field.Value.StringValue} is {Display(equals.Value)}";
    }

    private List<string> ParseRequiredOnCreate(JsonNode node, HashSet<string> fieldNames)
    {
        var result = new List<string>();
        var required = node.GetProperty("x-cupi-requiredOnCreate");
        if (required is null || !ExpectKind(required.Value, JsonKind.Array, "x-cupi-requiredOnCreate", "an array of field names"))
        {
            return result;
        }

        foreach (var item in required.Value.Items)
        {
            if (!ExpectKind(item, JsonKind.String, "x-cupi-requiredOnCreate", "an array of field names"))
            {
                continue;
            }

            if (!fieldNames.Contains(item.StringValue!))
            {
                Report(DiagnosticDescriptors.UnresolvedReference, item, item.StringValue!, "a field of this resource");
                continue;
            }

            result.Add(item.StringValue!);
        }

        return result;
    }

    /// <summary>Client property names are unique in the root client, accessor names in their parent's client;
    /// the second of two is dropped (its resource still gets its model).</summary>
    private void CheckClientNames(List<ResourceSpec> resources, Dictionary<string, JsonProperty> defs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
        {
            var client = resources[i].Client;
            if (client is null)
            {
                continue;
            }

            var key = client.Name is not null ? "root." + client.Name : client.Parent + "." + client.Accessor;
            if (seen.Add(key))
            {
                continue;
            }

            var node = defs[resources[i].TypeName].Value.GetProperty("x-cupi-client")!.Value;
            var at = node.GetProperty(client.Name is not null ? "name" : "accessor")!.Value;
            Report(DiagnosticDescriptors.Duplicate, at, "client name", client.Name ?? client.Accessor!);
            resources[i] = resources[i] with { Client = null };
        }
    }

    // ------------------------------------------------------------------ endpoints

    private static readonly Regex PathParameter = PathTemplate.Parameter;

    private List<EndpointSpec> ParseEndpoints(JsonNode node, List<FieldSpec> fields)
    {
        var result = new List<EndpointSpec>();
        var endpoints = node.GetProperty("x-cupi-endpoints");
        if (endpoints is null || !ExpectKind(endpoints.Value, JsonKind.Array, "x-cupi-endpoints", "an array of endpoints"))
        {
            return result;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in endpoints.Value.Items)
        {
            if (!ExpectKind(item, JsonKind.Object, "an endpoint", "an object"))
            {
                continue;
            }

            CheckDuplicateKeys(item, "keyword");
            var name = item.GetProperty("name");
            var method = item.GetProperty("method");
            var path = item.GetProperty("path");
            if (name is null || method is null || path is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, item.Start, 1, "An endpoint", name is null ? "name" : method is null ? "method" : "path");
                continue;
            }

            if (!ExpectKind(name.Value, JsonKind.String, "name", "a string") ||
                !CheckIdentifier(name.Value.StringValue!, name.Value.Start, name.Value.End, "an endpoint name"))
            {
                continue;
            }

            var endpointName = name.Value.StringValue!;
            if (!names.Add(endpointName))
            {
                Report(DiagnosticDescriptors.Duplicate, name.Value, "endpoint", endpointName);
                continue;
            }

            if (method.Value.Kind != JsonKind.String || method.Value.StringValue is not ("GET" or "POST" or "PUT" or "DELETE"))
            {
                Report(DiagnosticDescriptors.InvalidEndpoint, method.Value, endpointName, "method must be GET, POST, PUT or DELETE");
                continue;
            }

            if (!CheckPath(endpointName, path.Value))
            {
                continue;
            }

            var alternates = new List<string>();
            var alternateNode = item.GetProperty("alternatePaths");
            if (alternateNode is not null && ExpectKind(alternateNode.Value, JsonKind.Array, "alternatePaths", "an array of paths"))
            {
                foreach (var alternate in alternateNode.Value.Items)
                {
                    if (CheckPath(endpointName, alternate))
                    {
                        alternates.Add(alternate.StringValue!);
                    }
                }
            }

            var requestBody = BodyKind.None;
            var request = item.GetProperty("request");
            if (request is not null && ExpectKind(request.Value, JsonKind.Object, "request", "an object"))
            {
                var body = request.Value.GetProperty("body");
                if (body is not null)
                {
                    if (body.Value.Kind == JsonKind.String && ReadBodyKind(body.Value.StringValue!) is { } kind and (BodyKind.Object or BodyKind.None))
                    {
                        requestBody = kind;
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.InvalidEndpoint, body.Value, endpointName, "request.body must be \"object\" or \"none\"");
                        continue;
                    }
                }
            }

            int status = 200;
            var responseBody = BodyKind.None;
            var response = item.GetProperty("response");
            if (response is not null && ExpectKind(response.Value, JsonKind.Object, "response", "an object"))
            {
                var statusNode = response.Value.GetProperty("status");
                if (statusNode is not null && (!statusNode.Value.TryGetInt32(out status) || status < 100 || status > 599))
                {
                    Report(DiagnosticDescriptors.InvalidEndpoint, statusNode.Value, endpointName, "response.status must be an HTTP status code (100 to 599)");
                    continue;
                }

                var body = response.Value.GetProperty("body");
                if (body is not null)
                {
                    if (body.Value.Kind == JsonKind.String && ReadBodyKind(body.Value.StringValue!) is { } kind)
                    {
                        responseBody = kind;
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.InvalidEndpoint, body.Value, endpointName, "response.body must be \"list\", \"object\", \"uri\" or \"none\"");
                        continue;
                    }
                }
            }

            var (requiresField, requiresValue) = ParseRequires(item, endpointName, fields);
            result.Add(new EndpointSpec(
                endpointName,
                method.Value.StringValue switch
                {
                    "GET" => EndpointMethod.Get,
                    "POST" => EndpointMethod.Post,
                    "PUT" => EndpointMethod.Put,
                    _ => EndpointMethod.Delete,
                },
                path.Value.StringValue!,
                alternates.ToEquatableArray(),
                ReadStringArray(item, "query").ToEquatableArray(),
                requestBody,
                status,
                responseBody,
                OptionalString(item, "description"),
                requiresField,
                requiresValue));
        }

        return result;
    }

    private static BodyKind? ReadBodyKind(string text) => text switch
    {
        "none" => BodyKind.None,
        "object" => BodyKind.Object,
        "list" => BodyKind.List,
        "uri" => BodyKind.Uri,
        _ => null,
    };

    /// <summary>An endpoint's documented precondition on a field of the object it acts on (<c>requires</c>).</summary>
    private (string? Field, string? Value) ParseRequires(JsonNode endpoint, string endpointName, List<FieldSpec> fields)
    {
        var requires = endpoint.GetProperty("requires");
        if (requires is null || !ExpectKind(requires.Value, JsonKind.Object, "requires", "an object { \"field\": …, \"equals\": … }"))
        {
            return (null, null);
        }

        var field = requires.Value.GetProperty("field");
        var equals = requires.Value.GetProperty("equals");
        if (field is null || equals is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, requires.Value.Start, 1, "requires", field is null ? "field" : "equals");
            return (null, null);
        }

        if (!ExpectKind(field.Value, JsonKind.String, "requires.field", "a wire name"))
        {
            return (null, null);
        }

        var spec = fields.FirstOrDefault(f => f.WireName == field.Value.StringValue);
        if (spec is null)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, field.Value, field.Value.StringValue!, "a field of this resource");
            return (null, null);
        }

        var value = equals.Value;
        var valid = spec.Kind switch
        {
            FieldKind.Boolean => value.Kind is JsonKind.True or JsonKind.False,
            FieldKind.String => value.Kind == JsonKind.String,
            _ => value.TryGetInt32(out _),
        };
        if (!valid)
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, value, endpointName, $"requires.equals must be a value of field '{spec.WireName}''s type");
            return (null, null);
        }

        return (spec.WireName, Display(value));
    }

    /// <summary>Where the resource's endpoint client sits (<c>x-cupi-client</c>).</summary>
    private ResourceClientSpec? ParseClient(JsonProperty def, Dictionary<string, JsonProperty> resources, List<EndpointSpec> endpoints)
    {
        var property = def.Value.GetProperty("x-cupi-client");
        if (property is null || !ExpectKind(property.Value, JsonKind.Object, "x-cupi-client", "an object"))
        {
            return null;
        }

        var node = property.Value;
        CheckDuplicateKeys(node, "keyword");
        foreach (var member in node.Properties)
        {
            if (member.Name is not ("name" or "parent" or "parameter" or "accessor") && !IgnoredKeywords.Contains(member.Name))
            {
                Report(DiagnosticDescriptors.UnknownKeyword, member.NameStart, member.NameEnd - member.NameStart, member.Name);
            }
        }

        var name = node.GetProperty("name");
        var parent = node.GetProperty("parent");
        if (name is not null && parent is not null)
        {
            Report(DiagnosticDescriptors.InvalidKeywordValue, node, "x-cupi-client", "either { \"name\" } or { \"parent\", \"parameter\", \"accessor\" }, not both");
            return null;
        }

        if (name is not null)
        {
            if (!ExpectKind(name.Value, JsonKind.String, "x-cupi-client.name", "a C# property name") ||
                !CheckIdentifier(name.Value.StringValue!, name.Value.Start, name.Value.End, "a client property name"))
            {
                return null;
            }

            if (ReservedClientMemberNames.Contains(name.Value.StringValue!))
            {
                // CS0108/CS0542: the root CupiClient already has (or inherits) a member of that name.
                Report(DiagnosticDescriptors.InvalidName, name.Value, name.Value.StringValue!, "a client property name", "CupiClient already has a member of that name");
                return null;
            }

            return new ResourceClientSpec(name.Value.StringValue, null, null, null);
        }

        var parameter = node.GetProperty("parameter");
        var accessor = node.GetProperty("accessor");
        if (parent is null || parameter is null || accessor is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, node.Start, 1, "x-cupi-client", parent is null ? "name' or 'parent" : parameter is null ? "parameter" : "accessor");
            return null;
        }

        if (!ExpectKind(parent.Value, JsonKind.String, "x-cupi-client.parent", "the name of a resource") ||
            !ExpectKind(parameter.Value, JsonKind.String, "x-cupi-client.parameter", "a path parameter name") ||
            !ExpectKind(accessor.Value, JsonKind.String, "x-cupi-client.accessor", "a C# method name") ||
            !CheckIdentifier(parameter.Value.StringValue!, parameter.Value.Start, parameter.Value.End, "a path parameter name") ||
            !CheckIdentifier(accessor.Value.StringValue!, accessor.Value.Start, accessor.Value.End, "a client method name"))
        {
            return null;
        }

        if (ReservedClientMemberNames.Contains(accessor.Value.StringValue!) || accessor.Value.StringValue == parent.Value.StringValue + "Client")
        {
            Report(DiagnosticDescriptors.InvalidName, accessor.Value, accessor.Value.StringValue!, "a client method name", "the parent's client already has a member of that name");
            return null;
        }

        var parentName = parent.Value.StringValue!;
        if (parentName == def.Name || !resources.TryGetValue(parentName, out var parentDef))
        {
            Report(DiagnosticDescriptors.UnresolvedReference, parent.Value, parentName, "another resource");
            return null;
        }

        // One level of nesting: the parent's client must be a property of the root client.
        var parentClient = parentDef.Value.GetProperty("x-cupi-client");
        if (parentClient is null || parentClient.Value.Kind != JsonKind.Object || parentClient.Value.GetProperty("name") is null)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, parent.Value, parentName, "a resource whose x-cupi-client has a 'name'");
            return null;
        }

        var parameterName = parameter.Value.StringValue!;
        var token = "{" + parameterName + "}";
        var missing = endpoints.FirstOrDefault(e => e.Path.IndexOf(token, StringComparison.Ordinal) < 0);
        if (missing is not null)
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, parameter.Value, missing.Name, $"its path '{missing.Path}' lacks the client's parameter {token}");
            return null;
        }

        return new ResourceClientSpec(null, parentName, parameterName, accessor.Value.StringValue);
    }

    private bool CheckPath(string endpoint, JsonNode path)
    {
        if (path.Kind != JsonKind.String || path.StringValue!.Length == 0 || path.StringValue[0] != '/')
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, path, endpoint, "a path must be a string starting with '/'");
            return false;
        }

        var text = path.StringValue;
        var stripped = PathParameter.Replace(text, string.Empty);
        if (stripped.IndexOf('{') >= 0 || stripped.IndexOf('}') >= 0)
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, path, endpoint, $"unbalanced braces in path '{text}'");
            return false;
        }

        foreach (Match match in PathParameter.Matches(text))
        {
            var parameter = match.Groups[1].Value;
            if (!SyntaxFacts.IsValidIdentifier(parameter))
            {
                Report(DiagnosticDescriptors.InvalidEndpoint, path, endpoint, $"path parameter '{{{parameter}}}' is not a valid identifier");
                return false;
            }
        }

        return true;
    }

    // ------------------------------------------------------------------ keyword readers

    private int? ReadBound(JsonNode node, string keyword, bool applies, string typeName)
    {
        var property = node.GetProperty(keyword);
        if (property is null)
        {
            return null;
        }

        if (!applies)
        {
            Report(DiagnosticDescriptors.InapplicableKeyword, property.NameStart, property.NameEnd - property.NameStart, keyword, typeName);
            return null;
        }

        if (!property.Value.TryGetInt32(out var value))
        {
            Report(DiagnosticDescriptors.InvalidKeywordValue, property.Value, keyword, "a non-negative integer");
            return null;
        }

        if (value < 0)
        {
            Report(DiagnosticDescriptors.InvalidRange, property.Value, $"{keyword} cannot be negative");
            return null;
        }

        return value;
    }

    private long? ReadLimit(JsonNode node, string keyword, bool applies, string typeName)
    {
        var property = node.GetProperty(keyword);
        if (property is null)
        {
            return null;
        }

        if (!applies)
        {
            Report(DiagnosticDescriptors.InapplicableKeyword, property.NameStart, property.NameEnd - property.NameStart, keyword, typeName);
            return null;
        }

        if (!property.Value.TryGetInt64(out var value))
        {
            Report(DiagnosticDescriptors.InvalidKeywordValue, property.Value, keyword, "an integer");
            return null;
        }

        return value;
    }

    private string? ReadPattern(JsonNode node, bool applies, string typeName)
    {
        var property = node.GetProperty("pattern");
        if (property is null)
        {
            return null;
        }

        if (!applies)
        {
            Report(DiagnosticDescriptors.InapplicableKeyword, property.NameStart, property.NameEnd - property.NameStart, "pattern", typeName);
            return null;
        }

        if (!ExpectKind(property.Value, JsonKind.String, "pattern", "a regular expression"))
        {
            return null;
        }

        try
        {
            _ = new Regex(property.Value.StringValue!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            Report(DiagnosticDescriptors.InvalidKeywordValue, property.Value, "pattern", "a valid regular expression (" + ex.Message + ")");
            return null;
        }

        return property.Value.StringValue;
    }

    private List<string>? ReadAllowedValues(JsonNode node, FieldKind kind, string field)
    {
        var result = new List<string>();
        var property = node.GetProperty("enum");
        if (property is null)
        {
            return result;
        }

        if (!ExpectKind(property.Value, JsonKind.Array, "enum", "an array of allowed values"))
        {
            return null;
        }

        foreach (var item in property.Value.Items)
        {
            var ok = kind switch
            {
                FieldKind.String => item.Kind == JsonKind.String,
                FieldKind.Boolean => item.Kind is JsonKind.True or JsonKind.False,
                _ => item.TryGetInt32(out _),
            };
            if (!ok)
            {
                Report(DiagnosticDescriptors.InvalidKeywordValue, item, "enum", $"a list of values of the field's type (field '{field}')");
                return null;
            }

            var text = Display(item);
            if (result.Contains(text))
            {
                Report(DiagnosticDescriptors.Duplicate, item, "allowed value", text);
                return null;
            }

            result.Add(text);
        }

        return result;
    }

    // Checks the default against the field's own rules; returns its display text, or null when invalid.
    private string? CheckDefault(FieldSpec field, JsonNode value, EnumSpec? enumSpec)
    {
        string Fail(string why)
        {
            Report(DiagnosticDescriptors.InvalidDefault, value, field.WireName, why);
            return null!;
        }

        switch (field.Kind)
        {
            case FieldKind.String:
                if (value.Kind == JsonKind.Null)
                {
                    return "none";
                }

                if (value.Kind != JsonKind.String)
                {
                    return Fail("expected a string");
                }

                if (field.MaxLength is { } max && value.StringValue!.Length > max)
                {
                    return Fail($"it is longer than maxLength {max}");
                }

                return "\"" + value.StringValue + "\"";
            case FieldKind.Boolean:
                return value.Kind switch
                {
                    JsonKind.True => "true",
                    JsonKind.False => "false",
                    _ => Fail("expected true or false"),
                };
            default:
                if (!value.TryGetInt64(out var number))
                {
                    return Fail("expected an integer");
                }

                if (number < field.Minimum || number > field.Maximum)
                {
                    return Fail($"{number} is outside {field.Minimum}..{field.Maximum}");
                }

                var text = number.ToString(CultureInfo.InvariantCulture);
                if (field.AllowedValues.Count > 0 && !field.AllowedValues.Contains(text))
                {
                    return Fail($"{number} is not one of {string.Join(", ", field.AllowedValues)}");
                }

                if (enumSpec is not null)
                {
                    var member = enumSpec.Members.FirstOrDefault(m => m.Value == number);
                    return member is null ? Fail($"{number} is not a member of {enumSpec.TypeName}") : $"{member.Name} ({text})";
                }

                return text;
        }
    }

    private bool ReadFlag(JsonNode node, string keyword)
    {
        var property = node.GetProperty(keyword);
        if (property is null)
        {
            return false;
        }

        switch (property.Value.Kind)
        {
            case JsonKind.True:
                return true;
            case JsonKind.False:
                return false;
            default:
                Report(DiagnosticDescriptors.InvalidKeywordValue, property.Value, keyword, "true or false");
                return false;
        }
    }

    private string? ReadString(JsonNode node, string keyword)
    {
        var property = node.GetProperty(keyword);
        return property is not null && ExpectKind(property.Value, JsonKind.String, keyword, "a string") ? property.Value.StringValue : null;
    }

    private static string? OptionalString(JsonNode node, string keyword)
    {
        var property = node.GetProperty(keyword);
        return property?.Value.Kind == JsonKind.String ? property.Value.StringValue : null;
    }

    private List<string> ReadStringArray(JsonNode node, string keyword)
    {
        var result = new List<string>();
        var property = node.GetProperty(keyword);
        if (property is null || !ExpectKind(property.Value, JsonKind.Array, keyword, "an array of strings"))
        {
            return result;
        }

        foreach (var item in property.Value.Items)
        {
            if (ExpectKind(item, JsonKind.String, keyword, "an array of strings"))
            {
                result.Add(item.StringValue!);
            }
        }

        return result;
    }

    private string? RequiredXmlName(JsonNode node, string keyword, string owner)
    {
        var property = node.GetProperty(keyword);
        if (property is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, node.Start, 1, owner, keyword);
            return null;
        }

        if (!ExpectKind(property.Value, JsonKind.String, keyword, "an element name"))
        {
            return null;
        }

        var name = property.Value.StringValue!;
        if (CupiWireNames.Problem(name) is { } problem)
        {
            Report(DiagnosticDescriptors.InvalidName, property.Value, name, "an element name", problem);
            return null;
        }

        return name;
    }

    // ------------------------------------------------------------------ checks and reporting

    private void CheckDuplicateKeys(JsonNode node, string what)
    {
        if (node.Properties.Count < 2)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            if (!seen.Add(property.Name))
            {
                Report(DiagnosticDescriptors.Duplicate, property.NameStart, property.NameEnd - property.NameStart, what, property.Name);
            }
        }
    }

    private bool CheckIdentifier(string name, int start, int end, string what)
    {
        if (SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None)
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidName, start, end - start, name, what, "it is not a valid C# identifier (or is a keyword)");
        return false;
    }

    private bool ExpectKind(JsonNode node, JsonKind kind, string what, string expected)
    {
        if (node.Kind == kind)
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidKeywordValue, node, what, $"{expected}, not {node.KindName}");
        return false;
    }

    private static bool IsNamespace(string name) =>
        name.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    private static string Display(JsonNode node) => node.Kind switch
    {
        JsonKind.String => node.StringValue!,
        JsonKind.Number => node.StringValue!,
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Null => "null",
        _ => node.KindName,
    };

    private void Report(DiagnosticDescriptor descriptor, JsonNode node, params string[] args) =>
        Report(descriptor, node.Start, node.End - node.Start, args);

    private void Report(DiagnosticDescriptor descriptor, int start, int length, params string[] args) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, Locate(start, length), args.ToEquatableArray()));

    private LocationInfo Locate(int start, int length)
    {
        var text = _file.Text;
        start = Math.Max(0, Math.Min(start, text.Length));
        length = Math.Max(0, Math.Min(length, text.Length - start));
        var lines = _lineStarts ??= ComputeLineStarts(text);
        var span = new TextSpan(start, length);
        return new LocationInfo(_file.Path, span, new LinePositionSpan(Position(lines, start), Position(lines, start + length)));
    }

    private static LinePosition Position(int[] lineStarts, int offset)
    {
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, offset - lineStarts[line]);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
