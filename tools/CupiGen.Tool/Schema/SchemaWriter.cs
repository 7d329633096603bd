using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CupiGen.Tool.Schema;

/// <summary>
/// Writes a schema the way the project's schemas are written: two-space indentation, one member per line,
/// <c>x-cupi-client</c> on one line, ASCII text with only quotes, backslashes and control characters escaped, and
/// keywords in a fixed order per kind of object (so extract + overrides reproduce a hand-written file exactly).
/// </summary>
public static class SchemaWriter
{
    private static readonly string[] DocumentOrder = { "$schema", "$id", "title", "description", "x-cupi-namespace", "x-cupi-source", "$defs" };
    private static readonly string[] DefOrder =
    {
        "type", "description", "x-cupi-element", "x-cupi-listElement", "x-cupi-client", "additionalProperties",
        "x-cupi-requiredOnCreate", "x-cupi-endpoints", "oneOf", "properties",
    };
    private static readonly string[] FieldOrder =
    {
        "type", "$ref", "x-cupi-name", "description", "maxLength", "minLength", "pattern", "x-cupi-charset", "format", "minimum", "maximum",
        "enum", "default", "examples", "x-cupi-pertinentWhen", "x-cupi-appliesTo", "x-cupi-references", "x-cupi-matches",
        "x-cupi-aliases", "x-cupi-secret", "readOnly", "x-cupi-createOnly",
    };
    // An object id's length and format come before its description.
    private static readonly string[] UuidFieldOrder = new[] { "type", "$ref", "x-cupi-name", "maxLength", "format" }
        .Concat(FieldOrder.Where(k => k is not ("type" or "$ref" or "x-cupi-name" or "maxLength" or "format"))).ToArray();
    private static readonly string[] EndpointOrder = { "name", "method", "path", "alternatePaths", "query", "requires", "request", "response", "description" };
    private static readonly string[] MemberOrder = { "const", "title", "description" };
    private static readonly string[] ConditionOrder = { "field", "lookup", "lookupField", "equals", "in", "text" };
    private static readonly string[] ResponseOrder = { "status", "body" };
    private static readonly string[] ClientOrder = { "name", "parent", "parameter", "accessor" };

    /// <summary>Puts every object's members in the canonical order for its kind. Maps (properties, $defs) keep their order.</summary>
    public static void Canonicalize(JsonObject document)
    {
        Reorder(document, DocumentOrder);
        if (document["$defs"] is not JsonObject defs)
        {
            return;
        }

        foreach (var (_, defNode) in defs)
        {
            if (defNode is not JsonObject def)
            {
                continue;
            }

            Reorder(def, DefOrder);
            if (def["x-cupi-client"] is JsonObject client)
            {
                Reorder(client, ClientOrder);
            }

            if (def["oneOf"] is JsonArray members)
            {
                foreach (var member in members.OfType<JsonObject>())
                {
                    Reorder(member, MemberOrder);
                }
            }

            if (def["x-cupi-endpoints"] is JsonArray endpoints)
            {
                foreach (var endpoint in endpoints.OfType<JsonObject>())
                {
                    Reorder(endpoint, EndpointOrder);
                    foreach (var key in new[] { "request", "response" })
                    {
                        if (endpoint[key] is JsonObject part)
                        {
                            Reorder(part, ResponseOrder);
                        }
                    }

                    if (endpoint["requires"] is JsonObject requires)
                    {
                        Reorder(requires, ConditionOrder);
                    }
                }
            }

            if (def["properties"] is JsonObject properties)
            {
                foreach (var (_, fieldNode) in properties)
                {
                    if (fieldNode is not JsonObject field)
                    {
                        continue;
                    }

                    Reorder(field, field["format"]?.GetValueKind() == JsonValueKind.String && (string?)field["format"] == "uuid" ? UuidFieldOrder : FieldOrder);
                    foreach (var key in new[] { "x-cupi-pertinentWhen", "x-cupi-appliesTo", "x-cupi-matches" })
                    {
                        if (field[key] is JsonObject condition)
                        {
                            Reorder(condition, ConditionOrder);
                        }
                    }
                }
            }
        }
    }

    private static void Reorder(JsonObject obj, string[] order)
    {
        var members = obj.ToList();
        var sorted = members
            .Select((m, i) => (m, rank: Array.IndexOf(order, m.Key) is var r && r >= 0 ? r : order.Length, i))
            .OrderBy(x => x.rank).ThenBy(x => x.i)
            .Select(x => x.m)
            .ToList();
        if (sorted.Select(m => m.Key).SequenceEqual(members.Select(m => m.Key)))
        {
            return;
        }

        obj.Clear();
        foreach (var (key, value) in sorted)
        {
            obj[key] = value;
        }
    }

    public static string Write(JsonNode node)
    {
        var sb = new StringBuilder();
        WriteNode(sb, node, 0, inline: false);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, int indent, bool inline)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                if (inline)
                {
                    sb.Append("{ ");
                    sb.AppendJoin(", ", obj.Select(m => Quote(m.Key) + ": " + Inline(m.Value)));
                    sb.Append(" }");
                    break;
                }

                sb.Append("{\n");
                int n = 0;
                foreach (var (key, value) in obj)
                {
                    sb.Append(' ', (indent + 1) * 2).Append(Quote(key)).Append(": ");
                    WriteNode(sb, value, indent + 1, inline: key == "x-cupi-client");
                    sb.Append(++n < obj.Count ? ",\n" : "\n");
                }

                sb.Append(' ', indent * 2).Append('}');
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append("[\n");
                for (int i = 0; i < array.Count; i++)
                {
                    sb.Append(' ', (indent + 1) * 2);
                    WriteNode(sb, array[i], indent + 1, inline: false);
                    sb.Append(i + 1 < array.Count ? ",\n" : "\n");
                }

                sb.Append(' ', indent * 2).Append(']');
                break;
            case JsonValue value:
                sb.Append(Scalar(value));
                break;
        }
    }

    private static string Inline(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteNode(sb, node, 0, inline: true);
        return sb.ToString();
    }

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => Quote(value.GetValue<string>()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.ToJsonString(),
        _ => "null",
    };

    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
