using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;

namespace CupiGen.Tests.Infrastructure;

/// <summary>One field of a payload as an independent reader (XDocument / JsonDocument) sees it.</summary>
public sealed record OracleField(string Name, string Text, bool Structured);

/// <summary>
/// Reads the fixtures with the framework's general-purpose readers, independently of CupiGen, so the generated
/// readers can be checked field by field against a second opinion.
/// </summary>
public static class Oracle
{
    public static IReadOnlyList<IReadOnlyList<OracleField>> XmlObjects(string xml, string elementName)
    {
        var root = XDocument.Parse(xml).Root!;
        var elements = root.Name.LocalName == elementName ? [root] : root.Elements(elementName).ToList();
        return [.. elements.Select(FieldsOf)];

        static IReadOnlyList<OracleField> FieldsOf(XElement element) =>
            [.. element.Elements().Select(e => e.HasElements
                ? new OracleField(e.Name.LocalName, string.Concat(e.Nodes()), true)
                : new OracleField(e.Name.LocalName, e.Value.Trim(), false))];
    }

    public static int? XmlTotal(string xml)
    {
        var total = XDocument.Parse(xml).Root!.Attribute("total");
        return total is null ? null : int.Parse(total.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<IReadOnlyList<OracleField>> JsonObjects(string json, string elementName, bool list)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!list)
        {
            return [FieldsOf(root)];
        }

        if (!root.TryGetProperty(elementName, out var items))
        {
            return [];
        }

        return items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray().Select(FieldsOf)] : [FieldsOf(items)];

        static IReadOnlyList<OracleField> FieldsOf(JsonElement element) =>
            [.. element.EnumerateObject().Select(p => p.Value.ValueKind switch
            {
                JsonValueKind.String => new OracleField(p.Name, p.Value.GetString()!.Trim(), false),
                JsonValueKind.Object or JsonValueKind.Array => new OracleField(p.Name, p.Value.GetRawText(), true),
                _ => new OracleField(p.Name, p.Value.GetRawText(), false),
            })];
    }

    public static int? JsonTotal(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("@total", out var total))
        {
            return null;
        }

        return total.ValueKind == JsonValueKind.Number
            ? total.GetInt32()
            : int.Parse(total.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The model holds exactly the oracle's fields: each known field present with the same value (an empty
    /// text is an empty string, or no value for numbers, booleans and enums), each unknown one in AdditionalFields.
    /// </summary>
    public static void AssertModelMatches(object model, IReadOnlyList<OracleField> fields)
    {
        var known = Inspect.Fields(model.GetType()).ToDictionary(f => f.Wire, f => f.Property);
        var additional = Inspect.Additional(model);
        foreach (var field in fields)
        {
            if (known.TryGetValue(field.Name, out var property))
            {
                Assert.True(Inspect.IsPresent(model, field.Name), $"{field.Name} should be present");
                var actual = Inspect.ValueText(model, property);
                if (property.PropertyType == typeof(string))
                {
                    Assert.Equal(field.Text, actual);
                }
                else if (field.Text.Length == 0)
                {
                    Assert.Null(actual);
                }
                else if (property.PropertyType == typeof(bool?))
                {
                    Assert.Equal(bool.Parse(field.Text), bool.Parse(actual!));
                }
                else
                {
                    Assert.Equal(int.Parse(field.Text, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), actual);
                }
            }
            else
            {
                Assert.True(additional.ContainsKey(field.Name), $"{field.Name} should be kept as an additional field");
                if (!field.Structured)
                {
                    Assert.Equal(field.Text, additional[field.Name].Trim());
                }
            }
        }

        var presentKnown = known.Keys.Count(name => Inspect.IsPresent(model, name));
        Assert.Equal(fields.Count, presentKnown + additional.Count);
    }
}
