using System;
using System.Collections.Generic;
using System.Linq;

namespace CupiGen.Emulator.Tables;

/// <summary>What a route does, from its endpoint's method and bodies.</summary>
internal enum RouteKind
{
    List,
    Get,
    Create,
    Update,
    Delete,
    Action,
}

/// <summary>
/// One served model: its generated table, its endpoints, and where it nests (a port group's servers live under
/// <c>/vmrest/portgroups/{portGroupObjectId}</c>: the client placement names the parent and the path parameter,
/// and the model's field that references the parent holds the parent's id).
/// </summary>
internal sealed class Resource
{
    public Resource(CupiModelInfo info)
    {
        Info = info;
        ObjectId = info.FindField("ObjectId");
        Uri = info.FindField("URI");
    }

    public CupiModelInfo Info { get; }

    public string Name => Info.TypeName;

    /// <summary>The name the emulator's API (GetObjects, state files) uses: the type name, or the full name when two namespaces share it.</summary>
    public string Key { get; set; } = string.Empty;

    public IReadOnlyList<CupiEndpointInfo> Endpoints => Info.Endpoints;

    public CupiClientPlacement? Placement => Info.Client;

    public CupiFieldInfo? ObjectId { get; }

    public CupiFieldInfo? Uri { get; }

    /// <summary>The parent model, when the client placement nests this one.</summary>
    public Resource? Parent { get; set; }

    /// <summary>The path parameter the parent's id fills.</summary>
    public string? ParentParameter => Parent is null ? null : Placement?.Parameter;

    /// <summary>This model's field that holds the parent's id (the one whose references name the parent).</summary>
    public CupiFieldInfo? ParentField { get; set; }

    public List<Route> Routes { get; } = [];

