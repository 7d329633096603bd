using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CupiGen.Emulator.Schema;

namespace CupiGen.Emulator.Engine;

/// <summary>One request, already authenticated, as the engine sees it.</summary>
internal sealed record EmulatorRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    byte[] Body,
    CupiWireFormat? BodyFormat,
    CupiWireFormat ResponseFormat);

/// <summary>What to answer: status, body and its content type, and the new object's URI for a create.</summary>
internal sealed record EmulatorResponse(int Status, string? Body, string? ContentType, string? Location = null);

/// <summary>
/// The CUPI behaviour: routes from the schema's endpoints, rules from the schema's fields, and the objects in
/// memory (one lock; every request is atomic). Values are stored as the canonical wire text of each field.
/// </summary>
internal sealed partial class EmulatorEngine
{
    private const string ObjectIdField = "ObjectId";
    private const string UriField = "URI";
    private const string ResetStatusField = "ResetStatusEnum";
    private const string ResetRequired = "100";
    private const string ResetNotRequired = "0";

    // Server-set links that name no schema resource.
    private static readonly Dictionary<string, string> ServerConstants = new(StringComparer.Ordinal)
    {
        ["PortURI"] = "/vmrest/ports/",
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IResourceCodec> _codecs;
    private Dictionary<string, List<Dictionary<string, string>>> _objects;

    public EmulatorEngine(SchemaModel schema, string? statePath)
    {
        Schema = schema;
        Routes = new RouteTable(schema);
        _codecs = ResourceCodec.ForSchema(schema);
        StatePath = statePath;
        _objects = Empty();
        if (statePath is not null && File.Exists(statePath))
        {
            _objects = ReadState(File.ReadAllBytes(statePath));
        }
        else
        {
            _objects = ReadSeed();
            if (statePath is not null)
            {
                WriteState(statePath);
            }
        }
    }

    public SchemaModel Schema { get; }

    public RouteTable Routes { get; }

    public string? StatePath { get; }

    // ------------------------------------------------------------------ request handling

    public EmulatorResponse Handle(EmulatorRequest request)
    {
        try
        {
            var path = RouteTable.Split(request.Path);
            var route = Routes.Match(request.Method, path, out var values, out var methodMismatch);
            if (route is null)
            {
                throw methodMismatch
                    ? new CupiApiException(405, "METHOD_NOT_ALLOWED", $"{request.Method} is not supported on {request.Path}")
                    : CupiApiException.NotFound($"No CUPI resource at {request.Path}");
            }

            lock (_gate)
            {
                var response = route.Kind switch
                {
                    RouteKind.List => List(route, values, request),
                    RouteKind.Get => Get(route, values, request),
                    RouteKind.Create => Create(route, values, request),
                    RouteKind.Update => Update(route, values, request),
                    RouteKind.Delete => Delete(route, values),
                    RouteKind.Action => Act(route, values),
                    _ => throw new InvalidOperationException(route.Kind.ToString()),
                };
                if (request.Method != "GET" && StatePath is not null)
                {
                    WriteState(StatePath);
                }

                return response;
            }
        }
        catch (CupiApiException ex)
        {
            return Error(request.ResponseFormat, ex.Status, ex.Code, ex.Message);
        }
        catch (CupiFormatException ex)
        {
            return Error(request.ResponseFormat, 400, "INVALID_PARAMETER", ex.Message);
        }
    }

    public static EmulatorResponse Error(CupiWireFormat format, int status, string code, string message) =>
        new(status, ErrorBody.Write(format, code, message), ContentType(format));

    public static string ContentType(CupiWireFormat format) =>
        format == CupiWireFormat.Json ? "application/json" : "application/xml";

    private EmulatorResponse List(Route route, Dictionary<string, string> values, EmulatorRequest request)
    {
        RequireParents(route, values);
        IEnumerable<Dictionary<string, string>> matches = Objects(route.Resource)
            .Where(o => MatchesParents(route, values, o));

        if (route.Endpoint.Query.Contains("query") && request.Query.TryGetValue("query", out var query) && query.Length > 0)
        {
            matches = Filter(route.Resource, matches, query);
        }

        if (route.Endpoint.Query.Contains("sort") && request.Query.TryGetValue("sort", out var sort) && sort.Length > 0)
        {
            matches = Sort(route.Resource, matches, sort);
        }

        var all = matches.ToList();
        var page = Page(route, request, all);
        var body = _codecs[route.Resource.Name].WriteList(page, all.Count, request.ResponseFormat);
        return new EmulatorResponse(200, body, ContentType(request.ResponseFormat));
    }

    private EmulatorResponse Get(Route route, Dictionary<string, string> values, EmulatorRequest request)
    {
        var found = Find(route, values);
        return new EmulatorResponse(200, _codecs[route.Resource.Name].Write(found, request.ResponseFormat), ContentType(request.ResponseFormat));
    }

    private EmulatorResponse Create(Route route, Dictionary<string, string> values, EmulatorRequest request)
    {
        var resource = route.Resource;
        var fields = ReadBody(route, request);
        foreach (var name in fields.Keys)
        {
            if (resource.Field(name)!.ReadOnly)
            {
                throw new CupiApiException(400, "INVALID_PARAMETER", $"{name} is read-only: the server sets it, a create request cannot");
            }
        }

        // The parent named in the path (the port group, the phone system) wins over the body.
        foreach (var parent in route.Parents)
        {
            var id = values[parent.Parameter];
            var owner = FindById(parent.Parent, id)
                ?? throw CupiApiException.NotFound($"No {parent.Parent.Name} with ObjectId '{id}'");
            fields[parent.Field.Name] = owner[ObjectIdField];
        }

        foreach (var required in resource.RequiredOnCreate)
        {
            if (!fields.TryGetValue(required, out var value) || value.Trim().Length == 0)
            {
                throw new CupiApiException(400, "MISSING_PARAMETER", $"{required} is required to create a {resource.Name}");
            }
        }

        CheckValues(resource, fields);
        CheckReferences(resource, fields);
        CheckAppliesTo(resource, fields, fields);
        CheckConsistency(resource, fields);

        var created = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ObjectIdField] = Guid.NewGuid().ToString("D"),
        };
        foreach (var (name, value) in fields)
        {
            created[name] = value;
        }

