using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CupiGen.Emulator.Tables;

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
/// The CUPI behaviour, driven by the served models' tables only: routes and nesting from their endpoints and
/// client placement, rules from the runtime's rule engine (<see cref="CupiValidator"/>), values through the
/// runtime's readers and writers (<see cref="CupiTableSerializer"/>). One lock; every request is atomic.
/// </summary>
internal sealed partial class EmulatorEngine
{
    private readonly Lock _gate = new();
    private readonly Store _store;

    public EmulatorEngine(RouteTable routes, string? statePath, string version)
    {
        Routes = routes;
        StatePath = statePath;
        Version = version;
        _store = new Store(routes);
        if (statePath is not null && System.IO.File.Exists(statePath))
        {
            _store.Load(System.IO.File.ReadAllBytes(statePath));
        }
        else
        {
            _store.Reseed();
            if (statePath is not null)
            {
                _store.Save(statePath);
            }
        }
    }

    public RouteTable Routes { get; }

    public string? StatePath { get; }

    public string Version { get; }

    /// <summary>The host name this server gives itself in <c>/vmrest/vmsservers</c>.</summary>
    public string ServerName { get; set; } = "127.0.0.1";

    // ------------------------------------------------------------------ request handling

    public EmulatorResponse Handle(EmulatorRequest request)
    {
        try
        {
            if (SystemEndpoint(request) is { } answered)
            {
                return answered;
            }

            var path = RouteTable.Split(request.Path);
            CupiHttpMethod method = request.Method switch
            {
                "GET" => CupiHttpMethod.Get,
                "POST" => CupiHttpMethod.Post,
                "PUT" => CupiHttpMethod.Put,
                "DELETE" => CupiHttpMethod.Delete,
                _ => throw new Refusal(405, "METHOD_NOT_ALLOWED", $"{request.Method} is not supported on {request.Path}"),
            };

            var route = Routes.Match(method, path, out var values, out var methodMismatch);
            if (route is null)
            {
                throw methodMismatch
                    ? new Refusal(405, "METHOD_NOT_ALLOWED", $"{request.Method} is not supported on {request.Path}")
                    : Refusal.NotFound($"No CUPI resource at {request.Path}");
            }

            if (route.Endpoint.RequestBody == CupiBodyKind.Object && route.Kind is RouteKind.Create or RouteKind.Update && request.BodyFormat is null)
            {
                // CUPI reads a request body only with its media type (Content-Type application/xml or application/json).
                throw new Refusal(415, "UNSUPPORTED_MEDIA_TYPE", "The request body needs a Content-Type of application/xml or application/json");
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
                    _ => Act(route, values),
                };
                if (route.Kind != RouteKind.List && route.Kind != RouteKind.Get && StatePath is not null)
                {
                    _store.Save(StatePath);
                }

                return response;
            }
        }
        catch (Refusal ex)
        {
            return Error(request.ResponseFormat, ex.Status, ex.Code, ex.Message);
        }
        catch (CupiFormatException ex)
        {
            // A body the readers cannot read is the client's mistake: 400, never 500.
            return Error(request.ResponseFormat, 400, "INVALID_PARAMETER", ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A fault of the emulator itself: say so, as a server's 500 would, without the request's values.
            return Error(request.ResponseFormat, 500, "INTERNAL_ERROR", "The emulator failed: " + ex.GetType().Name + " at " + (ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "?"));
        }
    }

    public static EmulatorResponse Error(CupiWireFormat format, int status, string code, string message) =>
        new(status, ErrorBody.Write(format, code, message), ContentType(format));

    public static string ContentType(CupiWireFormat format) =>
        format == CupiWireFormat.Json ? "application/json" : "application/xml";

