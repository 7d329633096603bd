using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

// Readers of single keywords, each reporting a value of the wrong shape where it is.
internal sealed partial class SchemaParser
{
    // A keyword's property when it is present and means something for the field's type; where it is present but
    // does not apply, it is reported at its name.
    private JsonProperty? ApplicableProperty(JsonNode node, string keyword, bool applies, string typeName)
    {
        var property = node.GetProperty(keyword);
        if (property is not null && !applies)
        {
            Report(DiagnosticDescriptors.InapplicableKeyword, property.NameStart, property.NameEnd - property.NameStart, keyword, typeName);
            return null;
        }

        return property;
    }

    private int? ReadBound(JsonNode node, string keyword, bool applies, string typeName)
    {
        if (ApplicableProperty(node, keyword, applies, typeName) is not { } property)
        {
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
        if (ApplicableProperty(node, keyword, applies, typeName) is not { } property)
        {
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
        if (ApplicableProperty(node, "pattern", applies, typeName) is not { } property)
        {
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
}
