using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

// Resource definitions: a model's element names, its fields in order, and its required-on-create list.
internal sealed partial class SchemaParser
{
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

        // The field list is final here: each field's index and storage slot, which conditions and the required
        // list point at and every emitter reads.
        var layout = FieldLayout.Assign(fieldNodes.Select(static f => f.Spec).ToList());
        for (var i = 0; i < fieldNodes.Count; i++)
        {
            fieldNodes[i] = (layout[i], fieldNodes[i].Property);
        }

        // Second pass over fields: conditions that name other fields or resources.
        var fieldNames = new HashSet<string>(fieldNodes.Select(f => f.Spec.WireName), StringComparer.Ordinal);
        var fields = new List<FieldSpec>();
        var fieldSpecs = fieldNodes.ToDictionary(f => f.Spec.WireName, f => f.Spec, StringComparer.Ordinal);
        foreach (var (spec, property) in fieldNodes)
        {
            fields.Add(ResolveConditions(spec, property.Value, fieldNames, resources, fieldSpecs));
        }

        var required = ParseRequiredOnCreate(node, fieldSpecs);
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

    // The required fields, as field indexes.
    private List<int> ParseRequiredOnCreate(JsonNode node, Dictionary<string, FieldSpec> fieldSpecs)
    {
        var result = new List<int>();
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

            if (!fieldSpecs.TryGetValue(item.StringValue!, out var field))
            {
                Report(DiagnosticDescriptors.UnresolvedReference, item, item.StringValue!, "a field of this resource");
                continue;
            }

            result.Add(field.Index);
        }

        return result;
    }
}