    private EmulatorResponse List(Route route, Dictionary<string, string> values, EmulatorRequest request)
    {
        var resource = route.Resource;
        // Under an unknown parent a real server answers an empty list, not 404.
        IEnumerable<ICupiModel> matches = _store.Objects(resource).Where(o => MatchesPath(route, values, o));
        var endpoint = route.Endpoint;
        if (endpoint.TakesQuery("query") && request.Query.TryGetValue("query", out var query) && query.Length > 0)
        {
            matches = Filter(resource, matches, query);
        }

        if (endpoint.TakesQuery("sort") && request.Query.TryGetValue("sort", out var sort) && sort.Length > 0)
        {
            matches = Sort(resource, matches, sort);
        }

        var all = matches.ToList();
        var page = Page(endpoint, request, all);
        var body = request.ResponseFormat == CupiWireFormat.Json
            ? CupiTableSerializer.ListToJson(resource.Info, page, all.Count)
            : XmlDeclaration + CupiTableSerializer.ListToXml(resource.Info, page, all.Count);
        return new EmulatorResponse(200, body, ContentType(request.ResponseFormat));
    }

    private EmulatorResponse Get(Route route, Dictionary<string, string> values, EmulatorRequest request) =>
        Object(Find(route, values), request.ResponseFormat);

    private static EmulatorResponse Object(ICupiModel model, CupiWireFormat format) =>
        new(200, format == CupiWireFormat.Json ? CupiTableSerializer.ToJson(model) : XmlDeclaration + CupiTableSerializer.ToXml(model), ContentType(format));

    private EmulatorResponse Create(Route route, Dictionary<string, string> values, EmulatorRequest request)
    {
        var resource = route.Resource;
        var bound = Bound(route, values);
        var body = ReadBody(resource, request);
        foreach (var field in resource.Info.Fields.Where(f => Values.IsPresent(body, f)))
        {
            if (bound.FirstOrDefault(b => b.Binding.Field == field) is { Binding: not null } pathSays)
            {
                // The related id may come in the body too (the codec example sends its port group), but it must be the path's.
                var given = Values.Get(body, field)?.Trim() ?? string.Empty;
                if (given.Length > 0 && !string.Equals(given, pathSays.Id, StringComparison.OrdinalIgnoreCase))
                {
                    throw Refusal.Invalid($"{field.WireName}: '{given}' is not the {pathSays.Binding.Target.Name} of the request's path ({pathSays.Id})");
                }

                continue;
            }

            if (field.Access == CupiFieldAccess.ReadOnly)
            {
                throw Refusal.Invalid($"{field.WireName} is read-only: the server sets it, a create request cannot");
            }
        }

        var created = Values.Copy(body);
        foreach (var (binding, id, _) in bound)
        {
            Values.Set(created, binding.Field, id);
        }

        Check(resource, created, CupiOperation.Create);
        Complete(resource, created, bound.FirstOrDefault(b => b.Binding.IsParent).Object);
        _store.Objects(resource).Add(created);
        CreateDefaultChildren(resource, created);

        var uri = (resource.Uri is { } uriField ? Values.Get(created, uriField) : null) ?? ObjectUri(resource, created);
        return new EmulatorResponse(201, uri, "text/plain", uri);
    }

    private EmulatorResponse Update(Route route, Dictionary<string, string> values, EmulatorRequest request)
    {
        var resource = route.Resource;
        var found = Find(route, values);
        var body = ReadBody(resource, request);
        var merged = Values.Copy(found);
        Values.ApplyAsChanges(merged, body);
        Check(resource, merged, CupiOperation.Update);

        var changed = resource.Info.Fields.Any(f => Values.IsPresent(body, f) && Values.Get(body, f) != Values.Get(found, f));
        var objects = _store.Objects(resource);
        merged.FieldStore.AcceptChanges();
        objects[objects.IndexOf(found)] = merged;

        // A change takes effect only after the action a precondition guards (the document: a modified port group's
        // ResetStatusEnum becomes 100, Required, and reset is accepted only then).
        if (changed)
        {
            foreach (var guarded in resource.Endpoints.Where(e => e.RequiresField >= 0 && e.RequiresValue is not null))
            {
                var field = resource.Info.Fields[guarded.RequiresField];
                if (field.Access == CupiFieldAccess.ReadOnly)
                {
                    Values.Set(merged, field, guarded.RequiresValue);
                }
            }
        }

        return new EmulatorResponse(204, null, null);
    }

