using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CupiGen.Tool.Page;
using CupiGen.Tool.Schema;

namespace CupiGen.Tool.Extract;

/// <summary>What <see cref="SchemaExtractor"/> produced: the schema, where each fact came from, and what it could not place.</summary>
public sealed class Extraction
{
    public required JsonObject Schema { get; init; }
    public required Provenance Provenance { get; init; }
    public List<string> Warnings { get; } = new();
    /// <summary>Requests whose path names no resource the page shows a payload for (e.g. the lookups it points to).</summary>
    public List<string> Unplaced { get; } = new();
    public required CupiPage Page { get; init; }
    public required PageContent Content { get; init; }
    public required List<TableRow> Rows { get; init; }
    /// <summary>Resource model the schema was built from (for lint).</summary>
    public required List<ResourceModel> Resources { get; init; }
}

/// <summary>A resource as the page shows it: its examples, fields and requests.</summary>
public sealed class ResourceModel
{
    public required string Element { get; init; }
    public string? ListElement { get; set; }
    public int ListLine { get; set; }
    public required int FirstLine { get; init; }
    public List<ExampleObject> Examples { get; } = new();
    public List<TableRow> Rows { get; } = new();
    /// <summary>Table row for each wire name.</summary>
    public Dictionary<string, List<TableRow>> RowsByField { get; } = new(StringComparer.Ordinal);
    public List<string> Order { get; } = new();
    public List<RequestExample> Requests { get; } = new();
    public string Plural => (ListElement ?? Element + "s").ToLowerInvariant();
}

