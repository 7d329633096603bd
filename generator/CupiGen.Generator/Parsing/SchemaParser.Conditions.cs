using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

// Conditions on other fields and objects: x-cupi-references, x-cupi-pertinentWhen, x-cupi-appliesTo and x-cupi-matches.
internal sealed partial class SchemaParser
{
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
            else if (ResolveResource(references.Value.StringValue!, resources, references.Value) is { } target)
            {
                spec = spec with { References = target.Name };
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
            if (references is not null && spec.References is null)
            {
                // The reference itself is already reported (or does not apply): no second diagnostic for it.
            }
            else if (spec.References is null)
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
        var external = false;
        if (lookup is not null)
        {
            var lookupFieldNode = node.GetProperty("lookupField");
            if (lookupFieldNode is null || lookupFieldNode.Value.Kind != JsonKind.String)
            {
                Report(DiagnosticDescriptors.MissingKeyword, node.Start, 1, $"The condition of field '{owner}'", "lookupField");
                return null;
            }

            lookupField = lookupFieldNode.Value.StringValue!;
            var lookupTarget = ResolveResource(lookup, resources, node, report: false);
            if (lookupTarget?.Export is { } export)
            {
                // Another schema's resource: its generated fields are known, so the field is checked here.
                var exported = export.Fields.FirstOrDefault(f => f.WireName == lookupField);
                if (exported is null)
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, lookupFieldNode.Value, lookupField, $"a field of {lookup}");
                    return null;
                }

                lookup = lookupTarget.Name;
                lookupField = exported.PropertyName;
                lookupKind = exported.Kind;
                external = true;
            }
            else
            {
                var lookupNode = lookupTarget?.Local?.Value.GetProperty("properties")?.Value.GetProperty(lookupField)?.Value;
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
            target.Index,
            target.WireName,
            target.Kind,
            target.EnumType,
            values.ToEquatableArray(),
            lookup,
            lookupField,
            lookupKind,
            OptionalString(node, "text"));
        if (lookup is not null && !external)
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

            if (ResolveResource(lookup.Value.StringValue!, resources, lookup.Value) is null)
            {
                return null;
            }

            var lookupField = OptionalString(node, "lookupField") ?? "?";
            return text ?? $"the {lookup.Value.StringValue} named by {field.Value.StringValue} has {lookupField} = {Display(equals.Value)}";
        }

        return text ?? $"{field.Value.StringValue} is {Display(equals.Value)}";
    }
}