    private EmulatorResponse Delete(Route route, Dictionary<string, string> values)
    {
        var found = Find(route, values);
        Remove(route.Resource, found);
        return new EmulatorResponse(204, null, null);
    }

    // PUT …/reset: accepted only when the endpoint's precondition holds; the field then leaves the required value.
    private EmulatorResponse Act(Route route, Dictionary<string, string> values)
    {
        var resource = route.Resource;
        var found = Find(route, values);
        var endpoint = route.Endpoint;
        if (endpoint.RequiresField < 0 || endpoint.RequiresValue is not { } required)
        {
            return new EmulatorResponse(204, null, null);
        }

        var field = resource.Info.Fields[endpoint.RequiresField];
        var status = Values.Get(found, field) ?? string.Empty;
        if (status != required)
        {
            throw Refusal.Invalid($"The {resource.Name} cannot be sent {route.Action}: {field.WireName} is {(status.Length == 0 ? "not set" : status)}, and {route.Action} is accepted only when it is {required}");
        }

        Values.Set(found, field, Settled(field, required));
        return new EmulatorResponse(204, null, null);
    }

    // The value after the action: the enum's first other member (ResetStatusEnum 0, not required), false, or none.
    private static string? Settled(CupiFieldInfo field, string required) => field.Kind switch
    {
        CupiFieldKind.Enum => field.EnumValues.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(v => v != required) ?? "0",
        CupiFieldKind.Integer => "0",
        CupiFieldKind.Boolean => required == "true" ? "false" : "true",
        _ => null,
    };

    // ------------------------------------------------------------------ rules

    private ICupiModel ReadBody(Resource resource, EmulatorRequest request)
    {
        var body = request.Body.AsSpan().Trim("\r\n\t \uFEFF"u8);
        if (body.IsEmpty)
        {
            throw Refusal.Invalid($"The request has no {resource.Info.ElementName} body");
        }

        return request.BodyFormat == CupiWireFormat.Json
            ? CupiTableSerializer.FromJson(resource.Info, request.Body)
            : CupiTableSerializer.FromXml(resource.Info, request.Body);
    }

    /// <summary>
    /// The runtime's rule engine decides. A request is refused for every error, and for a field that does not
    /// apply to the object's kind (a warning to the client, which may not know the kind; the server knows it).
    /// Ids must name existing objects of the referenced model.
    /// </summary>
    private void Check(Resource resource, ICupiModel model, CupiOperation operation)
    {
        var context = new CupiValidationContext();
        foreach (var field in resource.Info.Fields.Where(f => f.References is not null))
        {
            if (Values.Get(model, field) is not { Length: > 0 } id || _store.Referenced(resource, field.References) is not { } target)
            {
                continue;
            }

            if (_store.FindById(target, id) is { } related)
            {
                context.Add<ICupiModel>(id, related);
            }
            else if (operation == CupiOperation.Create || model.FieldStore.IsChanged(field.Index))
            {
                throw Refusal.Invalid($"{field.WireName}: no {target.Name} has ObjectId '{id.Trim()}'");
            }
        }

        var result = CupiValidator.Validate(model, operation, context);
        var refused = result.Problems.Where(p => p.Severity == CupiSeverity.Error || p.Rule == CupiRule.AppliesTo).ToList();
        if (refused.Count > 0)
        {
            var message = string.Join("; ", refused.Select(p => p.Message));
            throw refused.All(p => p.Rule == CupiRule.Required) ? Refusal.Missing(message) : Refusal.Invalid(message);
        }
    }

    // ------------------------------------------------------------------ the store

    // The objects the path names besides the object itself; a create under an unknown one is 404.
    private List<(Binding Binding, string Id, ICupiModel Object)> Bound(Route route, Dictionary<string, string> values)
    {
        var bound = new List<(Binding, string, ICupiModel)>();
        foreach (var binding in route.Bindings)
        {
            var id = values[binding.Parameter];
            var found = _store.FindById(binding.Target, id) ?? throw Refusal.NotFound($"No {binding.Target.Name} with ObjectId '{id}'");
            bound.Add((binding, _store.IdOf(binding.Target, found), found));
        }

        return bound;
    }

