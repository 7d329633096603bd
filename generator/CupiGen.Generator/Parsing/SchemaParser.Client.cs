using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

// Where a resource's endpoint client sits (x-cupi-client), and the uniqueness of client names.
internal sealed partial class SchemaParser
{
    /// <summary>Client property names are unique in the root client, accessor names in their parent's client;
    /// the second of two is dropped (its resource still gets its model).</summary>
    private void CheckClientNames(List<ResourceSpec> resources, Dictionary<string, JsonProperty> defs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
        {
            var client = resources[i].Client;
            if (client is null)
            {
                continue;
            }

            var key = client.Name is not null ? "root." + client.Name : client.Parent + "." + client.Accessor;

            // One root CupiClient per namespace: another schema of the namespace may have taken the name first.
            var elsewhere = client.Name is not null && _catalog?.ClientOwner(_namespace, client.Name) is { } owner && owner.Path != _file.Path
                ? owner.Path
                : null;
            if (seen.Add(key) && elsewhere is null)
            {
                continue;
            }

            var node = defs[resources[i].TypeName].Value.GetProperty("x-cupi-client")!.Value;
            var at = node.GetProperty(client.Name is not null ? "name" : "accessor")!.Value;
            Report(DiagnosticDescriptors.Duplicate, at, elsewhere is null ? "client name" : $"client name (also in {elsewhere})", client.Name ?? client.Accessor!);
            resources[i] = resources[i] with { Client = null };
        }
    }

    /// <summary>Where the resource's endpoint client sits (<c>x-cupi-client</c>).</summary>
    private ResourceClientSpec? ParseClient(JsonProperty def, Dictionary<string, JsonProperty> resources, List<EndpointSpec> endpoints)
    {
        var property = def.Value.GetProperty("x-cupi-client");
        if (property is null || !ExpectKind(property.Value, JsonKind.Object, "x-cupi-client", "an object"))
        {
            return null;
        }

        var node = property.Value;
        CheckDuplicateKeys(node, "keyword");
        foreach (var member in node.Properties)
        {
            if (member.Name is not ("name" or "parent" or "parameter" or "accessor") && !IgnoredKeywords.Contains(member.Name))
            {
                Report(DiagnosticDescriptors.UnknownKeyword, member.NameStart, member.NameEnd - member.NameStart, member.Name);
            }
        }

        var name = node.GetProperty("name");
        var parent = node.GetProperty("parent");
        if (name is not null && parent is not null)
        {
            Report(DiagnosticDescriptors.InvalidKeywordValue, node, "x-cupi-client", "either { \"name\" } or { \"parent\", \"parameter\", \"accessor\" }, not both");
            return null;
        }

        if (name is not null)
        {
            if (!ExpectKind(name.Value, JsonKind.String, "x-cupi-client.name", "a C# property name") ||
                !CheckIdentifier(name.Value.StringValue!, name.Value.Start, name.Value.End, "a client property name"))
            {
                return null;
            }

            if (ReservedClientMemberNames.Contains(name.Value.StringValue!))
            {
                // CS0108/CS0542: the root CupiClient already has (or inherits) a member of that name.
                Report(DiagnosticDescriptors.InvalidName, name.Value, name.Value.StringValue!, "a client property name", "CupiClient already has a member of that name");
                return null;
            }

            return new ResourceClientSpec(name.Value.StringValue, null, null, null);
        }

        var parameter = node.GetProperty("parameter");
        var accessor = node.GetProperty("accessor");
        if (parent is null || parameter is null || accessor is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, node.Start, 1, "x-cupi-client", parent is null ? "name' or 'parent" : parameter is null ? "parameter" : "accessor");
            return null;
        }

        if (!ExpectKind(parent.Value, JsonKind.String, "x-cupi-client.parent", "the name of a resource") ||
            !ExpectKind(parameter.Value, JsonKind.String, "x-cupi-client.parameter", "a path parameter name") ||
            !ExpectKind(accessor.Value, JsonKind.String, "x-cupi-client.accessor", "a C# method name") ||
            !CheckIdentifier(parameter.Value.StringValue!, parameter.Value.Start, parameter.Value.End, "a path parameter name") ||
            !CheckIdentifier(accessor.Value.StringValue!, accessor.Value.Start, accessor.Value.End, "a client method name"))
        {
            return null;
        }

        if (ReservedClientMemberNames.Contains(accessor.Value.StringValue!) || accessor.Value.StringValue == parent.Value.StringValue + "Client")
        {
            Report(DiagnosticDescriptors.InvalidName, accessor.Value, accessor.Value.StringValue!, "a client method name", "the parent's client already has a member of that name");
            return null;
        }

        var parentName = parent.Value.StringValue!;
        if (parentName == def.Name || !resources.TryGetValue(parentName, out var parentDef))
        {
            Report(DiagnosticDescriptors.UnresolvedReference, parent.Value, parentName, "another resource");
            return null;
        }

        // One level of nesting: the parent's client must be a property of the root client.
        var parentClient = parentDef.Value.GetProperty("x-cupi-client");
        if (parentClient is null || parentClient.Value.Kind != JsonKind.Object || parentClient.Value.GetProperty("name") is null)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, parent.Value, parentName, "a resource whose x-cupi-client has a 'name'");
            return null;
        }

        var parameterName = parameter.Value.StringValue!;
        var token = "{" + parameterName + "}";
        var missing = endpoints.FirstOrDefault(e => e.Path.IndexOf(token, StringComparison.Ordinal) < 0);
        if (missing is not null)
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, parameter.Value, missing.Name, $"its path '{missing.Path}' lacks the client's parameter {token}");
            return null;
        }

        return new ResourceClientSpec(null, parentName, parameterName, accessor.Value.StringValue);
    }
}
