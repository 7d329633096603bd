using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen.Emulator.Schema;

namespace CupiGen.Emulator.Engine;

/// <summary>What an endpoint does, inferred from its method and its request and response bodies.</summary>
internal enum RouteKind
{
    List,
    Get,
    Create,
    Update,
    Delete,
    Action,
}

/// <summary>A path parameter that names the parent object (<c>{portGroupObjectId}</c>) and the field that holds it.</summary>
internal sealed record ParentBinding(string Parameter, ResourceSpec Parent, FieldRule Field);

/// <summary>One routable path of one schema endpoint.</summary>
internal sealed class Route
{
    public Route(ResourceSpec resource, EndpointSpec endpoint, string template, RouteKind kind, string[] segments,
        IReadOnlyList<ParentBinding> parents, string? action)
    {
        Resource = resource;
        Endpoint = endpoint;
        Template = template;
        Kind = kind;
        Segments = segments;
        Parents = parents;
        Action = action;
        LiteralCount = segments.Count(s => !IsParameter(s));
    }

    public ResourceSpec Resource { get; }

    public EndpointSpec Endpoint { get; }

    public string Template { get; }

    public RouteKind Kind { get; }

    public string[] Segments { get; }

    public IReadOnlyList<ParentBinding> Parents { get; }

    public string? Action { get; }

    public int LiteralCount { get; }

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

                values[segment[1..^1]] = path[i];
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
        "/" + string.Join('/', Segments.Select(s => IsParameter(s) ? values[s[1..^1]] : s));

    public override string ToString() => $"{Endpoint.Method} {Template} ({Resource.Name}.{Endpoint.Name})";
}

/// <summary>The route table, built from every resource's <c>x-cupi-endpoints</c> (documented and alternate paths).</summary>
internal sealed class RouteTable
{
    public RouteTable(SchemaModel schema)
    {
        var routes = new List<Route>();
        foreach (var resource in schema.Resources.Values)
        {
            foreach (var endpoint in resource.Endpoints)
            {
                foreach (var template in endpoint.AllPaths)
                {
                    var segments = Split(template);
                    var kind = KindOf(endpoint, segments);
                    var parents = new List<ParentBinding>();
                    foreach (var segment in segments.Where(Route.IsParameter))
                    {
                        var parameter = segment[1..^1];
                        if (parameter == "objectId")
                        {
                            continue;
                        }

                        parents.Add(BindParent(schema, resource, parameter, template));
                    }

                    var action = kind == RouteKind.Action ? segments[^1] : null;
                    routes.Add(new Route(resource, endpoint, template, kind, segments, parents, action));
                }
            }
        }

        // More literal segments first, so /portgroups/{id}/reset wins over a parameter in the same place.
        Routes = routes.OrderByDescending(r => r.LiteralCount).ToArray();
    }

    public IReadOnlyList<Route> Routes { get; }

    public static string[] Split(string path) =>
        path.Trim('/').Split('/', StringSplitOptions.None);

    /// <summary>The route for a method and path; <paramref name="methodMismatch"/> when only the method differs.</summary>
    public Route? Match(string method, string[] path, out Dictionary<string, string> values, out bool methodMismatch)
    {
        methodMismatch = false;
        foreach (var route in Routes)
        {
            if (!route.TryMatch(path, out values))
            {
                continue;
            }

            if (string.Equals(route.Endpoint.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return route;
            }

            methodMismatch = true;
        }

        values = [];
        return null;
    }

    /// <summary>The canonical (documented) route of a kind for a resource.</summary>
    public Route? Canonical(ResourceSpec resource, RouteKind kind) =>
        Routes.FirstOrDefault(r => r.Resource == resource && r.Kind == kind && r.Template == r.Endpoint.Path);

    /// <summary>A route addressing one object of a resource (Get, else Update or Delete), for its URI.</summary>
    public Route? ObjectRoute(ResourceSpec resource) =>
        new[] { RouteKind.Get, RouteKind.Update, RouteKind.Delete }
            .Select(k => Routes.FirstOrDefault(r => r.Resource == resource && r.Kind == k && r.HasObjectId && r.Template == r.Endpoint.Path))
            .FirstOrDefault(r => r is not null);

    private static RouteKind KindOf(EndpointSpec endpoint, string[] segments) => endpoint.Method switch
    {
        "GET" => endpoint.ResponseBody == "list" ? RouteKind.List : RouteKind.Get,
        "POST" => RouteKind.Create,
        "DELETE" => RouteKind.Delete,
        "PUT" when endpoint.RequestBody == "none" && !Route.IsParameter(segments[^1]) => RouteKind.Action,
        "PUT" => RouteKind.Update,
        _ => throw new InvalidOperationException($"Unsupported method {endpoint.Method} in endpoint {endpoint.Name}."),
    };

    // {portGroupObjectId} → resource PortGroup → the field of this resource that references PortGroup.
    private static ParentBinding BindParent(SchemaModel schema, ResourceSpec resource, string parameter, string template)
    {
        var stem = parameter.EndsWith("ObjectId", StringComparison.Ordinal) ? parameter[..^"ObjectId".Length] : parameter;
        var parent = schema.Find(stem)
            ?? throw new InvalidOperationException($"Path parameter {{{parameter}}} of {template} names no schema resource.");
        var field = resource.Fields.FirstOrDefault(f => f.References == parent.Name)
            ?? throw new InvalidOperationException($"{resource.Name} has no field referencing {parent.Name} for {{{parameter}}} in {template}.");
        return new ParentBinding(parameter, parent, field);
    }
}
