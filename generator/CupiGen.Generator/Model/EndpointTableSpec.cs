using System.Linq;

namespace CupiGen.Generator.Model;

/// <summary>
/// What a model's endpoint table needs: its endpoints, its client placement, and the index of each field a
/// precondition reads. Kept apart from the model's spec so an endpoint edit re-emits this table and the client,
/// never the model.
/// </summary>
internal sealed record EndpointTableSpec(
    string Namespace,
    string TypeName,
    ResourceClientSpec? Client,
    EquatableArray<EndpointSpec> Endpoints,
    EquatableArray<int> RequiresIndexes)
{
    public static EndpointTableSpec From(ResourceSpec resource)
    {
        var fields = resource.Fields;
        var indexes = resource.Endpoints
            .Select(endpoint => endpoint.RequiresField is { } wire ? fields.FirstOrDefault(f => f.WireName == wire)?.Index ?? -1 : -1)
            .ToEquatableArray();
        // Descriptions are documentation for the client's methods, not part of the table: dropping them keeps this
        // step cached when only a description is edited.
        var endpoints = resource.Endpoints.Select(static endpoint => endpoint with { Description = null }).ToEquatableArray();
        return new EndpointTableSpec(resource.Namespace, resource.TypeName, resource.Client, endpoints, indexes);
    }
}