/// <summary>
/// Builds a CupiGen schema from a CUPI documentation page: resources from the example payloads, fields and their
/// types, lengths, access and comments from the data-field tables, rules from the comments' wording, fields the
/// tables lack from the examples, and endpoints from the request examples. Each fact is recorded with its line.
/// </summary>
public sealed partial class SchemaExtractor
{
    [GeneratedRegex(@"^String\s*\(\s*(?<n>\d+)\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex StringLengthRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidRegex();

    [GeneratedRegex(@"when the (?<field>\w+) field value is (?<value>\d+)")]
    private static partial Regex RequiresRegex();

    private readonly CupiPage _page;
    private readonly PageContent _content;
    private readonly List<TableRow> _rows;
    private readonly Provenance _provenance = new();
    private readonly List<string> _warnings = new();
    private readonly IProgress<string>? _progress;
    private readonly List<ResourceModel> _resources = new();
    // Enum definitions by name: members and the row they came from.
    private readonly List<(string Name, List<EnumMember> Members, TableRow Row, string Field)> _enums = new();
    private readonly Dictionary<(string Resource, string Field), string> _enumOfField = new();
    private readonly Dictionary<(string Resource, string Field), string> _referenceOf = new();

    private SchemaExtractor(CupiPage page, IProgress<string>? progress)
    {
        _page = page;
        _progress = progress;
        _content = PageContent.Read(page, progress);
        _rows = DataTable.Read(page);
    }

    public static Extraction Extract(CupiPage page, string @namespace, string schemaFileName, IProgress<string>? progress = null)
    {
        var extractor = new SchemaExtractor(page, progress);
        var schema = extractor.Build(@namespace, schemaFileName);
        var extraction = new Extraction
        {
            Schema = schema,
            Provenance = extractor._provenance,
            Page = page,
            Content = extractor._content,
            Rows = extractor._rows,
            Resources = extractor._resources,
        };
        extraction.Warnings.AddRange(extractor._warnings);
        extraction.Unplaced.AddRange(extractor._unresolved.Distinct());
        return extraction;
    }

    private static Source PageFact(int line, string rule) => new(Source.PageOrigin, line, rule);

    private static Source Convention(string rule) => new(Source.ConventionOrigin, 0, rule);

    private void Put(JsonObject parent, string parentPointer, string key, JsonNode? value, Source source)
    {
        parent[key] = value;
        _provenance.Record(parentPointer + "/" + Provenance.Escape(key), source);
    }

    private JsonObject Build(string @namespace, string schemaFileName)
    {
        if (_content.Objects.Count == 0 && _rows.Count == 0)
        {
            throw new PageFormatException($"{_page.Name}: no data-field table and no XML or JSON example was found; nothing to extract");
        }

        FindResources();
        AssignRows();
        foreach (var resource in _resources)
        {
            MergeOrder(resource);
        }

        AssignRequests();
        _progress?.Report($"{_page.Name}: {_resources.Count} resources, {_rows.Count} table rows, {_content.Objects.Count} example objects, {_content.Requests.Count} requests");

        var doc = new JsonObject();
        Put(doc, "", "$schema", "https://json-schema.org/draft/2020-12/schema", Convention("JSON Schema draft 2020-12"));
        Put(doc, "", "$id", "https://cupigen.local/schema/" + schemaFileName, Convention("$id from the output file name"));
        Put(doc, "", "title", "Cisco Unity Connection CUPI - " + _page.Title, PageFact(HeaderLine(), "page header"));
        Put(doc, "", "x-cupi-namespace", @namespace, Convention("--namespace"));
        Put(doc, "", "x-cupi-source", _page.Header, PageFact(HeaderLine(), "page header"));
        var defs = new JsonObject();
        Put(doc, "", "$defs", defs, Convention("$defs"));

        CollectEnums();
        foreach (var resource in _resources)
        {
            defs[resource.Element] = BuildResource(resource, "/$defs/" + Provenance.Escape(resource.Element));
        }

        foreach (var (name, members, row, _) in _enums)
        {
            defs[name] = BuildEnum(name, members, row);
        }

        SchemaWriter.Canonicalize(doc);
        return doc;
    }

    private int HeaderLine()
    {
        for (int i = 1; i <= _page.Lines.Length; i++)
        {
            if (_page.IsPageHeader(i))
            {
                return i;
            }
        }

        return 0;
    }

    // ------------------------------------------------------------------ resources

    private void FindResources()
    {
        foreach (var obj in _content.Objects.Where(o => o.Element is not null).OrderBy(o => o.Line))
        {
            var resource = _resources.FirstOrDefault(r => r.Element == obj.Element);
            if (resource is null)
            {
                resource = new ResourceModel { Element = obj.Element!, FirstLine = obj.Line };
                _resources.Add(resource);
            }

            if (obj.ListElement is not null && resource.ListElement is null)
            {
                resource.ListElement = obj.ListElement;
                resource.ListLine = obj.Line;
            }

            resource.Examples.Add(obj);
        }

        // Bare JSON objects and XML fragments belong to the resource whose fields they share most.
        foreach (var obj in _content.Objects.Where(o => o.Element is null))
        {
            var best = BestResource(obj.Fields.Select(f => f.Name));
            if (best is null)
            {
                _warnings.Add($"{_page.Name}({obj.Line}): an example whose fields match no resource was skipped");
                continue;
            }

            obj.Element = best.Element;
            best.Examples.Add(obj);
        }

        if (_resources.Count == 0)
        {
            throw new PageFormatException($"{_page.Name}: no example payload names a resource element (such as <PortGroup>); nothing to extract");
        }
    }

    private ResourceModel? BestResource(IEnumerable<string> names)
    {
        var set = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _resources
            .Select(r => (r, score: r.Examples.SelectMany(e => e.Fields).Select(f => f.Name).Distinct().Count(set.Contains)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score)
            .Select(x => x.r)
            .FirstOrDefault();
    }

    /// <summary>Each table row goes to the resource whose examples share most of the table's names; a row's wire name is the example spelling.</summary>
    private void AssignRows()
    {
        foreach (var table in _rows.GroupBy(r => r.Table))
        {
            var resource = BestResource(table.Select(r => r.Name)) ?? _resources[0];
            var wireNames = resource.Examples.SelectMany(e => e.Fields).Select(f => f.Name).Distinct().ToList();
            foreach (var row in table)
            {
                resource.Rows.Add(row);
                string wire = MatchWireName(row.Name, wireNames) ?? row.Name;
                if (!resource.RowsByField.TryGetValue(wire, out var list))
                {
                    resource.RowsByField[wire] = list = new List<TableRow>();
                }

                list.Add(row);
            }
        }
    }

    /// <summary>The example spelling of a table name: exact, by case, with or without an "Enum" suffix, or one letter off.</summary>
    public static string? MatchWireName(string tableName, IReadOnlyCollection<string> wireNames)
    {
        if (wireNames.Contains(tableName))
        {
            return tableName;
        }

        return wireNames.FirstOrDefault(w => string.Equals(w, tableName, StringComparison.OrdinalIgnoreCase))
            ?? wireNames.FirstOrDefault(w => string.Equals(w, tableName + "Enum", StringComparison.OrdinalIgnoreCase))
            ?? wireNames.FirstOrDefault(w => w.Length > 6 && OneEditApart(w, tableName));
    }

    private static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            return a[(i + 1)..] == b[(i + 1)..];
        }

        return a.Length > b.Length ? a[(i + 1)..] == b[i..] : a[i..] == b[(i + 1)..];
    }

    /// <summary>
    /// The wire order: the fullest response first; a field another response adds goes after the field it follows
    /// there, a field only requests send goes before the field it precedes there; table-only fields go before the
    /// trailing *URI links.
    /// </summary>
    private static void MergeOrder(ResourceModel resource)
    {
        var order = resource.Order;
        var sequences = resource.Examples.Where(e => !e.IsRequest).OrderByDescending(e => e.Fields.Count).ThenBy(e => e.Line)
            .Select(e => (e, request: false))
            .Concat(resource.Examples.Where(e => e.IsRequest).OrderBy(e => e.Line).Select(e => (e, request: true)));
        foreach (var (example, request) in sequences)
        {
            var names = example.Fields.Select(f => f.Name).Distinct().ToList();
            for (int i = 0; i < names.Count; i++)
            {
                if (order.Contains(names[i]))
                {
                    continue;
                }

                int after = -1, before = -1;
                for (int p = i - 1; p >= 0 && after < 0; p--)
                {
                    after = order.IndexOf(names[p]);
                }

                for (int s = i + 1; s < names.Count && before < 0; s++)
                {
                    before = order.IndexOf(names[s]);
                }

                int at = request
                    ? (before >= 0 ? before : after >= 0 ? after + 1 : order.Count)
                    : (after >= 0 ? after + 1 : before >= 0 ? before : order.Count);
                order.Insert(at, names[i]);
            }
        }

        int links = order.Count;
        while (links > 0 && order[links - 1].EndsWith("URI", StringComparison.Ordinal))
        {
            links--;
        }

        foreach (var wire in resource.RowsByField.Keys.Where(k => !order.Contains(k)))
        {
            order.Insert(links++, wire);
        }
    }

    // ------------------------------------------------------------------ requests

    private sealed record EndpointModel(string Name, string Method, string Path, List<RequestExample> Examples)
    {
        public List<string> AlternatePaths { get; } = new();
    }

    private readonly Dictionary<string, List<EndpointModel>> _endpoints = new(StringComparer.Ordinal);
    private readonly List<string> _unresolved = new();

    // Collections the page spells differently from the element names ("rtpcodecsdefs"), learned from a request whose payload names the resource.
    private readonly Dictionary<string, ResourceModel> _segmentAliases = new(StringComparer.OrdinalIgnoreCase);

    private ResourceModel? ResourceOfSegment(string segment) =>
        _resources.FirstOrDefault(r => r.Plural == segment.ToLowerInvariant()) ?? _segmentAliases.GetValueOrDefault(segment);

    private void AssignRequests()
    {
        foreach (var request in _content.Requests)
        {
            var segments = request.Segments;
            if (segments.Count < 2 || segments[0] != "vmrest")
            {
                continue;
            }

            // Literal collection segments, and what each placeholder names.
            var template = new List<string> { "vmrest" };
            ResourceModel? current = null, parent = null;
            string? alternate = null;
            bool endsWithId = false;
            string? action = null;
            for (int i = 1; i < segments.Count; i++)
            {
                string seg = segments[i];
                if (seg.StartsWith('<'))
                {
                    bool more = i + 1 < segments.Count && ResourceOfSegment(segments[i + 1]) is not null;
                    string param = more && current is not null
                        ? char.ToLowerInvariant(current.Element[0]) + current.Element[1..] + "ObjectId"
                        : ParameterFor(request, seg);
                    template.Add("{" + param + "}");
                    endsWithId = !more;
                    continue;
                }

                var resource = ResourceOfSegment(seg);
                if (resource is null && i == segments.Count - 1 && !endsWithId)
                {
                    // A collection the page spells differently from its element names ("rtpcodecsdefs").
                    var body = request.ResponseBody ?? request.RequestBody;
                    resource = body is null ? null : _resources.FirstOrDefault(r => r.Element == body.Element);
                    if (resource is not null)
                    {
                        alternate = string.Join("/", template.Append(resource.Plural));
                        _segmentAliases[seg] = resource;
                    }
                }

                if (resource is null && endsWithId && i == segments.Count - 1)
                {
                    action = seg;   // "…/{objectId}/reset"
                    template.Add(seg.ToLowerInvariant());
                    continue;
                }

                if (resource is null)
                {
                    current = null;
                    template.Add(seg);
                    endsWithId = false;
                    continue;
                }

                parent = current;
                current = resource;
                template.Add(seg.ToLowerInvariant());
                endsWithId = false;
            }

            if (current is null)
            {
                _unresolved.Add($"{request.Method} {request.RawPath} (l. {request.Line})");
                continue;
            }

            string path = "/" + string.Join("/", template);
            string name = EndpointName(request.Method, endsWithId, action, template, parent is not null || template.Count(t => t.StartsWith('{')) > (endsWithId ? 1 : 0));
            if (!_endpoints.TryGetValue(current.Element, out var list))
            {
                _endpoints[current.Element] = list = new List<EndpointModel>();
            }

            var existing = list.FirstOrDefault(e => e.Method == request.Method && e.Path == path);
            if (existing is null)
            {
                existing = new EndpointModel(UniqueName(list, name), request.Method, path, new List<RequestExample>());
                list.Add(existing);
            }

            existing.Examples.Add(request);
            if (alternate is not null && !existing.AlternatePaths.Contains("/" + alternate))
            {
                existing.AlternatePaths.Add("/" + alternate);
            }

            current.Requests.Add(request);
        }
    }

    private static string UniqueName(List<EndpointModel> list, string name)
    {
        string candidate = name;
        for (int n = 2; list.Any(e => e.Name == candidate); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>A placeholder's parameter: what a note says it is the id of (for a POST, which cannot address itself), else objectId.</summary>
    private string ParameterFor(RequestExample request, string placeholder)
    {
        if (request.Method == "POST")
        {
            var note = _content.Notes.FirstOrDefault(n => string.Equals(n.Placeholder, placeholder, StringComparison.OrdinalIgnoreCase));
            if (note is not null)
            {
                string pascal = CommentRules.Pascal(CommentRules.Words(note.Meaning));
                return char.ToLowerInvariant(pascal[0]) + pascal[1..] + "ObjectId";
            }
        }

        return "objectId";
    }

    private static string EndpointName(string method, bool endsWithId, string? action, List<string> template, bool nested)
    {
        if (action is not null)
        {
            return CommentRules.Pascal(new[] { action });
        }

        string lastParam = template.LastOrDefault(t => t.StartsWith('{')) ?? "";
        return method switch
        {
            "GET" => endsWithId ? "Get" : "List",
            "POST" when endsWithId && lastParam != "{objectId}" =>
                "CreateFor" + char.ToUpperInvariant(lastParam[1]) + lastParam[2..^"ObjectId}".Length],
            "POST" => nested ? "Add" : "Create",
            "PUT" => "Update",
            "DELETE" => "Delete",
            _ => method,
        };
    }

    private static int EndpointRank(string name) => name switch
    {
        "List" => 0,
        "Get" => 1,
        "Create" => 2,
        "Add" => 3,
        _ when name.StartsWith("CreateFor", StringComparison.Ordinal) => 3,
        "Update" => 4,
        "Delete" => 5,
        _ => 6,
    };

    // ------------------------------------------------------------------ enums

    private void CollectEnums()
    {
        foreach (var resource in _resources)
        {
            foreach (var (wire, rows) in resource.RowsByField)
            {
                var row = rows.FirstOrDefault(r => CommentRules.Members(r.Comment).Count > 0);
                bool declaredBoolean = rows.Any(r => r.DataType.Equals("Boolean", StringComparison.OrdinalIgnoreCase));
                if (row is null || declaredBoolean)
                {
                    continue;
                }

                var members = CommentRules.Members(row.Comment);
                // Two fields listing the same values share one enum.
                var same = _enums.FirstOrDefault(e => e.Members.Select(m => (m.Value, m.Title.ToUpperInvariant()))
                    .SequenceEqual(members.Select(m => (m.Value, m.Title.ToUpperInvariant()))));
                string name = same.Name ?? (wire.EndsWith("Enum", StringComparison.Ordinal) ? wire[..^4] : wire);
                if (same.Name is null)
                {
                    _enums.Add((name, members, row, wire));
                }

                _enumOfField[(resource.Element, wire)] = name;
            }
        }

        // "CopyTelephonyIntegrationMethodEnum" holds the values of "TelephonyIntegrationMethodEnum".
        foreach (var resource in _resources)
        {
            foreach (var wire in resource.Order.Where(w => !resource.RowsByField.ContainsKey(w)))
            {
                var match = _enumOfField.Where(e => wire != e.Key.Field && wire.EndsWith(e.Key.Field, StringComparison.Ordinal)).Select(e => e.Value).FirstOrDefault();
                if (match is not null)
                {
                    _enumOfField[(resource.Element, wire)] = match;
                }
            }
        }
    }

    private JsonObject BuildEnum(string name, List<EnumMember> members, TableRow row)
    {
        string pointer = "/$defs/" + Provenance.Escape(name);
        var def = new JsonObject();
        Put(def, pointer, "type", "integer", PageFact(row.Line, "enum from the listed values"));
        string? description = EnumDescription(row.Comment);
        if (description is not null)
        {
            Put(def, pointer, "description", description, PageFact(row.Line, "first sentence of the comment"));
        }

        var oneOf = new JsonArray();
        foreach (var member in members)
        {
            oneOf.Add(new JsonObject { ["const"] = member.Value, ["title"] = member.Title, ["description"] = member.Description });
        }

        Put(def, pointer, "oneOf", oneOf, PageFact(row.Line, "enum members from the bullets"));
        return def;
    }

    private static string? EnumDescription(string comment)
    {
        string plain = CommentRules.Describe(comment);
        int dot = plain.IndexOf(". ", StringComparison.Ordinal);
        string first = dot < 0 ? plain : plain[..(dot + 1)];
        if (first.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var verb in new[] { "Shows ", "Specifies ", "Indicates " })
        {
            if (first.StartsWith(verb, StringComparison.Ordinal))
            {
                first = first[verb.Length..];
                return char.ToUpperInvariant(first[0]) + first[1..];
            }
        }

        return first;
    }

    // ------------------------------------------------------------------ fields

    private JsonObject BuildResource(ResourceModel resource, string pointer)
    {
        var def = new JsonObject();
        Put(def, pointer, "type", "object", Convention("a resource is an object"));
        Put(def, pointer, "x-cupi-element", resource.Element, PageFact(resource.FirstLine, "element name of the examples"));
        if (resource.ListElement is not null)
        {
            Put(def, pointer, "x-cupi-listElement", resource.ListElement, PageFact(resource.ListLine, "list element of the examples"));
        }
        else
        {
            Put(def, pointer, "x-cupi-listElement", resource.Element + "s", Convention("list element is the element name + s"));
        }

        Put(def, pointer, "additionalProperties", true, Convention("unknown fields are kept at run time"));

        var endpoints = _endpoints.GetValueOrDefault(resource.Element) ?? new List<EndpointModel>();
        var client = ClientFor(resource, endpoints);
        if (client is not null)
        {
            Put(def, pointer, "x-cupi-client", client, Convention("client placement from the paths"));
        }

        var creates = resource.Examples.Where(e => e.IsRequest && e.Method == "POST").ToList();
        bool writable = resource.Examples.Any(e => e.IsRequest);
        var properties = new JsonObject();
        string propsPointer = pointer + "/properties";
        foreach (var wire in resource.Order)
        {
            properties[wire] = BuildField(resource, wire, propsPointer + "/" + Provenance.Escape(wire), creates, writable);
        }

        if (creates.Count > 0)
        {
            var required = resource.Order.Where(w => creates.All(c => c.Fields.Any(f => f.Name == w))).ToList();
            if (required.Count > 0)
            {
                Put(def, pointer, "x-cupi-requiredOnCreate", new JsonArray(required.Select(r => (JsonNode)r).ToArray()),
                    PageFact(creates[0].Line, $"fields every create example sends ({creates.Count} examples)"));
            }
        }

        if (endpoints.Count > 0)
        {
            var array = new JsonArray();
            int index = 0;
            foreach (var endpoint in endpoints.OrderBy(e => EndpointRank(e.Name)))
            {
                array.Add(BuildEndpoint(endpoint, pointer + "/x-cupi-endpoints/" + index));
                index++;
            }

            Put(def, pointer, "x-cupi-endpoints", array, Convention("endpoints"));
        }

        Put(def, pointer, "properties", properties, Convention("properties"));
        return def;
    }

    private JsonObject? ClientFor(ResourceModel resource, List<EndpointModel> endpoints)
    {
        if (endpoints.Count == 0)
        {
            return null;
        }

        // Every path under another resource's id: the client sits under that resource's client.
        var first = endpoints[0].Path;
        var parentParam = Regex.Match(first, @"\{(?<p>\w+ObjectId)\}/" + Regex.Escape(resource.Plural));
        if (parentParam.Success && endpoints.All(e => e.Path.Contains("{" + parentParam.Groups["p"].Value + "}", StringComparison.Ordinal)))
        {
            string param = parentParam.Groups["p"].Value;
            string parentName = char.ToUpperInvariant(param[0]) + param[1..^"ObjectId".Length];
            string accessor = resource.Element.StartsWith(parentName, StringComparison.Ordinal) ? resource.Element[parentName.Length..] + "s" : resource.Element + "s";
            return new JsonObject { ["parent"] = parentName, ["parameter"] = param, ["accessor"] = accessor };
        }

        return new JsonObject { ["name"] = resource.ListElement ?? resource.Element + "s" };
    }

    private JsonObject BuildEndpoint(EndpointModel endpoint, string pointer)
    {
        var first = endpoint.Examples[0];
        var e = new JsonObject();
        Put(e, pointer, "name", endpoint.Name, PageFact(first.Line, "endpoint name from verb and path"));
        Put(e, pointer, "method", endpoint.Method, PageFact(first.Line, first.MethodFromProse ? "verb from the section's prose" : "verb of the request line"));
        Put(e, pointer, "path", endpoint.Path, PageFact(first.Line, "path of the request line, placeholders as parameters"));
        if (endpoint.AlternatePaths.Count > 0)
        {
            Put(e, pointer, "alternatePaths", new JsonArray(endpoint.AlternatePaths.Select(p => (JsonNode)p).ToArray()),
                PageFact(first.Line, "the path spelled as the element names spell it"));
        }

        bool list = endpoint.Method == "GET" && endpoint.Name == "List";
        if (list)
        {
            Put(e, pointer, "query", new JsonArray("rowsPerPage", "pageNumber", "query", "sort"), Convention("CUPI's paging and filtering parameters"));
        }

        foreach (var example in endpoint.Examples)
        {
            int from = _page.SectionLineAt(example.Line);
            var requires = _content.Prose.Where(p => p.Line >= from && p.Line < _page.SectionEndAfter(example.Line))
                .Select(p => (p.Line, m: RequiresRegex().Match(p.Text))).FirstOrDefault(x => x.m.Success);
            if (requires.m is not null && endpoint.Method != "GET")
            {
                Put(e, pointer, "requires", new JsonObject
                {
                    ["field"] = requires.m.Groups["field"].Value,
                    ["equals"] = int.Parse(requires.m.Groups["value"].Value, CultureInfo.InvariantCulture),
                }, PageFact(requires.Line, "precondition in the section's prose"));
                break;
            }
        }

        if (endpoint.Method is "POST" or "PUT")
        {
            var notRequired = endpoint.Examples.FirstOrDefault(x => x.BodyNotRequired);
            Put(e, pointer, "request", new JsonObject { ["body"] = notRequired is null ? "object" : "none" },
                PageFact(notRequired?.Line ?? first.Line, notRequired is null ? "request body" : "\"Request Body: Not required\""));
        }

        var withStatus = endpoint.Examples.FirstOrDefault(x => x.Status is not null);
        int status = endpoint.Method == "GET" ? 200 : withStatus?.Status ?? (endpoint.Method == "POST" ? 201 : 204);
        string body = endpoint.Method == "GET"
            ? (list ? "list" : "object")
            : status == 201 ? "uri" : status == 204 ? "none" : "object";
        Put(e, pointer, "response", new JsonObject { ["status"] = status, ["body"] = body },
            withStatus is not null && endpoint.Method != "GET"
                ? PageFact(withStatus.StatusLine, "response code")
                : PageFact(first.Line, endpoint.Method == "GET" ? "a GET answers 200 with a body" : "default status for the verb"));
        return e;
    }

    private JsonObject BuildField(ResourceModel resource, string wire, string pointer, List<ExampleObject> creates, bool writable)
    {
        var rows = resource.RowsByField.GetValueOrDefault(wire) ?? new List<TableRow>();
        var row = rows.FirstOrDefault();
        var values = resource.Examples.SelectMany(e => e.Fields.Where(f => f.Name == wire).Select(f => (Field: f, Example: e))).ToList();
        int firstLine = values.Count > 0 ? values.Min(v => v.Field.Line) : row?.Line ?? 0;
        var field = new JsonObject();

        // Type.
        string? enumName = _enumOfField.GetValueOrDefault((resource.Element, wire));
        string type;
        int? declaredLength = null;
        if (enumName is not null)
        {
            var enumRow = rows.FirstOrDefault(r => CommentRules.Members(r.Comment).Count > 0);
            Put(field, pointer, "$ref", "#/$defs/" + enumName, PageFact(enumRow?.Line ?? firstLine, enumRow is null ? "named like an enum field" : "values listed in the comment"));
            type = "enum";
        }
        else
        {
            var typed = rows.Select(r => (Row: r, Type: TableType(r.DataType, out int? length), Length: length)).FirstOrDefault(t => t.Type is not null);
            if (typed.Row is not null)
            {
                type = typed.Type!;
                declaredLength = typed.Length;
                Put(field, pointer, "type", type, PageFact(typed.Row.Line, $"Data Type '{typed.Row.DataType}'"));
            }
            else
            {
                type = InferType(values.Select(v => v.Field.Value));
                Put(field, pointer, "type", type, PageFact(firstLine, "typed from the example values"));
            }
        }

        bool isId = wire.EndsWith("ObjectId", StringComparison.Ordinal) && type == "string"
            && (declaredLength == 36 || (values.Count > 0 && values.Count(v => UuidRegex().IsMatch(v.Field.Value)) * 2 > values.Count));
        if (isId)
        {
            Put(field, pointer, "maxLength", 36, PageFact(declaredLength == 36 ? row!.Line : firstLine, declaredLength == 36 ? "String(36)" : "uuid values"));
            Put(field, pointer, "format", "uuid", PageFact(declaredLength == 36 ? row!.Line : firstLine, "an object id"));
        }

        // Description.
        if (row is not null)
        {
            Put(field, pointer, "description", CommentRules.Describe(row.Comment), PageFact(row.Line, "table comment"));
        }
        else
        {
            var bullet = BulletsOf(resource).FirstOrDefault(b => string.Equals(b.Name, wire, StringComparison.OrdinalIgnoreCase));
            if (bullet is not null)
            {
                Put(field, pointer, "description", bullet.Text, PageFact(bullet.Line, "parameter bullet"));
            }
            else if (firstLine > 0)
            {
                Put(field, pointer, "description", $"Not described in the page's data-field tables; seen in the examples (l. {firstLine}).", PageFact(firstLine, "example-only field"));
            }
        }

        string comment = row is null ? "" : string.Join(" ", rows.Select(r => r.Comment));
        int ruleLine = row?.Line ?? firstLine;

        if (!isId && type == "string")
        {
            int? words = row is null ? null : CommentRules.MaxLength(row.Comment);
            if (declaredLength is not null)
            {
                Put(field, pointer, "maxLength", declaredLength.Value, PageFact(row!.Line, $"Data Type '{row.DataType}'"));
            }
            else if (words is not null)
            {
                Put(field, pointer, "maxLength", words.Value, PageFact(row!.Line, "maximum length stated in words"));
            }

            var charset = row is null ? null : CommentRules.Charset(row.Comment);
            if (charset is not null)
            {
                Put(field, pointer, "pattern", CommentRules.CharsetPattern(charset), PageFact(row!.Line, "allowed characters"));
                Put(field, pointer, "x-cupi-charset", CommentRules.CharsetText(charset), PageFact(row!.Line, "allowed characters"));
            }
        }

        if (type == "integer" && row is not null && CommentRules.Range(row.Comment) is { } range)
        {
            Put(field, pointer, "minimum", range.Min, PageFact(row.Line, "range"));
            Put(field, pointer, "maximum", range.Max, PageFact(row.Line, "range"));
        }

        // "The value of the PreferredPacket SizeMS will be 10, 20, and 30."
        foreach (var (line, text) in _content.Prose)
        {
            string squeezed = text.Replace(" ", "", StringComparison.Ordinal);
            if (squeezed.Contains(wire, StringComparison.OrdinalIgnoreCase) && CommentRules.AllowedSet(text) is { } set)
            {
                Put(field, pointer, "enum", new JsonArray(set.Select(v => (JsonNode)v).ToArray()), PageFact(line, "allowed values in the prose"));
                if (row is null && field["description"] is JsonValue d && ((string?)d)!.StartsWith("Not described", StringComparison.Ordinal))
                {
                    Put(field, pointer, "description", text.Trim(), PageFact(line, "prose about the field"));
                }

                break;
            }
        }

        if (row is not null && CommentRules.Default(comment) is { } dflt && !dflt.Equals("NULL", StringComparison.OrdinalIgnoreCase))
        {
            JsonNode? value = type switch
            {
                "boolean" when bool.TryParse(dflt, out bool b) => b,
                "integer" or "enum" when long.TryParse(dflt, CultureInfo.InvariantCulture, out long n) => n,
                "string" => dflt,
                _ => null,
            };
            if (value is not null)
            {
                Put(field, pointer, "default", value, PageFact(row.Line, "\"Default value is …\""));
            }
        }

        if (row is not null && CommentRules.Pertinent(row.Comment) is { } pertinent)
        {
            PutPertinence(resource, field, pointer, pertinent, row.Line);
        }

        if (row is not null)
        {
            var applies = CommentRules.AppliesTo(row.Comment);
            if (applies.Count > 0 && AppliesValues(applies) is { } applied)
            {
                Put(field, pointer, "x-cupi-appliesTo", new JsonObject
                {
                    ["field"] = applied.Field,
                    ["in"] = new JsonArray(applied.Values.Select(v => (JsonNode)v).ToArray()),
                }, PageFact(row.Line, "applicability stated in the comment"));
            }
        }

        string? target = null;
        if (wire != "ObjectId" && wire.EndsWith("ObjectId", StringComparison.Ordinal))
        {
            target = ReferenceTarget(resource, wire, row);
            if (target is not null)
            {
                _referenceOf[(resource.Element, wire)] = target;
                Put(field, pointer, "x-cupi-references", target, PageFact(ruleLine, "object id named after a resource"));
            }
        }

        var aliases = rows.Select(r => r.Name).Where(n => n != wire)
            .Concat(BulletsOf(resource).Where(b => b.Name != wire && string.Equals(b.Name, wire, StringComparison.OrdinalIgnoreCase)).Select(b => b.Name))
            .Distinct().ToList();
        if (aliases.Count > 0)
        {
            int aliasLine = rows.FirstOrDefault(r => r.Name != wire)?.Line ?? BulletsOf(resource).First(b => b.Name == aliases[0]).Line;
            Put(field, pointer, "x-cupi-aliases", new JsonArray(aliases.Select(a => (JsonNode)a).ToArray()), PageFact(aliasLine, "another spelling of the wire name"));
        }

        // A password is never logged ("The password to use during SIP authentication. This field is encrypted.").
        if (type == "string" && (wire.Contains("Password", StringComparison.OrdinalIgnoreCase)
            || (row is not null && CommentRules.PlainText(row.Comment).StartsWith("The password", StringComparison.OrdinalIgnoreCase))))
        {
            Put(field, pointer, "x-cupi-secret", true, PageFact(ruleLine, "a password"));
        }

        // Access.
        bool sentInCreate = creates.Any(c => c.Fields.Any(f => f.Name == wire));
        bool sentOtherwise = resource.Examples.Any(e => (!e.IsRequest || e.Method != "POST") && e.Fields.Any(f => f.Name == wire));
        if (rows.Any(r => r.Operations.Equals("Read Only", StringComparison.OrdinalIgnoreCase)))
        {
            var readOnlyRow = rows.First(r => r.Operations.Equals("Read Only", StringComparison.OrdinalIgnoreCase));
            var state = StateFields(resource).FirstOrDefault(f => f.Field == wire);
            if (state.Field is not null)
            {
                // "reset a port group when the ResetStatusEnum field value is 100": state the server keeps, even if a create sends it.
                Put(field, pointer, "readOnly", true, PageFact(state.Line, "'Read Only', and an endpoint's precondition"));
            }
            else if (sentInCreate)
            {
                Put(field, pointer, "x-cupi-createOnly", true, PageFact(readOnlyRow.Line, "'Read Only', yet the create examples send it"));
            }
            else
            {
                Put(field, pointer, "readOnly", true, PageFact(readOnlyRow.Line, "'Read Only'"));
            }
        }
        else if (row is null)
        {
            if (wire.EndsWith("URI", StringComparison.Ordinal))
            {
                Put(field, pointer, "readOnly", true, PageFact(firstLine, "a link the server sets"));
            }
            else if (!writable)
            {
                Put(field, pointer, "readOnly", true, PageFact(firstLine, "no example writes this resource"));
            }
            else if (sentInCreate && !sentOtherwise)
            {
                Put(field, pointer, "x-cupi-createOnly", true, PageFact(firstLine, "sent only in create requests"));
            }
            else if (target is not null && target == ParentOf(resource) && !resource.Examples.Any(e => e.IsRequest && e.Fields.Any(f => f.Name == wire)))
            {
                // The parent's id is in every path and no request sends it: the path sets it.
                Put(field, pointer, "readOnly", true, PageFact(firstLine, "the parent's id, set by the path"));
            }
        }

        return field;
    }

    /// <summary>Fields an endpoint's precondition names ("when the ResetStatusEnum field value is 100").</summary>
    private IEnumerable<(string Field, int Line)> StateFields(ResourceModel resource)
    {
        foreach (var endpoint in _endpoints.GetValueOrDefault(resource.Element) ?? new List<EndpointModel>())
        {
            foreach (var example in endpoint.Examples.Where(e => e.Method != "GET"))
            {
                int from = _page.SectionLineAt(example.Line);
                foreach (var (line, text) in _content.Prose.Where(p => p.Line >= from && p.Line < _page.SectionEndAfter(example.Line)))
                {
                    var m = RequiresRegex().Match(text);
                    if (m.Success)
                    {
                        yield return (m.Groups["field"].Value, line);
                    }
                }
            }
        }
    }

    /// <summary>The resource whose id every one of this resource's paths starts under, if any.</summary>
    private string? ParentOf(ResourceModel resource) =>
        ClientFor(resource, _endpoints.GetValueOrDefault(resource.Element) ?? new List<EndpointModel>()) is { } client ? (string?)client["parent"] : null;

    /// <summary>Parameter bullets of the sections where the resource's create requests are.</summary>
    private IEnumerable<ParameterBullet> BulletsOf(ResourceModel resource)
    {
        var sections = resource.Examples.Where(e => e.IsRequest && e.Method == "POST").Select(e => e.Section)
            .Concat(resource.Requests.Where(r => r.Method == "POST").Select(r => r.Section))
            .ToHashSet(StringComparer.Ordinal);
        return _content.Bullets.Where(b => sections.Contains(b.Section));
    }

    private void PutPertinence(ResourceModel resource, JsonObject field, string pointer, Pertinence pertinent, int line)
    {
        if (pertinent.Field is not null && resource.Order.Contains(pertinent.Field))
        {
            JsonNode equals = bool.TryParse(pertinent.EqualsText, out bool b) ? b
                : long.TryParse(pertinent.EqualsText, CultureInfo.InvariantCulture, out long n) ? n : pertinent.EqualsText!;
            Put(field, pointer, "x-cupi-pertinentWhen", new JsonObject { ["field"] = pertinent.Field, ["equals"] = equals }, PageFact(line, "\"pertinent only if …\""));
            return;
        }

        if (pertinent.Phrase is null)
        {
            return;
        }

        // "pertinent only if SIP security profile is 5061/TLS": the field that holds that object's id.
        var holder = resource.RowsByField.FirstOrDefault(r => r.Value.Any(x =>
            string.Equals(CommentRules.ObjectIdPhrase(x.Comment), pertinent.Phrase, StringComparison.OrdinalIgnoreCase)));
        if (holder.Key is null)
        {
            _warnings.Add($"{_page.Name}({line}): \"pertinent {pertinent.Text}\" names no field; kept in the description only");
            return;
        }

        Put(field, pointer, "x-cupi-pertinentWhen", new JsonObject
        {
            ["field"] = holder.Key,
            ["lookup"] = CommentRules.Pascal(CommentRules.Words(pertinent.Phrase)),
            ["text"] = pertinent.Text,
        }, PageFact(line, "\"pertinent only if <object> is …\""));
    }

    private (string Field, List<int> Values)? AppliesValues(List<string> names)
    {
        foreach (var (name, members, _, wire) in _enums)
        {
            var values = names.Select(n => members.FirstOrDefault(m => m.Description.Contains("(" + n + ")", StringComparison.Ordinal))?.Value).ToList();
            if (values.All(v => v is not null))
            {
                var owner = _enumOfField.First(e => e.Value == name && e.Key.Field == wire);
                return (owner.Key.Field, values.Select(v => v!.Value).ToList());
            }
        }

        return null;
    }

    private string? ReferenceTarget(ResourceModel resource, string wire, TableRow? row)
    {
        string stem = wire[..^"ObjectId".Length];
        foreach (var candidate in new[] { stem, stem.StartsWith("Media", StringComparison.Ordinal) ? stem[5..] : stem })
        {
            if (_resources.Any(r => r.Element == candidate && r != resource) || (candidate == resource.Element && candidate != stem))
            {
                return candidate;
            }
        }

        string? phrase = row is null ? null : CommentRules.ObjectIdPhrase(row.Comment);
        return phrase is null ? null : CommentRules.Pascal(CommentRules.Words(phrase));
    }

    private static string? TableType(string dataType, out int? length)
    {
        length = null;
        var m = StringLengthRegex().Match(dataType);
        if (m.Success)
        {
            length = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            return "string";
        }

        return dataType.ToLowerInvariant() switch
        {
            "string" => "string",
            "integer" or "int" or "long" => "integer",
            "boolean" or "bool" => "boolean",
            _ => null,
        };
    }

    /// <summary>boolean when most values are true/false, integer when they are whole numbers, else string.</summary>
    public static string InferType(IEnumerable<string> rawValues)
    {
        var values = rawValues.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count == 0)
        {
            return "string";
        }

        int booleans = values.Count(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase));
        int integers = values.Count(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        // Misprinted values (">true") lose to the well-formed majority.
        if (booleans * 2 > values.Count)
        {
            return "boolean";
        }

        return integers == values.Count ? "integer" : "string";
    }
}