    private ICupiModel Find(Route route, Dictionary<string, string> values)
    {
        var resource = route.Resource;
        values.TryGetValue("objectId", out var id);
        var found = _store.FindById(resource, id);
        if (found is null || !MatchesPath(route, values, found))
        {
            throw Refusal.NotFound($"No {resource.Name} with ObjectId '{id}'");
        }

        return found;
    }

    private static bool MatchesPath(Route route, Dictionary<string, string> values, ICupiModel model) =>
        route.Bindings.All(b => string.Equals(Values.Get(model, b.Field)?.Trim(), values[b.Parameter].Trim(), StringComparison.OrdinalIgnoreCase));

    // Deleting an object deletes the objects that live under it (a port group's servers and codecs).
    private void Remove(Resource resource, ICupiModel model)
    {
        var id = _store.IdOf(resource, model);
        _store.Objects(resource).Remove(model);
        foreach (var child in Routes.Resources.Where(r => r.Parent == resource && r.ParentField is not null))
        {
            foreach (var orphan in _store.Objects(child).Where(o => string.Equals(Values.Get(o, child.ParentField!), id, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                Remove(child, orphan);
            }
        }
    }

    private string ObjectUri(Resource resource, ICupiModel model)
    {
        var id = _store.IdOf(resource, model);
        if (RouteTable.ObjectRoute(resource) is not { } route)
        {
            return "/vmrest/" + resource.Info.ListElementName.ToLowerInvariant() + "/" + id;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["objectId"] = id };
        if (resource.ParentParameter is { } parameter && resource.ParentField is { } field)
        {
            values[parameter] = Values.Get(model, field) ?? string.Empty;
        }

        return route.Expand(values);
    }

    // Real servers put a declaration first; the client's readers accept it.
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    // ------------------------------------------------------------------ access for tests and the host

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Snapshot(string key)
    {
        var resource = _store.Find(key) ?? throw new ArgumentException($"No served model '{key}'.", nameof(key));
        lock (_gate)
        {
            return _store.Objects(resource).Select(o => (IReadOnlyDictionary<string, string>)Values.ToDictionary(o)).ToArray();
        }
    }

    public bool SetField(string key, string objectId, string wireName, string? value)
    {
        var resource = _store.Find(key) ?? throw new ArgumentException($"No served model '{key}'.", nameof(key));
        var field = resource.Info.FindField(wireName) ?? throw new ArgumentException($"{resource.Name} has no field '{wireName}'.", nameof(wireName));
        lock (_gate)
        {
            if (_store.FindById(resource, objectId) is not { } found)
            {
                return false;
            }

            Values.Set(found, field, value);
            if (StatePath is not null)
            {
                _store.Save(StatePath);
            }

            return true;
        }
    }

    /// <summary>Adds an object as a server would hold it (server fields completed); returns its ObjectId.</summary>
    public string Add(ICupiModel model)
    {
        var resource = Routes.Resources.FirstOrDefault(r => r.Info == model.ModelInfo)
            ?? throw new ArgumentException($"{model.ModelInfo} is not a served model.", nameof(model));
        lock (_gate)
        {
            var created = Values.Copy(model);
            var parent = resource.ParentField is { } parentField ? _store.FindById(resource.Parent!, Values.Get(created, parentField)) : null;
            Complete(resource, created, parent);
            _store.Objects(resource).Add(created);
            return _store.IdOf(resource, created);
        }
    }

    public void Save(string path)
    {
        lock (_gate)
        {
            _store.Save(path);
        }
    }

    public void Load(string path)
    {
        var bytes = System.IO.File.ReadAllBytes(path);
        lock (_gate)
        {
            _store.Load(bytes);
        }
    }

    public void Reseed()
    {
        lock (_gate)
        {
            _store.Reseed();
        }
    }
}