    public CupiFieldInfo? FieldIgnoringCase(string name) =>
        Info.Fields.FirstOrDefault(f => string.Equals(f.WireName, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Info.ToString();
}

/// <summary>A path parameter that names a related object (<c>{portGroupObjectId}</c>, <c>{phoneSystemObjectId}</c>) and the field that holds its id.</summary>
internal sealed record Binding(string Parameter, Resource Target, CupiFieldInfo Field, bool IsParent);

/// <summary>One routable path (documented, alternate, or the GET an object URI always answers) of one endpoint.</summary>
internal sealed class Route
{
    public Route(Resource resource, CupiEndpointInfo endpoint, string template, RouteKind kind)
    {
        Resource = resource;
        Endpoint = endpoint;
        Template = template;
        Kind = kind;
        Segments = RouteTable.Split(template);
        LiteralCount = Segments.Count(s => !IsParameter(s));
        Action = kind == RouteKind.Action ? Segments[^1] : null;
    }

    public Resource Resource { get; }

    public CupiEndpointInfo Endpoint { get; }

    public string Template { get; }

    public RouteKind Kind { get; }

    public string[] Segments { get; }

    public int LiteralCount { get; }

    public string? Action { get; }

    /// <summary>The path parameters other than <c>{objectId}</c> and the fields they fill.</summary>
    public List<Binding> Bindings { get; } = [];

    public CupiHttpMethod Method => Kind switch
    {
        RouteKind.List or RouteKind.Get => CupiHttpMethod.Get,
        _ => Endpoint.Method,
    };

    public bool HasObjectId => Segments.Contains("{objectId}");

    public static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    public bool TryMatch(string[] path, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path.Length != Segments.Length)
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            var segment = Segments[i];
            if (IsParameter(segment))
            {
                if (path[i].Length == 0)
                {
                    return false;
                }

                values[segment[1..^1]] = Uri.UnescapeDataString(path[i]);
            }
            else if (!string.Equals(segment, path[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The path with its parameters filled in.</summary>
    public string Expand(IReadOnlyDictionary<string, string> values) =>
        "/" + string.Join('/', Segments.Select(s => IsParameter(s) ? values.GetValueOrDefault(s[1..^1], string.Empty) : s));

    public override string ToString() => $"{Method.ToString().ToUpperInvariant()} {Template} ({Resource.Name}.{Endpoint.Name})";
}

/// <summary>Every route of every served model, built from the models' endpoint tables.</summary>
internal sealed class RouteTable
{
    public RouteTable(IReadOnlyList<Resource> resources)
    {
        Resources = resources;
        foreach (var resource in resources)
        {
            // The client placement nests a model under its parent; the field that references the parent holds its id.
            if (resource.Placement is { Parent: { } parentName, Parameter: not null })
            {
                resource.Parent = resources.FirstOrDefault(r => r.Info.Namespace == resource.Info.Namespace && r.Name == parentName);
                resource.ParentField = resource.Info.Fields.FirstOrDefault(f => f.References == parentName);
            }

            foreach (var endpoint in resource.Endpoints)
            {
                foreach (var template in new[] { endpoint.Path }.Concat(endpoint.AlternatePaths))
                {
                    resource.Routes.Add(new Route(resource, endpoint, template, KindOf(endpoint, Split(template))));
                }
            }

            // Real servers answer GET on every object URI they hand out (a codec's URI has a DELETE only in the
            // document): an object path without its own GET gets one.
            foreach (var route in resource.Routes.Where(r => r.HasObjectId && r.Kind is RouteKind.Update or RouteKind.Delete).ToList())
            {
                if (!resource.Routes.Any(r => r.Kind == RouteKind.Get && SameShape(r, route)))
                {
                    resource.Routes.Add(new Route(resource, route.Endpoint, route.Template, RouteKind.Get));
                }
            }
        }

        foreach (var route in resources.SelectMany(r => r.Routes))
        {
            foreach (var parameter in route.Segments.Where(Route.IsParameter).Select(s => s[1..^1]).Where(p => p != "objectId"))
            {
                if (Bind(resources, route.Resource, parameter) is { } binding)
                {
                    route.Bindings.Add(binding);
                }
            }
        }

        // More literal segments first, so /portgroups/{id}/reset wins over a parameter in the same place.
        Routes = resources.SelectMany(r => r.Routes).OrderByDescending(r => r.LiteralCount).ToArray();
    }

    public IReadOnlyList<Resource> Resources { get; }

    public IReadOnlyList<Route> Routes { get; }

    public static string[] Split(string path) => path.Trim('/').Split('/', StringSplitOptions.None);

    /// <summary>The route for a method and path; <paramref name="methodMismatch"/> when only the method differs.</summary>
    public Route? Match(CupiHttpMethod method, string[] path, out Dictionary<string, string> values, out bool methodMismatch)
    {
        methodMismatch = false;
        foreach (var route in Routes)
        {
            if (!route.TryMatch(path, out values))
            {
                continue;
            }

            if (route.Method == method)
            {
                return route;
            }

            methodMismatch = true;
        }

        values = [];
        return null;
    }

    /// <summary>The documented list route of a model.</summary>
    public static Route? ListRoute(Resource resource) =>
        resource.Routes.FirstOrDefault(r => r.Kind == RouteKind.List && r.Template == r.Endpoint.Path);

    /// <summary>A documented route addressing one object of a model (Get, else Update or Delete), for its URI.</summary>
    public static Route? ObjectRoute(Resource resource) =>
        new[] { RouteKind.Get, RouteKind.Update, RouteKind.Delete }
            .Select(k => resource.Routes.FirstOrDefault(r => r.Kind == k && r.HasObjectId && r.Template == r.Endpoint.Path))
            .FirstOrDefault(r => r is not null);

    // {portGroupObjectId} under the client placement: the parent and the field that references it. Any other
    // {somethingObjectId}: the served model of that name and this model's field that references it.
    private static Binding? Bind(IReadOnlyList<Resource> resources, Resource resource, string parameter)
    {
        if (parameter == resource.ParentParameter && resource.ParentField is { } parentField)
        {
            return new Binding(parameter, resource.Parent!, parentField, IsParent: true);
        }

        var stem = parameter.EndsWith("ObjectId", StringComparison.Ordinal) ? parameter[..^"ObjectId".Length] : parameter;
        var target = resources.FirstOrDefault(r => r.Info.Namespace == resource.Info.Namespace && string.Equals(r.Name, stem, StringComparison.OrdinalIgnoreCase));
        var field = target is null ? null : resource.Info.Fields.FirstOrDefault(f => f.References == target.Name);
        return target is null || field is null ? null : new Binding(parameter, target, field, IsParent: false);
    }

    private static bool SameShape(Route a, Route b) =>
        a.Segments.Length == b.Segments.Length &&
        a.Segments.Zip(b.Segments).All(p => Route.IsParameter(p.First) ? Route.IsParameter(p.Second) : string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));

    private static RouteKind KindOf(CupiEndpointInfo endpoint, string[] segments) => endpoint.Method switch
    {
        CupiHttpMethod.Get => endpoint.ResponseBody == CupiBodyKind.List ? RouteKind.List : RouteKind.Get,
        CupiHttpMethod.Post => RouteKind.Create,
        CupiHttpMethod.Delete => RouteKind.Delete,
        CupiHttpMethod.Put when endpoint.RequestBody == CupiBodyKind.None && !Route.IsParameter(segments[^1]) => RouteKind.Action,
        _ => RouteKind.Update,
    };
}
