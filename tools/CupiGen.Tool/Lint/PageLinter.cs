using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CupiGen.Tool.Extract;
using CupiGen.Tool.Page;

namespace CupiGen.Tool.Lint;

/// <summary>One inconsistency of a page, at a line, with a category.</summary>
public sealed record Finding(int Line, string Category, string Message)
{
    public string Format(string pageName) => $"{pageName}({Line}): {Category}: {Message}";
}

/// <summary>
/// Checks a CUPI page against itself: tables against examples, defaults against the values shown, template ids
/// against integration types, values against their types, payloads against XML/JSON syntax, and URLs against the
/// section they are in.
/// </summary>
public static partial class PageLinter
{
    public static readonly string[] Categories =
    {
        "table-unused", "example-undocumented", "no-table", "type-conflict", "default-contradicted", "template-mismatch",
        "invalid-value", "read-only-sent", "malformed-xml", "invalid-json", "url-section", "url-placeholder", "url-syntax", "status",
    };

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidRegex();

    [GeneratedRegex(@"https?://\S*/vmrest/[\w/<>\-]*\.\s*$")]
    private static partial Regex TrailingPeriodRegex();

    public static List<Finding> Lint(Extraction extraction)
    {
        var findings = new List<Finding>();
        var defs = (JsonObject)extraction.Schema["$defs"]!;
        foreach (var resource in extraction.Resources)
        {
            var properties = defs[resource.Element]?["properties"] as JsonObject ?? new JsonObject();
            TablesAgainstExamples(resource, findings);
            Defaults(resource, properties, findings);
            Values(resource, properties, findings);
        }

        Templates(extraction, findings);
        findings.AddRange(extraction.Content.Problems.Select(p => new Finding(p.Line, p.Category, p.Message)));
        Urls(extraction, findings);
        return findings
            .GroupBy(f => (f.Line, f.Category, f.Message)).Select(g => g.First())
            .OrderBy(f => f.Line).ThenBy(f => Array.IndexOf(Categories, f.Category)).ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
    }

    private static void TablesAgainstExamples(ResourceModel resource, List<Finding> findings)
    {
        var exampleNames = resource.Examples.SelectMany(e => e.Fields).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (resource.Rows.Count == 0)
        {
            findings.Add(new Finding(resource.FirstLine, "no-table", $"{resource.Element}: no data-field table describes this resource; its {resource.Order.Count} fields are known only from the examples"));
            return;
        }

        foreach (var row in resource.Rows)
        {
            if (exampleNames.Contains(row.Name))
            {
                continue;
            }

            string? spelled = SchemaExtractor.MatchWireName(row.Name, exampleNames);
            findings.Add(new Finding(row.Line, "table-unused", spelled is null
                ? $"{row.Name}: in the table \"{row.Table}\" but in no example"
                : $"{row.Name}: in the table \"{row.Table}\" but in no example; the examples spell it {spelled}"));
        }

        foreach (var wire in resource.Order.Where(w => !resource.RowsByField.ContainsKey(w)))
        {
            var first = resource.Examples.SelectMany(e => e.Fields).Where(f => f.Name == wire).Min(f => f.Line);
            findings.Add(new Finding(first, "example-undocumented", $"{resource.Element}.{wire}: in the examples but in no data-field table"));
        }

        foreach (var (wire, rows) in resource.RowsByField.Where(r => r.Value.Count > 1))
        {
            var types = rows.Select(r => r.DataType).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (types.Count > 1)
            {
                findings.Add(new Finding(rows[1].Line, "type-conflict",
                    $"{wire}: Data Type '{rows[1].DataType}' here, '{rows[0].DataType}' in \"{rows[0].Table}\" (l. {rows[0].Line})"));
            }
        }
    }

    private static void Defaults(ResourceModel resource, JsonObject properties, List<Finding> findings)
    {
        foreach (var (wire, node) in properties)
        {
            if (node?["default"] is not JsonValue dflt)
            {
                continue;
            }

            string expected = dflt.ToJsonString().Trim('"');
            var values = resource.Examples.SelectMany(e => e.Fields).Where(f => f.Name == wire && f.Value.Length > 0)
                .Select(f => f.Value.TrimStart('>').Trim().ToLowerInvariant()).ToList();
            if (values.Count >= 2 && values.All(v => v != expected.ToLowerInvariant()))
            {
                int line = resource.RowsByField.GetValueOrDefault(wire)?.FirstOrDefault()?.Line ?? 0;
                string shown = string.Join(", ", values.Distinct().OrderBy(v => v, StringComparer.Ordinal));
                findings.Add(new Finding(line, "default-contradicted",
                    $"{wire}: \"Default value is {expected}\", but all {values.Count} example values differ ({shown})"));
            }
        }
    }

    private static void Values(ResourceModel resource, JsonObject properties, List<Finding> findings)
    {
        foreach (var example in resource.Examples)
        {
            foreach (var field in example.Fields.Where(f => f.Value.Length > 0))
            {
                if (properties[field.Name] is not JsonObject property)
                {
                    continue;
                }

                string type = property["$ref"] is not null ? "integer" : (string?)property["type"] ?? "string";
                string value = field.Value.Trim();
                string? problem = type switch
                {
                    "boolean" when value.ToLowerInvariant() is not ("true" or "false" or "1" or "0") => "is not a boolean",
                    "integer" when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "is not an integer",
                    "string" when (string?)property["format"] == "uuid" && !UuidRegex().IsMatch(value) =>
                        value.Any(c => c != '-' && !Uri.IsHexDigit(c))
                            ? "is not an object id (it has characters that are not hexadecimal)"
                            : "is not an object id (expected 8-4-4-4-12 hexadecimal digits)",
                    _ => null,
                };
                if (problem is not null)
                {
                    findings.Add(new Finding(field.Line, "invalid-value", $"{field.Name} '{value}' {problem}"));
                }

                if (example.IsRequest && property["readOnly"]?.GetValue<bool>() == true)
                {
                    findings.Add(new Finding(field.Line, "read-only-sent", $"{example.Method} request sends {field.Name}, which the server sets (read-only)"));
                }
            }
        }

    }

