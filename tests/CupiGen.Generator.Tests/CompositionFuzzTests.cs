using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Tests;

/// <summary>
/// Schemas that use each other, broken the way people break them: a user's schema (CompositionTests' Contoso.Ports)
/// beside the shipped one, with cross-file <c>$ref</c>s, <c>x-cupi-references</c>, <c>lookup</c>s and client
/// parents pointed at missing, ambiguous, malformed or self names, namespaces changed or colliding, enums and
/// resources defined again in another file, the shipped schema left out. Whatever comes, the generator must not
/// throw, every diagnostic must be a CUPI one at a position inside the file it names, and a sample of the outputs
/// must compile without a diagnostic under the strict options.
/// </summary>
/// <remarks>
/// Seeded and deterministic; 300 sets of schemas in a normal run. A long run:
/// <c>CUPIGEN_FUZZ_COMPOSITIONS=20000 dotnet test tests/CupiGen.Generator.Tests -c Release --filter CompositionFuzzTests</c>.
/// </remarks>
public class CompositionFuzzTests
{
    private const int DefaultSets = 300;
    private const int Seed = 20261202;
    private const int Compiled = 8;
    private const string SecondPath = "/schemas/contoso-ports-2.schema.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Names =
    [
        "PortGroup", "Cupi.PortGroup", "Cupi.Nope", "Nope", "Port", "Contoso.Ports.Port", "", ".", "Cupi.", ".PortGroup",
        "PortGroupTemplate", "Cupi.PortGroupServer", "TelephonyIntegrationMethod", "Contoso.Ports.PortGroup", "portgroup",
        "Cupi.Cupi.PortGroup", "Widget", "Contoso.Ports.Widget",
    ];

    private static readonly string[] RefTargets =
    [
        "../schema/cupi-portgroups.schema.json#/$defs/TelephonyIntegrationMethod", "cupi-portgroups.schema.json#/$defs/TelephonyIntegrationMethod",
        "cupi-portgroups.schema.json#/$defs/PortGroup", "cupi-portgroups.schema.json#/$defs/Nope", "nope.schema.json#/$defs/TelephonyIntegrationMethod",
        "#/$defs/TelephonyIntegrationMethod", "#/$defs/Port", "cupi-portgroups.schema.json#", "cupi-portgroups.schema.json", "#", "",
        "cupi-portgroups.schema.json#/$defs/", "cupi-portgroups.schema.json#/properties/x", "/schemas/cupi-portgroups.schema.json#/$defs/SipTlsMode",
        "contoso-ports-2.schema.json#/$defs/TelephonyIntegrationMethod", "contoso-ports-2.schema.json#/$defs/Mode", "%2e%2e/x#/$defs/A",
        "cupi-portgroups.schema.json#/$defs/TelephonyIntegrationMethod/extra", "contoso-ports.schema.json#/$defs/Mode",
    ];

    private static readonly string[] Namespaces = ["Contoso.Ports", "Cupi", "", "1x", "Contoso..Ports", "Cupi.Sub", "global", "Contoso.Other"];

    private static readonly string[] FieldNames = ["EnableMWI", "Nope", "", "TelephonyIntegrationMethodEnum", "DisplayName", "Method", "PortGroupObjectId"];

