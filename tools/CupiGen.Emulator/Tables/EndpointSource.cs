using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace CupiGen.Emulator.Tables;

/// <summary>
/// The endpoints and client placement of a model. INTERIM until the generated tables carry them
/// (CupiModelInfo.Endpoints / Client): read from the embedded Port Groups schema for the default models.
/// </summary>
internal static class EndpointSource
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Schema = new(Load);

    public static IReadOnlyList<Endpoint> EndpointsOf(CupiModelInfo info)
    {
        if (!Schema.Value.TryGetValue(info.TypeName, out var resource) || !resource.TryGetProperty("x-cupi-endpoints", out var endpoints))
        {
            return [];
        }

        var list = new List<Endpoint>();
        foreach (var e in endpoints.EnumerateArray())
        {
            var requiresField = -1;
            string? requiresValue = null;
            if (e.TryGetProperty("requires", out var requires) && info.FindField(requires.GetProperty("field").GetString()!) is { } field)
            {
                requiresField = field.Index;
                var equals = requires.GetProperty("equals");
                requiresValue = equals.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => equals.GetInt64().ToString(CultureInfo.InvariantCulture),
                    _ => equals.GetString(),
                };
            }

            list.Add(new Endpoint(
                e.GetProperty("name").GetString()!,
                Enum.Parse<HttpVerb>(e.GetProperty("method").GetString()!, ignoreCase: true),
                e.GetProperty("path").GetString()!,
                Strings(e, "alternatePaths"),
                Strings(e, "query"),
                e.TryGetProperty("request", out var request) ? Enum.Parse<BodyKind>(request.GetProperty("body").GetString()!, ignoreCase: true) : BodyKind.None,
                Enum.Parse<BodyKind>(e.GetProperty("response").GetProperty("body").GetString()!, ignoreCase: true),
                e.GetProperty("response").GetProperty("status").GetInt32(),
                requiresField,
                requiresValue));
        }

        return list;
    }

    public static Placement? PlacementOf(CupiModelInfo info)
    {
        if (!Schema.Value.TryGetValue(info.TypeName, out var resource) || !resource.TryGetProperty("x-cupi-client", out var client))
        {
            return null;
        }

        return new Placement(
            client.TryGetProperty("parent", out var parent) ? parent.GetString() : null,
            client.TryGetProperty("parameter", out var parameter) ? parameter.GetString() : null);
    }

    private static string[] Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var array))
        {
            return [];
        }

        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            list.Add(item.GetString()!);
        }

        return [.. list];
    }

    private static Dictionary<string, JsonElement> Load()
    {
        using var stream = typeof(EndpointSource).Assembly.GetManifestResourceStream("cupi-portgroups.schema.json")
            ?? throw new InvalidOperationException("The emulator was built without its schema.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        using var document = JsonDocument.Parse(memory.ToArray());
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var resource in document.RootElement.GetProperty("$defs").EnumerateObject())
        {
            map[resource.Name] = resource.Value.Clone();
        }

        return map;
    }
}
