using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using CupiGen.Tool.Extract;
using CupiGen.Tool.Page;
using CupiGen.Tool.Schema;

namespace CupiGen.Tool.Infer;

/// <summary>One object read from a sample: its element name (if the sample says) and its fields in order.</summary>
public sealed record SampleObject(string? Element, string? ListElement, string File, List<(string Name, string Value)> Fields);

/// <summary>What <see cref="PayloadInferrer"/> built, with the fields every sample had (candidates for required).</summary>
public sealed record Inference(JsonObject Schema, Dictionary<string, List<string>> AlwaysPresent, Dictionary<string, int> ObjectCounts);

/// <summary>
/// A starting schema from captured CUPI payloads (XML or JSON, single objects or lists): element and list names,
/// field order, types from the values, observed string lengths, and the fields no sample lacks. XML is read with
/// DTDs prohibited, no resolver and a size bound, so a hostile capture cannot expand entities or fetch anything.
/// </summary>
public static partial class PayloadInferrer
{
    public const long MaxSampleBytes = 16 * 1024 * 1024;

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidRegex();

    public static List<SampleObject> Read(string text, string file)
    {
        if (text.Length > MaxSampleBytes)
        {
            throw new PageFormatException($"{file}: larger than {MaxSampleBytes / (1024 * 1024)} MiB");
        }

        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return trimmed.StartsWith('<') ? ReadXml(text, file)
            : trimmed.StartsWith('{') || trimmed.StartsWith('[') ? ReadJson(text, file)
            : throw new PageFormatException($"{file}: neither XML nor JSON (it starts with '{(trimmed.Length == 0 ? "" : trimmed[..1])}')");
    }

    public static XmlReaderSettings SafeXmlSettings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxSampleBytes,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static List<SampleObject> ReadXml(string text, string file)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), SafeXmlSettings);
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            string at = ex.LineNumber > 0 ? $"({ex.LineNumber},{ex.LinePosition})" : "";
            throw new PageFormatException(ex.Message.Contains("DTD", StringComparison.Ordinal)
                ? $"{file}{at}: refused: the sample has a DTD, which could expand entities or fetch files; CUPI payloads have none"
                : $"{file}{at}: not well-formed XML: {ex.Message.Split(". ")[0]}");
        }

        var root = doc.Root!;
        var children = root.Elements().ToList();
        bool isList = root.Attribute("total") is not null
            || (children.Count > 0 && children.All(c => c.HasElements) && children.Select(c => c.Name.LocalName).Distinct().Count() == 1);
        if (isList)
        {
            return children.Select(c => Object(c, root.Name.LocalName)).ToList();
        }

        return new List<SampleObject> { Object(root, null) };

        SampleObject Object(XElement element, string? list) => new(element.Name.LocalName, list, file,
            element.Elements().Where(e => !e.HasElements).Select(e => (e.Name.LocalName, e.Value.Trim())).ToList());
    }

    private static List<SampleObject> ReadJson(string text, string file)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new PageFormatException($"{file}({(ex.LineNumber ?? 0) + 1}): not valid JSON: {ex.Message.Split(". ")[0]}");
        }

        if (node is not JsonObject top)
        {
            throw new PageFormatException($"{file}: a CUPI JSON payload is an object");
        }

        if (top.ContainsKey("@total"))
        {
            var result = new List<SampleObject>();
            foreach (var (name, member) in top.Where(m => m.Key != "@total"))
            {
                var items = member is JsonArray array ? array.ToList() : new List<JsonNode?> { member };
                result.AddRange(items.OfType<JsonObject>().Select(o => Object(o, name, name + "s")));
            }

            return result;
        }

        return new List<SampleObject> { Object(top, null, null) };

        SampleObject Object(JsonObject obj, string? element, string? list) => new(element, list, file,
            obj.Where(m => m.Value is JsonValue or null).Select(m => (m.Key, m.Value is null ? "" : m.Value.GetValueKind() == JsonValueKind.String ? m.Value.GetValue<string>() : m.Value.ToJsonString())).ToList());
    }

    public static Inference Infer(IReadOnlyList<SampleObject> objects, string @namespace, string schemaFileName, string? fallbackElement)
    {
        // A bare JSON object takes the element of the XML object sharing most of its fields, else the fallback.
        var named = objects.Where(o => o.Element is not null).ToList();
        var resolved = objects.Select(o =>
        {
            if (o.Element is not null)
            {
                return o;
            }

            var names = o.Fields.Select(f => f.Name).ToHashSet();
            var best = named.OrderByDescending(n => n.Fields.Count(f => names.Contains(f.Name))).FirstOrDefault();
            string element = best?.Element ?? fallbackElement
                ?? throw new PageFormatException($"{o.File}: a bare JSON object does not say which resource it is; add an XML sample or pass --element");
            return o with { Element = element };
        }).ToList();

        var defs = new JsonObject();
        var always = new Dictionary<string, List<string>>();
        var counts = new Dictionary<string, int>();
        foreach (var group in resolved.GroupBy(o => o.Element!))
        {
            var list = group.ToList();
            counts[group.Key] = list.Count;
            var order = new List<string>();
            foreach (var obj in list)
            {
                var names = obj.Fields.Select(f => f.Name).Distinct().ToList();
                for (int i = 0; i < names.Count; i++)
                {
                    if (order.Contains(names[i]))
                    {
                        continue;
                    }

                    int after = i == 0 ? -1 : order.IndexOf(names[i - 1]);
                    order.Insert(after < 0 ? (i == 0 ? 0 : order.Count) : after + 1, names[i]);
                }
            }

            var properties = new JsonObject();
            var present = new List<string>();
            foreach (var name in order)
            {
                var values = list.SelectMany(o => o.Fields.Where(f => f.Name == name).Select(f => f.Value)).ToList();
                int seenIn = list.Count(o => o.Fields.Any(f => f.Name == name));
                string type = SchemaExtractor.InferType(values);
                var field = new JsonObject { ["type"] = type };
                bool uuid = type == "string" && values.Count > 0 && values.All(v => UuidRegex().IsMatch(v.Trim()));
                if (uuid)
                {
                    field["maxLength"] = 36;
                    field["format"] = "uuid";
                }

                string note = $"Seen in {seenIn} of {list.Count} sample objects";
                if (type == "string" && values.Count > 0 && !uuid)
                {
                    note += $"; observed length {values.Min(v => v.Length)}-{values.Max(v => v.Length)}";
                }

                if (seenIn == list.Count && list.Count > 1)
                {
                    present.Add(name);
                    note += "; never absent (a candidate for x-cupi-requiredOnCreate)";
                }

                field["description"] = note + ".";
                if (name.EndsWith("URI", StringComparison.Ordinal))
                {
                    field["readOnly"] = true;
                }

                properties[name] = field;
            }

            always[group.Key] = present;
            defs[group.Key] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"Inferred from {list.Count} sample objects ({string.Join(", ", list.Select(o => Path.GetFileName(o.File)).Distinct())}).",
                ["x-cupi-element"] = group.Key,
                ["x-cupi-listElement"] = list.Select(o => o.ListElement).FirstOrDefault(l => l is not null) ?? group.Key + "s",
                ["additionalProperties"] = true,
                ["properties"] = properties,
            };
        }

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://cupigen.local/schema/" + schemaFileName,
            ["title"] = "Inferred from captured payloads",
            ["x-cupi-namespace"] = @namespace,
            ["$defs"] = defs,
        };
        SchemaWriter.Canonicalize(schema);
        return new Inference(schema, always, counts);
    }
}