    [Fact]
    public void Broken_schemas_that_use_each_other_never_break_the_generator_and_a_sample_compiles_cleanly()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("CUPIGEN_FUZZ_COMPOSITIONS"), out var n) ? n : DefaultSets;
        var failures = new List<string>();
        var compiledSample = new HashSet<int>(Enumerable.Range(0, count).OrderBy(i => unchecked((i * 7919) ^ Seed) & 0x7fffffff).Take(Compiled));
        var ids = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var (inputs, description) = Set(i);
            GeneratorRun run;
            try
            {
                run = GeneratorHarness.Run(inputs, GeneratorHarness.CreateCompilation());
            }
            catch (Exception ex)
            {
                failures.Add($"set {i} ({description}): {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            foreach (var diagnostic in run.Diagnostics)
            {
                ids[diagnostic.Id] = ids.TryGetValue(diagnostic.Id, out var seen) ? seen + 1 : 1;
                if (Problem(diagnostic, inputs) is { } problem)
                {
                    failures.Add($"set {i} ({description}): {problem}");
                }
            }

            if (compiledSample.Contains(i))
            {
                var compiler = GeneratorHarness.WarningsAndErrors(run).Take(3);
                failures.AddRange(compiler.Select(d => $"set {i} ({description}): generated code: {d}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));

        // The mutations reach the composition rules: unresolved references, conflicting enums, duplicate types.
        Assert.True(ids.ContainsKey("CUPI1016") && ids.ContainsKey("CUPI1005") && ids.ContainsKey("CUPI1013") && ids.ContainsKey("CUPI1015"), string.Join(", ", ids.Select(p => p.Key + "=" + p.Value)));
    }

    private static string? Problem(Diagnostic diagnostic, IReadOnlyList<SchemaInput> inputs)
    {
        if (diagnostic.Id is "CUPI1000" || !diagnostic.Id.StartsWith("CUPI", StringComparison.Ordinal))
        {
            return "internal error: " + diagnostic;
        }

        var lines = diagnostic.Location.GetLineSpan();
        var input = inputs.FirstOrDefault(x => x.Path == lines.Path);
        if (input is null)
        {
            return "located in no input: " + diagnostic;
        }

        var span = diagnostic.Location.SourceSpan;
        var text = SourceText.From(input.Text);
        return span.Start < 0 || span.End > input.Text.Length ||
               lines.StartLinePosition != text.Lines.GetLinePosition(span.Start) ||
               lines.EndLinePosition != text.Lines.GetLinePosition(span.End)
            ? "location outside its file or inconsistent: " + diagnostic
            : null;
    }

    // One set of schemas, rebuilt from its index alone.
    private static (IReadOnlyList<SchemaInput> Inputs, string Description) Set(int index)
    {
        var random = new Random(unchecked((Seed * 31) + index));
        var ports = JsonNode.Parse(CompositionTests.PortsSchema)!.AsObject();
        JsonObject? second = null;
        var shipped = TestSchemas.Shipped();
        var applied = new List<string>();
        for (var m = 1 + random.Next(4); m > 0; m--)
        {
            var target = second is not null && random.Next(3) == 0 ? second : ports;
            switch (random.Next(12))
            {
                case 0:
                    target["x-cupi-namespace"] = Pick(random, Namespaces);
                    applied.Add("namespace " + target["x-cupi-namespace"]);
                    break;
                case 1:
                    SetIn(target, ["$defs", "Port", "properties", "Method", "$ref"], Pick(random, RefTargets), applied);
                    break;
                case 2:
                    SetIn(target, ["$defs", "Port", "properties", "PortGroupObjectId", "x-cupi-references"], Pick(random, Names), applied);
                    break;
                case 3:
                    SetIn(target, ["$defs", "Port", "properties", "SendsMwi", "x-cupi-pertinentWhen", "lookup"], Pick(random, Names), applied);
                    SetIn(target, ["$defs", "Port", "properties", "SendsMwi", "x-cupi-pertinentWhen", "lookupField"], Pick(random, FieldNames), applied);
                    break;
                case 4:
                    SetIn(target, ["$defs", "Port", "properties", "PortGroupObjectId", "x-cupi-matches", "lookupField"], Pick(random, FieldNames), applied);
                    SetIn(target, ["$defs", "Port", "properties", "PortGroupObjectId", "x-cupi-matches", "field"], Pick(random, FieldNames), applied);
                    break;
                case 5:
                    // A child client whose parent is another schema's resource (or no resource at all).
                    if (target["$defs"]!["Port"] is not JsonObject port)
                    {
                        break;
                    }

                    port["x-cupi-client"] = new JsonObject { ["parent"] = Pick(random, Names), ["parameter"] = "portGroupObjectId", ["accessor"] = Pick(random, ["Ports", "Servers", "", "PortGroups"]) };
                    port["x-cupi-endpoints"] = JsonNode.Parse("""[ { "name": "List", "method": "GET", "path": "/vmrest/portgroups/{portGroupObjectId}/ports", "response": { "status": 200, "body": "list" } } ]""");
                    applied.Add("client parent " + port["x-cupi-client"]!["parent"]);
                    break;
                case 6:
                    // An enum the shipped schema defines, defined again (alike or not).
                    var values = random.Next(2) == 0 ? new[] { 1, 2, 3 } : new[] { 1, 2, 9 };
                    var titles = new[] { "Sccp", "Sip", values[2] == 3 ? "Pimg" : "Other" };
                    ((JsonObject)target["$defs"]!)["TelephonyIntegrationMethod"] = JsonNode.Parse(
                        "{ \"type\": \"integer\", \"oneOf\": [" + string.Join(", ", values.Select((v, k) => $"{{ \"const\": {v}, \"title\": \"{titles[k]}\" }}")) + "] }");
                    if (random.Next(2) == 0)
                    {
                        target["x-cupi-namespace"] = "Cupi";
                    }

                    applied.Add("enum again " + string.Join("/", values));
                    break;
                case 7:
                    // A resource of the shipped schema, defined again.
                    if (target["$defs"]!["Port"] is { } resource)
                    {
                        ((JsonObject)target["$defs"]!)["PortGroup"] = resource.DeepClone();
                        applied.Add("resource PortGroup again");
                    }

                    break;
                case 8:
                    second ??= JsonNode.Parse(ports.ToJsonString())!.AsObject();
                    second["x-cupi-namespace"] = Pick(random, Namespaces);
                    applied.Add("second file in " + second["x-cupi-namespace"]);
                    break;
                case 9:
                    shipped = null!;
                    applied.Add("no shipped schema");
                    break;
                case 10:
                    shipped = TestSchemas.Shipped(namespaceOverride: Pick(random, ["Contoso.Ports", "Cupi", "Other"]));
                    applied.Add("shipped namespace " + shipped.Namespace);
                    break;
                default:
                    ((JsonObject)target["$defs"]!).Remove(Pick(random, ["Port", "TelephonyIntegrationMethod", "PortGroup"]));
                    applied.Add("a definition removed");
                    break;
            }
        }

        var inputs = new List<SchemaInput>();
        if (shipped is not null)
        {
            inputs.Add(shipped);
        }

        inputs.Add(new SchemaInput(CompositionTests.PortsPath, ports.ToJsonString(Indented)));
        if (second is not null)
        {
            inputs.Add(new SchemaInput(SecondPath, second.ToJsonString(Indented)));
        }

        return (inputs, string.Join("; ", applied));
    }

    private static void SetIn(JsonObject root, string[] path, string value, List<string> applied)
    {
        JsonObject node = root;
        foreach (var key in path[..^1])
        {
            if (node[key] is not JsonObject next)
            {
                next = [];
                node[key] = next;
            }

            node = next;
        }

        node[path[^1]] = value;
        applied.Add(path[^1] + " " + value);
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
}