    /// <summary>Examples that pair a template with an integration method other than the template's.</summary>
    private static void Templates(Extraction extraction, List<Finding> findings)
    {
        foreach (var template in extraction.Resources)
        {
            var copy = template.Order.FirstOrDefault(f => f.StartsWith("Copy", StringComparison.Ordinal));
            if (copy is null)
            {
                continue;
            }

            string field = copy["Copy".Length..];
            var methodOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var example in template.Examples)
            {
                string? id = example.Fields.FirstOrDefault(f => f.Name == "ObjectId")?.Value;
                string? method = example.Fields.FirstOrDefault(f => f.Name == copy)?.Value;
                if (id is not null && method is not null)
                {
                    methodOf[id] = method;
                }
            }

            foreach (var resource in extraction.Resources.Where(r => r != template))
            {
                string reference = resource.Order.FirstOrDefault(f => f.EndsWith(template.Element + "ObjectId", StringComparison.Ordinal)) ?? "";
                foreach (var example in resource.Examples)
                {
                    var id = example.Fields.FirstOrDefault(f => f.Name == reference);
                    var method = example.Fields.FirstOrDefault(f => f.Name == field);
                    if (id is null || method is null || !methodOf.TryGetValue(id.Value, out var templateMethod) || templateMethod == method.Value)
                    {
                        continue;
                    }

                    findings.Add(new Finding(id.Line, "template-mismatch",
                        $"{reference} {id.Value} is the template for {field} {templateMethod}, but the example's {field} is {method.Value}"));
                }
            }
        }
    }

    private static void Urls(Extraction extraction, List<Finding> findings)
    {
        var content = extraction.Content;
        string? ResourceOfPath(RequestExample request)
        {
            var literals = request.Segments.Skip(1).Where(s => !s.StartsWith('<')).ToList();
            foreach (var literal in Enumerable.Reverse(literals))
            {
                var resource = extraction.Resources.FirstOrDefault(r => r.Plural == literal.ToLowerInvariant());
                if (resource is not null)
                {
                    return resource.Element;
                }
            }

            return null;
        }

        foreach (var request in content.Requests)
        {
            var body = request.ResponseBody ?? request.RequestBody;
            string? pathResource = ResourceOfPath(request);
            if (body?.Element is not null && pathResource is not null && body.Element != pathResource)
            {
                findings.Add(new Finding(request.Line, "url-section",
                    $"{request.Method} {request.RawPath} addresses {pathResource}, but the section \"{request.Section}\" shows a {body.Element} payload for it"));
            }

            // The XML and JSON examples of one section show the same request; their URLs should agree.
            var twin = body?.Element is null ? null : content.Requests.FirstOrDefault(o => o != request && o.Section == request.Section && o.Method == request.Method
                && (o.ResponseBody ?? o.RequestBody)?.Element == body.Element && Shape(o.RawPath) != Shape(request.RawPath) && o.Line > request.Line);
            if (twin is not null)
            {
                findings.Add(new Finding(request.Line, "url-section",
                    $"{request.Method} {request.RawPath} here, but the same section's other example (l. {twin.Line}) uses {twin.RawPath}"));
            }

            if (request.Method == "GET" && request.Status is { } status && status != 200)
            {
                findings.Add(new Finding(request.StatusLine, "status", $"GET {request.RawPath} is answered \"{status}\"; a GET that returns a body answers 200"));
            }

            // A placeholder that names a phone system (media switch) where the path addresses another object.
            var segments = request.Segments;
            for (int i = 1; i < segments.Count; i++)
            {
                string segment = segments[i];
                if (!segment.StartsWith('<'))
                {
                    continue;
                }

                string collection = segments[i - 1].ToLowerInvariant();
                var note = content.Notes.FirstOrDefault(n => n.Placeholder == segment && n.Line > request.Line - 10 && n.Line < request.Line + 10);
                bool namesSwitch = segment.Contains("mediaswitch", StringComparison.OrdinalIgnoreCase)
                    || (note is not null && note.Meaning.Contains("phone system", StringComparison.OrdinalIgnoreCase) && request.Method != "POST");
                if (namesSwitch && collection != "phonesystems")
                {
                    findings.Add(new Finding(request.Line, "url-placeholder",
                        $"{request.Method} {request.RawPath}: {segment} " + (note is null ? "names a media switch" : $"is \"the id of your {note.Meaning}\" (l. {note.Line})") +
                        $", but after /{segments[i - 1]}/ the id addresses a {extraction.Resources.FirstOrDefault(r => r.Plural == collection)?.Element ?? collection} object"));
                }
            }
        }

        for (int i = 1; i <= extraction.Page.Lines.Length; i++)
        {
            if (TrailingPeriodRegex().IsMatch(extraction.Page.Line(i)))
            {
                findings.Add(new Finding(i, "url-syntax", $"the URL ends with a period: '{extraction.Page.Line(i).Trim()}'"));
            }
        }
    }

    private static string Shape(string rawPath) => Regex.Replace(rawPath, "<[^>]*>", "{}");
}