        FillDefaults(resource, created);
        FillServerFields(resource, created);
        Objects(resource).Add(created);
        CreateDefaultChildren(resource, created);

        var uri = created.GetValueOrDefault(UriField) ?? ObjectUri(resource, created);
        return new EmulatorResponse(201, uri, "text/plain", uri);
    }

    private EmulatorResponse Update(Route route, Dictionary<string, string> values, EmulatorRequest request)
    {
        var resource = route.Resource;
        var found = Find(route, values);
        var fields = ReadBody(route, request);
        foreach (var name in fields.Keys)
        {
            var rule = resource.Field(name)!;
            if (rule.ReadOnly)
            {
                throw Invalid($"{name} is read-only: the server sets it, an update cannot");
            }

            if (rule.CreateOnly)
            {
                throw Invalid($"{name} can only be set when the {resource.Name} is created");
            }
        }

        CheckValues(resource, fields);
        CheckReferences(resource, fields);
        var merged = new Dictionary<string, string>(found, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            merged[name] = value;
        }

        CheckAppliesTo(resource, fields, merged);
        CheckConsistency(resource, merged);

        var changed = fields.Any(f => !found.TryGetValue(f.Key, out var old) || old != f.Value);
        foreach (var (name, value) in fields)
        {
            found[name] = value;
        }

        // A configuration change takes effect only after a reset.
        if (changed && resource.Field(ResetStatusField) is not null)
        {
            found[ResetStatusField] = ResetRequired;
        }

        return new EmulatorResponse(204, null, null);
    }

    private EmulatorResponse Delete(Route route, Dictionary<string, string> values)
    {
        var found = Find(route, values);
        Remove(route.Resource, found[ObjectIdField]);
        return new EmulatorResponse(204, null, null);
    }

    // PUT …/reset: accepted only when the object needs it (the endpoint's "requires", or ResetStatusEnum 100
    // by the document's note); the status then returns to the enum's first member (0, reset not required).
    private EmulatorResponse Act(Route route, Dictionary<string, string> values)
    {
        var found = Find(route, values);
        var (field, required) = route.Endpoint.Requires ?? (ResetStatusField, ResetRequired);
        var rule = route.Resource.Field(field);
        if (!string.Equals(route.Action, "reset", StringComparison.OrdinalIgnoreCase) || rule is null)
        {
            throw new CupiApiException(501, "NOT_IMPLEMENTED", $"The emulator does not implement '{route.Action}'");
        }

        var status = found.GetValueOrDefault(field, ResetNotRequired);
        if (status != required)
        {
            var why = status switch
            {
                "101" => "a reset is already in progress",
                ResetNotRequired => "no reset is required",
                _ => "unexpected status",
            };
            throw Invalid($"The {route.Resource.Name} cannot be reset: {field} is {status} ({why}); a reset is accepted only at {required}");
        }

        found[field] = rule.AllowedValues is { Count: > 0 } members ? members[0] : ResetNotRequired;
        return new EmulatorResponse(204, null, null);
    }

    // ------------------------------------------------------------------ rules from the schema

    private Dictionary<string, string> ReadBody(Route route, EmulatorRequest request)
    {
        if (request.Body.Length == 0 || request.Body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            throw Invalid($"The request has no {route.Resource.Element} body");
        }

        var format = request.BodyFormat ?? Sniff(request.Body);
        return _codecs[route.Resource.Name].Read(request.Body, format);
    }

    private static CupiWireFormat Sniff(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'<' ? CupiWireFormat.Xml : CupiWireFormat.Json;
        }

        return CupiWireFormat.Xml;
    }

    private static void CheckValues(ResourceSpec resource, Dictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
        {
            var rule = resource.Field(name)!;
            var shown = rule.Secret ? "the value" : $"'{value}'";
            switch (rule.Kind)
            {
                case FieldKind.Integer:
                    if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    {
                        throw Invalid($"{name}: {shown} is not an integer");
                    }

                    if (rule.AllowedValues is { } allowedNumbers && !allowedNumbers.Contains(value))
                    {
                        throw Invalid($"{name}: {value} is not allowed (allowed: {string.Join(", ", allowedNumbers)})");
                    }

                    if (number < rule.Minimum || number > rule.Maximum)
                    {
                        throw Invalid($"{name}: {value} is outside the range {rule.Minimum}..{rule.Maximum}");
                    }

                    break;
                case FieldKind.Boolean:
                    if (value is not ("true" or "false"))
                    {
                        throw Invalid($"{name}: {shown} is not a boolean");
                    }

                    break;
                default:
                    if (rule.MaxLength is int max && value.Length > max)
                    {
                        throw Invalid($"{name}: {value.Length} characters is longer than the maximum of {max}");
                    }

                    if (rule.MinLength is int min && value.Length < min)
                    {
                        throw Invalid($"{name}: {value.Length} characters is shorter than the minimum of {min}");
                    }

                    if (rule.Pattern is { } pattern && !pattern.IsMatch(value))
                    {
                        throw Invalid($"{name}: {shown} contains characters that are not allowed");
                    }

                    if (rule.IsUuid && value.Length > 0 && !Guid.TryParseExact(value, "D", out _))
                    {
                        throw Invalid($"{name}: {shown} is not an object id");
                    }

                    if (rule.AllowedValues is { } allowedTexts && !allowedTexts.Contains(value))
                    {
                        throw Invalid($"{name}: {shown} is not allowed (allowed: {string.Join(", ", allowedTexts)})");
                    }

                    break;
            }
        }
    }

    private void CheckReferences(ResourceSpec resource, Dictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
        {
            var rule = resource.Field(name)!;
            if (rule.References is { } target && value.Length > 0 && Schema.Find(target) is { } referenced && FindById(referenced, value) is null)
            {
                throw Invalid($"{name}: no {referenced.Name} has ObjectId '{value}'");
            }
        }
    }

    private static void CheckAppliesTo(ResourceSpec resource, Dictionary<string, string> written, Dictionary<string, string> merged)
    {
        foreach (var name in written.Keys)
        {
            var rule = resource.Field(name)!;
            if (rule.AppliesToField is { } decider && rule.AppliesToValues is { } allowed &&
                merged.TryGetValue(decider, out var actual) && !allowed.Contains(actual))
            {
                throw Invalid($"{name} applies only when {decider} is {string.Join(" or ", allowed)}, and it is {actual}");
            }
        }
    }

    // A referenced object's field must equal one of this object's (x-cupi-matches: the template's
    // CopyTelephonyIntegrationMethodEnum and TelephonyIntegrationMethodEnum). Without x-cupi-matches, a
    // referenced Copy<Field> is matched with <Field>.
    private void CheckConsistency(ResourceSpec resource, Dictionary<string, string> merged)
    {
        foreach (var rule in resource.Fields)
        {
            if (rule.References is not { } target || !merged.TryGetValue(rule.Name, out var id) || id.Length == 0 ||
                Schema.Find(target) is not { } referencedSpec || FindById(referencedSpec, id) is not { } referenced)
            {
                continue;
            }

            var pairs = rule.Matches is { } declared
                ? [declared]
                : referencedSpec.Fields
                    .Where(f => f.Name.StartsWith("Copy", StringComparison.Ordinal) && resource.Field(f.Name["Copy".Length..]) is not null)
                    .Select(f => (Field: f.Name["Copy".Length..], LookupField: f.Name))
                    .ToList();
            foreach (var (own, lookup) in pairs)
            {
                if (referenced.TryGetValue(lookup, out var expected) && merged.TryGetValue(own, out var actual) && actual != expected)
                {
                    throw Invalid($"{own}: {actual} does not match {lookup} {expected} of the {referencedSpec.Name} {id} ({rule.Name})");
                }
            }
        }
    }

    private static void FillDefaults(ResourceSpec resource, Dictionary<string, string> created)
    {
        foreach (var rule in resource.Fields)
        {
            if (rule.Default is null || created.ContainsKey(rule.Name))
            {
                continue;
            }

            if (rule.AppliesToField is { } decider && rule.AppliesToValues is { } allowed &&
                (!created.TryGetValue(decider, out var actual) || !allowed.Contains(actual)))
            {
                continue;
            }

            created[rule.Name] = rule.Default;
        }
    }

    // Read-only fields the server fills: the object's URI, links to related objects and lists, display names
    // copied from the referenced object, counters at 0 and status enums at their first value.
    private void FillServerFields(ResourceSpec resource, Dictionary<string, string> created)
    {
        foreach (var rule in resource.Fields)
        {
            if (!rule.ReadOnly || created.ContainsKey(rule.Name))
            {
                continue;
            }

            var value = ServerValue(resource, rule, created);
            if (value is not null)
            {
                created[rule.Name] = value;
            }
        }
    }

    private string? ServerValue(ResourceSpec resource, FieldRule rule, Dictionary<string, string> created)
    {
        if (rule.Name == UriField)
        {
            return ObjectUri(resource, created);
        }

        if (ServerConstants.TryGetValue(rule.Name, out var constant))
        {
            return constant;
        }

        if (rule.Name.EndsWith(UriField, StringComparison.Ordinal) && Schema.Find(rule.Name[..^UriField.Length]) is { } linked)
        {
            // PhoneSystemURI: the referenced object's URI.
            var reference = resource.Fields.FirstOrDefault(f => f.References == linked.Name && created.ContainsKey(f.Name));
            if (reference is not null && FindById(linked, created[reference.Name]) is { } target)
            {
                return target.GetValueOrDefault(UriField) ?? ObjectUri(linked, target);
            }

            // PortGroupServerURI: the list of children under this object.
            var list = Routes.Canonical(linked, RouteKind.List);
            if (list is not null && list.Parents.Count == 1 && list.Parents[0].Parent == resource)
            {
                return list.Expand(new Dictionary<string, string> { [list.Parents[0].Parameter] = created[ObjectIdField] });
            }

            return null;
        }

        if (rule.Name.EndsWith("DisplayName", StringComparison.Ordinal) && rule.Name != "DisplayName")
        {
            // MediaSwitchDisplayName: the DisplayName of the object MediaSwitchObjectId names.
            var idField = resource.Field(rule.Name[..^"DisplayName".Length] + ObjectIdField);
            if (idField?.References is { } target && Schema.Find(target) is { } spec &&
                created.TryGetValue(idField.Name, out var id) && FindById(spec, id) is { } owner)
            {
                return owner.GetValueOrDefault("DisplayName");
            }

            return null;
        }

        if (rule.Kind == FieldKind.Integer)
        {
            return rule.AllowedValues is { Count: > 0 } members ? members[0] : "0";
        }

        return null;
    }

    private string ObjectUri(ResourceSpec resource, IReadOnlyDictionary<string, string> record)
    {
        var route = Routes.ObjectRoute(resource);
        if (route is null)
        {
            return "/vmrest/" + resource.ListElement.ToLowerInvariant() + "/" + record[ObjectIdField];
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["objectId"] = record[ObjectIdField] };
        foreach (var parent in route.Parents)
        {
            values[parent.Parameter] = record.GetValueOrDefault(parent.Field.Name, string.Empty);
        }

        return route.Expand(values);
    }

    // ------------------------------------------------------------------ the store

    private List<Dictionary<string, string>> Objects(ResourceSpec resource) => _objects[resource.Name];

    private Dictionary<string, string>? FindById(ResourceSpec resource, string id) =>
        Objects(resource).FirstOrDefault(o => string.Equals(o.GetValueOrDefault(ObjectIdField), id, StringComparison.OrdinalIgnoreCase));

    private Dictionary<string, string> Find(Route route, Dictionary<string, string> values)
    {
        RequireParents(route, values);
        var id = values["objectId"];
        var found = FindById(route.Resource, id);
        if (found is null || !MatchesParents(route, values, found))
        {
            throw CupiApiException.NotFound($"No {route.Resource.Name} with ObjectId '{id}'");
        }

        return found;
    }

    private void RequireParents(Route route, Dictionary<string, string> values)
    {
        foreach (var parent in route.Parents)
        {
            if (FindById(parent.Parent, values[parent.Parameter]) is null)
            {
                throw CupiApiException.NotFound($"No {parent.Parent.Name} with ObjectId '{values[parent.Parameter]}'");
            }
        }
    }

    private static bool MatchesParents(Route route, Dictionary<string, string> values, Dictionary<string, string> record) =>
        route.Parents.All(p => string.Equals(record.GetValueOrDefault(p.Field.Name), values[p.Parameter], StringComparison.OrdinalIgnoreCase));

    // Deleting an object deletes the objects that live under it (a port group's servers and codecs).
    private void Remove(ResourceSpec resource, string id)
    {
        Objects(resource).RemoveAll(o => string.Equals(o[ObjectIdField], id, StringComparison.OrdinalIgnoreCase));
        foreach (var (child, field) in Children(resource))
        {
            foreach (var orphan in Objects(child).Where(o => string.Equals(o.GetValueOrDefault(field.Name), id, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                Remove(child, orphan[ObjectIdField]);
            }
        }
    }

    private IEnumerable<(ResourceSpec Child, FieldRule Field)> Children(ResourceSpec resource) =>
        Routes.Routes.SelectMany(r => r.Parents.Where(p => p.Parent == resource).Select(p => (r.Resource, p.Field)))
            .Where(c => c.Resource != resource)
            .Distinct();

    private static CupiApiException Invalid(string message) => CupiApiException.Invalid(message);

    private static Dictionary<string, List<Dictionary<string, string>>> EmptyFor(SchemaModel schema) =>
        schema.Resources.Keys.ToDictionary(k => k, _ => new List<Dictionary<string, string>>(), StringComparer.Ordinal);

    private Dictionary<string, List<Dictionary<string, string>>> Empty() => EmptyFor(Schema);

    // ------------------------------------------------------------------ access for tests and the host

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Snapshot(string resourceName)
    {
        var resource = Schema.Find(resourceName) ?? throw new ArgumentException($"No resource '{resourceName}' in the schema.", nameof(resourceName));
        lock (_gate)
        {
            return Objects(resource).Select(o => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(o, StringComparer.Ordinal)).ToArray();
        }
    }

    public bool SetField(string resourceName, string objectId, string field, string? value)
    {
        var resource = Schema.Find(resourceName) ?? throw new ArgumentException($"No resource '{resourceName}' in the schema.", nameof(resourceName));
        if (resource.Field(field) is null)
        {
            throw new ArgumentException($"{resource.Name} has no field '{field}'.", nameof(field));
        }

        lock (_gate)
        {
            var found = FindById(resource, objectId);
            if (found is null)
            {
                return false;
            }

            if (value is null)
            {
                found.Remove(field);
            }
            else
            {
                found[field] = value;
            }

            if (StatePath is not null)
            {
                WriteState(StatePath);
            }

            return true;
        }
    }

    public void Save(string path)
    {
        lock (_gate)
        {
            WriteState(path);
        }
    }

    public void Load(string path)
    {
        var loaded = ReadState(File.ReadAllBytes(path));
        lock (_gate)
        {
            _objects = loaded;
        }
    }

    public void Reseed()
    {
        var seed = ReadSeed();
        lock (_gate)
        {
            _objects = seed;
        }
    }

    private void WriteState(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = full + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", StateFormat);
            json.WriteStartObject("objects");
            foreach (var (name, list) in _objects)
            {
                json.WriteStartArray(name);
                foreach (var record in list)
                {
                    json.WriteStartObject();
                    foreach (var (field, value) in record)
                    {
                        json.WriteString(field, value);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        File.Move(temporary, full, overwrite: true);
    }

    private const string StateFormat = "CupiEmulator.State/1";

    private Dictionary<string, List<Dictionary<string, string>>> ReadSeed()
    {
        using var stream = typeof(EmulatorEngine).Assembly.GetManifestResourceStream("seed.json")
            ?? throw new InvalidOperationException("The emulator was built without its seed data.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return ReadState(memory.ToArray());
    }

    private Dictionary<string, List<Dictionary<string, string>>> ReadState(byte[] utf8Json)
    {
        var objects = Empty();
        using var document = JsonDocument.Parse(utf8Json);
        if (!document.RootElement.TryGetProperty("objects", out var all) || all.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("Not a CUPI emulator state file: no \"objects\".");
        }

        foreach (var entry in all.EnumerateObject())
        {
            var resource = Schema.Find(entry.Name) ?? throw new InvalidDataException($"State file: '{entry.Name}' is not a schema resource.");
            foreach (var item in entry.Value.EnumerateArray())
            {
                var record = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in item.EnumerateObject())
                {
                    if (resource.Field(property.Name) is null)
                    {
                        throw new InvalidDataException($"State file: {resource.Name} has no field '{property.Name}'.");
                    }

                    record[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : SchemaModel.Canonical(property.Value);
                }

                if (!record.ContainsKey(ObjectIdField))
                {
                    throw new InvalidDataException($"State file: a {resource.Name} has no ObjectId.");
                }

                objects[resource.Name].Add(record);
            }
        }

        return objects;
    }
}
