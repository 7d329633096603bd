using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

// One field of a resource: its names, type, bounds, access, aliases and default.
internal sealed partial class SchemaParser
{
    private static readonly HashSet<string> FieldKeywords = new(StringComparer.Ordinal)
    {
        "type", "$ref", "description", "maxLength", "minLength", "pattern", "format", "minimum", "maximum", "enum",
        "default", "readOnly", "x-cupi-createOnly", "x-cupi-secret", "x-cupi-aliases", "x-cupi-charset",
        "x-cupi-pertinentWhen", "x-cupi-appliesTo", "x-cupi-references", "x-cupi-name", "x-cupi-matches",
    };

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
        EnumSpec? enumSpec = null;
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
            if (target.IndexOf(DefsPointer, StringComparison.Ordinal) > 0)
            {
                // Another schema's enum. The first parse cannot know it: the field is an enum of unknown members
                // there, which is all other schemas see of it; the second parse resolves it or reports it.
                enumSpec = ResolveExternalEnum(reference.Value, target);
                if (enumSpec is null && _catalog is not null)
                {
                    return null;
                }

                enumType = enumSpec?.TypeName ?? target.Substring(target.IndexOf(DefsPointer, StringComparison.Ordinal) + DefsPointer.Length);
            }
            else
            {
                var name = target.StartsWith(DefsPointer, StringComparison.Ordinal) ? target.Substring(DefsPointer.Length) : null;
                if (name is null || !enums.TryGetValue(name, out enumSpec))
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, reference.Value, target, "an enum");
                    return null;
                }

                enumType = name;
            }

            kind = FieldKind.Enum;
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
            var display = CheckDefault(spec, defaultProperty.Value, enumSpec);
            if (display is null)
            {
                return null;
            }

            var value = defaultProperty.Value;
            spec = spec with { DefaultDisplay = display, DefaultValue = value.Kind == JsonKind.Null ? null : Display(value) };
        }

        if (enumSpec is not null)
        {
            spec = spec with
            {
                EnumValues = enumSpec.Members.Select(m => m.Value).ToEquatableArray(),
                EnumNamespace = enumSpec.Namespace == _namespace ? null : enumSpec.Namespace,
            };
        }

        _ = resource;
        return spec;
    }
}
