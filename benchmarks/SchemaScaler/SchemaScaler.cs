// Makes a synthetic schema N times the size of a real one: every resource (an object entry of $defs with
// x-cupi-element) is copied N-1 times under new names (PortGroup → PortGroupX2, …), with the copy's element and
// list names, client names, endpoint paths and references to other resources of the same copy renamed alike.
// Enums are shared by every copy. Used in memory by the generator benchmarks, and from the command line:
//   dotnet run -c Release --project benchmarks -- --scale-schema 10 out.schema.json
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace CupiGen.Benchmarks;

public static class SchemaScaler
{
    /// <summary>The schema text with every resource present <paramref name="factor"/> times.</summary>
    public static string Scale(string schemaJson, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        var root = JsonNode.Parse(schemaJson)!.AsObject();
        var defs = root["$defs"]!.AsObject();
        var resources = defs.Where(pair => pair.Value is JsonObject o && o["x-cupi-element"] is not null).ToList();

        // Every name a copy must rename: resource names, element and list element names, client names.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in resources)
        {
            names.Add(name);
            var o = value!.AsObject();
            AddIfString(names, o["x-cupi-element"]);
            AddIfString(names, o["x-cupi-listElement"]);
            AddIfString(names, o["x-cupi-client"]?["name"]);
            AddIfString(names, o["x-cupi-client"]?["accessor"]);
        }

        for (var copy = 2; copy <= factor; copy++)
        {
            var suffix = "X" + copy.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (name, value) in resources)
            {
                var clone = value!.DeepClone();
                Rename(clone, names, suffix);
                defs.Add(name + suffix, clone);
            }
        }

        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The command-line entry: writes the scaled shipped schema to a file.</summary>
    public static void WriteScaled(string schemaPath, int factor, string outputPath) =>
        File.WriteAllText(outputPath, Scale(File.ReadAllText(schemaPath), factor));

    private static void AddIfString(HashSet<string> names, JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            names.Add(text);
        }
    }

    // Renames, in place, every string that is one of the copied names, and gives endpoint paths their own prefix.
    private static void Rename(JsonNode node, HashSet<string> names, string suffix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var child = o[key];
                    if (child is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if (names.Contains(text) && key != "description")
                        {
                            o[key] = text + suffix;
                        }
                        else if ((key == "path") && text.StartsWith("/vmrest/", StringComparison.Ordinal))
                        {
                            o[key] = "/vmrest/" + suffix.ToLowerInvariant() + text["/vmrest".Length..];
                        }
                    }
                    else if (child is not null)
                    {
                        Rename(child, names, suffix);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if (names.Contains(text))
                        {
                            a[i] = text + suffix;
                        }
                        else if (text.StartsWith("/vmrest/", StringComparison.Ordinal))
                        {
                            a[i] = "/vmrest/" + suffix.ToLowerInvariant() + text["/vmrest".Length..];
                        }
                    }
                    else if (a[i] is not null)
                    {
                        Rename(a[i]!, names, suffix);
                    }
                }

                break;
        }
    }
}
