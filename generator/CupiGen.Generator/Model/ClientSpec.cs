using System;
using System.Collections.Generic;
using System.Linq;

namespace CupiGen.Generator.Model;

/// <summary>What a resource's endpoint client needs: its place (x-cupi-client), its endpoints, and only the
/// fields that endpoints read (ids and preconditions), so that editing anything else leaves the client cached.</summary>
internal sealed record ClientSpec(
    string Namespace,
    string TypeName,
    ResourceClientSpec Client,
    EquatableArray<EndpointSpec> Endpoints,
    EquatableArray<ClientFieldSpec> Fields,
    string? ParentIdProperty = null)
{
    public static ClientSpec From(ResourceSpec resource)
    {
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in resource.Endpoints)
        {
            foreach (var parameter in PathTemplate.Parameters(endpoint.Path))
            {
                wanted.Add(parameter);
            }

            if (endpoint.RequiresField is not null)
            {
                wanted.Add(endpoint.RequiresField);
            }
        }

        var fields = resource.Fields
            .Where(f => wanted.Contains(f.PropertyName) || wanted.Contains(f.WireName))
            .Select(f => new ClientFieldSpec(f.WireName, f.PropertyName, f.Kind, f.EnumType))
            .ToEquatableArray();
        // A nested client's parent id, when the resource also carries it as a field a create may send
        // (PortGroupCodec.MediaPortGroupObjectId, required on create): its Add fills it from the bound id.
        var parentId = resource.Client!.Parent is { } parent
            ? resource.Fields.FirstOrDefault(f => f.References == parent && f.Kind == FieldKind.String && f.Access != FieldAccess.ReadOnly)?.PropertyName
            : null;
        return new ClientSpec(resource.Namespace, resource.TypeName, resource.Client!, resource.Endpoints, fields, parentId);
    }
}

internal sealed record ClientFieldSpec(string WireName, string PropertyName, FieldKind Kind, string? EnumType);

