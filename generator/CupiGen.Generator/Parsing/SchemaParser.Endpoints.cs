using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Generator.Parsing;

// A resource's REST endpoints (x-cupi-endpoints) and their paths.
internal sealed partial class SchemaParser
{
    private static readonly Regex PathParameter = PathTemplate.Parameter;

    private List<EndpointSpec> ParseEndpoints(JsonNode node, List<FieldSpec> fields)
    {
        var result = new List<EndpointSpec>();
        var endpoints = node.GetProperty("x-cupi-endpoints");
        if (endpoints is null || !ExpectKind(endpoints.Value, JsonKind.Array, "x-cupi-endpoints", "an array of endpoints"))
        {
            return result;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in endpoints.Value.Items)
        {
            if (!ExpectKind(item, JsonKind.Object, "an endpoint", "an object"))
            {
                continue;
            }

            CheckDuplicateKeys(item, "keyword");
            var name = item.GetProperty("name");
            var method = item.GetProperty("method");
            var path = item.GetProperty("path");
            if (name is null || method is null || path is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, item.Start, 1, "An endpoint", name is null ? "name" : method is null ? "method" : "path");
                continue;
            }

            if (!ExpectKind(name.Value, JsonKind.String, "name", "a string") ||
                !CheckIdentifier(name.Value.StringValue!, name.Value.Start, name.Value.End, "an endpoint name"))
            {
                continue;
            }

            var endpointName = name.Value.StringValue!;
            if (!names.Add(endpointName))
            {
                Report(DiagnosticDescriptors.Duplicate, name.Value, "endpoint", endpointName);
                continue;
            }

            if (method.Value.Kind != JsonKind.String || method.Value.StringValue is not ("GET" or "POST" or "PUT" or "DELETE"))
            {
                Report(DiagnosticDescriptors.InvalidEndpoint, method.Value, endpointName, "method must be GET, POST, PUT or DELETE");
                continue;
            }

            if (!CheckPath(endpointName, path.Value))
            {
                continue;
            }

            var alternates = new List<string>();
            var alternateNode = item.GetProperty("alternatePaths");
            if (alternateNode is not null && ExpectKind(alternateNode.Value, JsonKind.Array, "alternatePaths", "an array of paths"))
            {
                foreach (var alternate in alternateNode.Value.Items)
                {
                    if (CheckPath(endpointName, alternate))
                    {
                        alternates.Add(alternate.StringValue!);
                    }
                }
            }

            var requestBody = BodyKind.None;
            var request = item.GetProperty("request");
            if (request is not null && ExpectKind(request.Value, JsonKind.Object, "request", "an object"))
            {
                var body = request.Value.GetProperty("body");
                if (body is not null)
                {
                    if (body.Value.Kind == JsonKind.String && ReadBodyKind(body.Value.StringValue!) is { } kind and (BodyKind.Object or BodyKind.None))
                    {
                        requestBody = kind;
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.InvalidEndpoint, body.Value, endpointName, "request.body must be \"object\" or \"none\"");
                        continue;
                    }
                }
            }

            int status = 200;
            var responseBody = BodyKind.None;
            var response = item.GetProperty("response");
            if (response is not null && ExpectKind(response.Value, JsonKind.Object, "response", "an object"))
            {
                var statusNode = response.Value.GetProperty("status");
                if (statusNode is not null && (!statusNode.Value.TryGetInt32(out status) || status < 100 || status > 599))
                {
                    Report(DiagnosticDescriptors.InvalidEndpoint, statusNode.Value, endpointName, "response.status must be an HTTP status code (100 to 599)");
                    continue;
                }

                var body = response.Value.GetProperty("body");
                if (body is not null)
                {
                    if (body.Value.Kind == JsonKind.String && ReadBodyKind(body.Value.StringValue!) is { } kind)
                    {
                        responseBody = kind;
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.InvalidEndpoint, body.Value, endpointName, "response.body must be \"list\", \"object\", \"uri\" or \"none\"");
                        continue;
                    }
                }
            }

            var (requiresField, requiresValue) = ParseRequires(item, endpointName, fields);
            result.Add(new EndpointSpec(
                endpointName,
                method.Value.StringValue switch
                {
                    "GET" => EndpointMethod.Get,
                    "POST" => EndpointMethod.Post,
                    "PUT" => EndpointMethod.Put,
                    _ => EndpointMethod.Delete,
                },
                path.Value.StringValue!,
                alternates.ToEquatableArray(),
                ReadStringArray(item, "query").ToEquatableArray(),
                requestBody,
                status,
                responseBody,
                OptionalString(item, "description"),
                requiresField,
                requiresValue));
        }

        return result;
    }

    private static BodyKind? ReadBodyKind(string text) => text switch
    {
        "none" => BodyKind.None,
        "object" => BodyKind.Object,
        "list" => BodyKind.List,
        "uri" => BodyKind.Uri,
        _ => null,
    };

    /// <summary>An endpoint's documented precondition on a field of the object it acts on (<c>requires</c>).</summary>
    private (string? Field, string? Value) ParseRequires(JsonNode endpoint, string endpointName, List<FieldSpec> fields)
    {
        var requires = endpoint.GetProperty("requires");
        if (requires is null || !ExpectKind(requires.Value, JsonKind.Object, "requires", "an object { \"field\": …, \"equals\": … }"))
        {
            return (null, null);
        }

        var field = requires.Value.GetProperty("field");
        var equals = requires.Value.GetProperty("equals");
        if (field is null || equals is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, requires.Value.Start, 1, "requires", field is null ? "field" : "equals");
            return (null, null);
        }

        if (!ExpectKind(field.Value, JsonKind.String, "requires.field", "a wire name"))
        {
            return (null, null);
        }

        var spec = fields.FirstOrDefault(f => f.WireName == field.Value.StringValue);
        if (spec is null)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, field.Value, field.Value.StringValue!, "a field of this resource");
            return (null, null);
        }

        var value = equals.Value;
        var valid = spec.Kind switch
        {
            FieldKind.Boolean => value.Kind is JsonKind.True or JsonKind.False,
            FieldKind.String => value.Kind == JsonKind.String,
            _ => value.TryGetInt32(out _),
        };
        if (!valid)
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, value, endpointName, $"requires.equals must be a value of field '{spec.WireName}''s type");
            return (null, null);
        }

        return (spec.WireName, Display(value));
    }

    private bool CheckPath(string endpoint, JsonNode path)
    {
        if (path.Kind != JsonKind.String || path.StringValue!.Length == 0 || path.StringValue[0] != '/')
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, path, endpoint, "a path must be a string starting with '/'");
            return false;
        }

        var text = path.StringValue;
        var stripped = PathParameter.Replace(text, string.Empty);
        if (stripped.IndexOf('{') >= 0 || stripped.IndexOf('}') >= 0)
        {
            Report(DiagnosticDescriptors.InvalidEndpoint, path, endpoint, $"unbalanced braces in path '{text}'");
            return false;
        }

        foreach (Match match in PathParameter.Matches(text))
        {
            var parameter = match.Groups[1].Value;
            if (!SyntaxFacts.IsValidIdentifier(parameter))
            {
                Report(DiagnosticDescriptors.InvalidEndpoint, path, endpoint, $"path parameter '{{{parameter}}}' is not a valid identifier");
                return false;
            }
        }

        return true;
    }
}
