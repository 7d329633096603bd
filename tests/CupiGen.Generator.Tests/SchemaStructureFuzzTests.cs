using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace CupiGen.Generator.Tests;

/// <summary>
/// A structure-aware fuzzer: the shipped schema is parsed into a JSON tree and mutated the way people break
/// schemas: fields and types renamed to colliding, reserved (C# keywords, members every model has), type-named,
/// non-ASCII or unusable wire names; keys deleted, fields duplicated into other resources and retyped; references,
/// conditions (x-cupi-pertinentWhen, x-cupi-appliesTo, x-cupi-matches), x-cupi-requiredOnCreate and endpoint
/// 'requires' pointed at missing, duplicated, renamed or x-cupi-named fields; huge arrays and deep nesting.
/// </summary>
/// <remarks>
/// <para>
/// Seeded and deterministic. A normal run checks 5,000 schemas. A long run:
/// <c>CUPIGEN_FUZZ_SCHEMAS=100000 dotnet test tests/CupiGen.Generator.Tests -c Release --filter SchemaStructureFuzzTests</c>
/// (and <c>CUPIGEN_FUZZ_SEED</c> picks another seed). Every schema's generator run is checked: no exception, no
/// CS8785, no CUPI1000, every diagnostic a CUPI one located inside the schema text (path, span and line/column
/// agree with the text).
/// </para>
/// <para>
/// Compiling: every distinct generated output (hashed over hint names and texts) is a candidate; a seeded sample
/// of them (<see cref="CompiledOutputs"/> per 5,000 schemas, always including the unmutated schema's) is compiled
/// with nullable on, warning level 9999 (every warning wave) and every warning reported as an error, and must
/// have no diagnostic at all, warnings included. This covers the C# compiler's own warnings and errors; it does
/// not run the .NET code-style and quality analyzers (AnalysisLevel latest-all) in-process, which is too slow per
/// output: StrictCompilationTests and the package build cover those on the shipped schema's output.
/// </para>
/// <para>
/// A crash found here becomes a file in BrokenSchemas/ with its expectation (DiagnosticsCorpusTests).
/// </para>
/// </remarks>
public class SchemaStructureFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSchemas = 5000;
    private const int DefaultSeed = 20261201;
    private const int CompiledOutputs = 16;
    private const string SchemaPath = "/fuzz/cupi-portgroups.schema.json";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        MaxDepth = 512,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] ReservedNames =
    [
        "ToString", "Validate", "ToJson", "ToXml", "FromJson", "AdditionalFields", "HasChanges", "AcceptChanges",
        "IsPresent", "Equals", "GetHashCode", "GetType", "IsKnownField", "SetAdditionalField", "Finalize",
        "MemberwiseClone", "ListFromXml", "ToJsonUtf8",
    ];

    private static readonly string[] Keywords = ["class", "int", "object", "string", "record", "var", "value", "event", "this", "base", "null", "true"];

    private static readonly string[] OddNames =
    [
        "Größe", "名前", "Ñame", "Ĳssel", "a:b", "1abc", "xmlFoo", "Display Name", "_hidden", "", "-x", "A.B", "Name\u0000",
        "X\U00010400", "value__", "__cupiAdditional", "_cupiPresent0", "result", "writer", "reader", "problems", "context",
        "update", "create", "operation", "System", "Cupi", "CupiGen", "Microsoft", "global", "T", "Count",
    ];

    [Fact]
    public void Mutated_schema_trees_never_break_the_generator_and_what_is_generated_compiles_cleanly()
    {
        var count = EnvironmentInt("CUPIGEN_FUZZ_SCHEMAS", DefaultSchemas);
        var seed = EnvironmentInt("CUPIGEN_FUZZ_SEED", DefaultSeed);
        var shipped = TestPaths.ReadShippedSchema();
        var stopwatch = Stopwatch.StartNew();

        // Each schema comes from its own seeded Random, so any one can be rebuilt from its index (nothing is kept
        // in memory across a long run).
        var shippedTree = JsonNode.Parse(shipped)!.AsObject();
        (string Text, string Description) Schema(int index)
        {
            if (index == 0)
            {
                return (shipped, "unmutated");
            }

            var random = new Random(unchecked((seed * 397) ^ index));
            var tree = shippedTree.DeepClone().AsObject();
            var applied = new List<string>();
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                applied.Add(Mutate(tree, random));
            }

            return (tree.ToJsonString(Indented), string.Join("; ", applied));
        }

        var random = new Random(seed);
        var failures = new List<string>();
        var outputs = new Dictionary<string, int>(StringComparer.Ordinal); // output hash -> first schema index
        var diagnosticsSeen = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var gate = new object();
        var references = GeneratorHarness.References;
        var emptyCompilation = CSharpCompilation.Create("Fuzz", [], references, GeneratorHarness.DefaultOptions);

        // One incremental driver per worker, fed the schemas in turn: a mutation touches a few resources, so the
        // others come from the cache, as in the IDE. Each run's result (diagnostics, sources, exception) is what a
        // fresh run gives (IncrementalTests checks that equivalence); all of it is checked for every schema.
        var workers = Math.Max(1, Environment.ProcessorCount);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var run = new IncrementalSchemaRun(SchemaPath, emptyCompilation, shipped);
            for (var i = worker; i < count; i += workers)
            {
                var (text, description) = Schema(i);
                var result = run.Next(text);
                var (problems, ids) = Check(text, result);
                var hash = Hash(result);
                lock (gate)
                {
                    foreach (var problem in problems)
                    {
                        failures.Add($"schema {i} ({description}): {problem}");
                    }

                    outputs.TryAdd(hash, i);
                    foreach (var id in ids)
                    {
                        diagnosticsSeen[id] = diagnosticsSeen.TryGetValue(id, out var n) ? n + 1 : 1;
                    }
                }
            }
        });
        var generatorSeconds = stopwatch.Elapsed.TotalSeconds;

        // Compile a seeded sample of the distinct outputs against the unmutated output's compilation.
        var distinct = outputs.Values.Order().ToList();
        var sampleSize = Math.Min(distinct.Count, Math.Max(CompiledOutputs, CompiledOutputs * count / DefaultSchemas));
        var sample = distinct.Skip(1).OrderBy(_ => random.Next()).Take(sampleSize - 1).ToList();
        var compiler = new OutputCompiler(references, shipped);
        var compileFailures = new List<string>();
        var baseProblems = compiler.BaseDiagnostics();
        if (baseProblems.Count > 0)
        {
            compileFailures.Add("the unmutated schema's output:\n    " + string.Join("\n    ", baseProblems.Take(5)));
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var run = new IncrementalSchemaRun(SchemaPath, emptyCompilation, shipped);
            for (var k = worker; k < sample.Count; k += workers)
            {
                var i = sample[k];
                var (text, description) = Schema(i);
                var problems = compiler.Diagnostics(run.Next(text));
                if (problems.Count > 0)
                {
                    lock (gate)
                    {
                        compileFailures.Add($"schema {i} ({description}):\n    " + string.Join("\n    ", problems.Take(5)));
                    }
                }
            }
        });

        output.WriteLine(
            $"{count} schemas (seed {seed}): mutated and generated in {generatorSeconds:0.0} s; {distinct.Count} distinct outputs, {sample.Count + 1} compiled; " +
            $"total {stopwatch.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine("Diagnostics seen: " + string.Join(", ", diagnosticsSeen.Select(p => $"{p.Key} x{p.Value}")));
        SaveFailures(failures.Concat(compileFailures).ToList(), index => Schema(index).Text);

        Assert.True(failures.Count == 0, $"{failures.Count} generator failure(s); first:\n" + string.Join("\n", failures.Take(10)));
        Assert.True(compileFailures.Count == 0, $"{compileFailures.Count} output(s) do not compile cleanly; first:\n" + string.Join("\n", compileFailures.Take(5)));

        // The fuzzer must reach the checks it is for, not only fail on JSON or names.
        Assert.True(distinct.Count > count / 20, $"only {distinct.Count} distinct outputs");
        foreach (var id in new[] { "CUPI1003", "CUPI1005", "CUPI1006" })
        {
            Assert.True(diagnosticsSeen.ContainsKey(id), $"no mutation produced {id}");
        }
    }

    // ------------------------------------------------------------------ checks

    private static (List<string> Problems, List<string> Ids) Check(string text, GeneratorRunResult result)
    {
        var problems = new List<string>();
        if (result.Exception is not null)
        {
            problems.Add("the generator threw: " + result.Exception.GetType().Name + ": " + result.Exception.Message);
        }

        var source = SourceText.From(text);
        var ids = new List<string>();
        foreach (var diagnostic in result.Diagnostics)
        {
            ids.Add(diagnostic.Id);
            if (diagnostic.Id is "CUPI1000" || !diagnostic.Id.StartsWith("CUPI", StringComparison.Ordinal))
            {
                problems.Add("internal error: " + diagnostic);
                continue;
            }

            var location = diagnostic.Location;
            if (location == Location.None)
            {
                problems.Add("no location: " + diagnostic);
                continue;
            }

            var span = location.SourceSpan;
            var lines = location.GetLineSpan();
            if (lines.Path != SchemaPath || span.Start < 0 || span.End > text.Length ||
                lines.StartLinePosition != source.Lines.GetLinePosition(span.Start) ||
                lines.EndLinePosition != source.Lines.GetLinePosition(span.End))
            {
                problems.Add("location outside the schema text or inconsistent: " + diagnostic);
            }
        }

        return (problems, ids);
    }

    // Over hint names and the texts' checksums (cached per SourceText, so outputs reused from the driver's
    // cache cost nothing to hash).
    private static string Hash(GeneratorRunResult result)
    {
        using var sha = SHA256.Create();
        foreach (var generated in result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(generated.HintName + "\0");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var checksum = generated.SourceText.GetChecksum().ToArray();
            sha.TransformBlock(checksum, 0, checksum.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }

    /// <summary>
    /// Compiles generated outputs under the strict options. The unmutated output is compiled once in full; a
    /// mutant's compilation is that one with the generated files that differ replaced (so declarations are rebound
    /// incrementally), checked with every declaration diagnostic of the whole compilation plus the full diagnostics
    /// (method bodies included) of each changed file. Method bodies of files a mutation did not change are not
    /// rebound: a body there could only break through a changed declaration, which the declaration check sees.
    /// </summary>
    private sealed class OutputCompiler
    {
        private readonly CSharpCompilation _base;
        private readonly Dictionary<string, SyntaxTree> _baseTrees;

        public OutputCompiler(ImmutableArray<MetadataReference> references, string shipped)
        {
            var run = new IncrementalSchemaRun(SchemaPath, CSharpCompilation.Create("Fuzz", [], references, GeneratorHarness.DefaultOptions), shipped);
            var result = run.Next(shipped);
            _baseTrees = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SyntaxTree, StringComparer.Ordinal);
            _base = CSharpCompilation.Create("FuzzCompile", _baseTrees.Values, references, GeneratorHarness.StrictOptions);
        }

        public List<string> BaseDiagnostics() => Format(_base.GetDiagnostics());

        public List<string> Diagnostics(GeneratorRunResult result)
        {
            var compilation = _base;
            var changed = new List<SyntaxTree>();
            var hints = new HashSet<string>(StringComparer.Ordinal);
            foreach (var generated in result.GeneratedSources)
            {
                hints.Add(generated.HintName);
                if (!_baseTrees.TryGetValue(generated.HintName, out var old))
                {
                    compilation = compilation.AddSyntaxTrees(generated.SyntaxTree);
                    changed.Add(generated.SyntaxTree);
                }
                else if (!old.GetText().ContentEquals(generated.SourceText))
                {
                    compilation = compilation.ReplaceSyntaxTree(old, generated.SyntaxTree);
                    changed.Add(generated.SyntaxTree);
                }
            }

            compilation = compilation.RemoveSyntaxTrees(_baseTrees.Where(p => !hints.Contains(p.Key)).Select(p => p.Value));
            var diagnostics = compilation.GetParseDiagnostics().Concat(compilation.GetDeclarationDiagnostics()).ToList();
            foreach (var tree in changed)
            {
                diagnostics.AddRange(compilation.GetSemanticModel(tree).GetDiagnostics());
            }

            return Format(diagnostics);
        }

        private static List<string> Format(IEnumerable<Diagnostic> diagnostics) => diagnostics
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .Select(d => d.ToString())
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private void SaveFailures(List<string> failures, Func<int, string> schema)
    {
        if (failures.Count == 0)
        {
            return;
        }

        // Keep the failing schemas where a developer can minimize them into BrokenSchemas/ cases.
        var directory = Path.Combine(TestPaths.RepoRoot, "artifacts", "fuzz-failures");
        Directory.CreateDirectory(directory);
        foreach (var failure in failures.Take(50))
        {
            var index = int.Parse(failure.AsSpan(7, failure.IndexOf(' ', 7) - 7), CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(directory, $"schema-{index}.json"), schema(index));
        }

        File.WriteAllLines(Path.Combine(directory, "failures.txt"), failures);
        output.WriteLine($"Failing schemas written to {directory}");
    }

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;

    // ------------------------------------------------------------------ mutations

    private static string Mutate(JsonObject root, Random random)
    {
        var defs = root["$defs"]!.AsObject();
        var resources = defs.Where(d => d.Value is JsonObject o && o["properties"] is JsonObject).Select(d => d.Key).ToList();
        if (resources.Count == 0)
        {
            return "nothing to mutate";
        }

        var resourceName = Pick(random, resources);
        var resource = defs[resourceName]!.AsObject();
        var properties = resource["properties"]!.AsObject();
        var fieldNames = properties.Select(p => p.Key).ToList();
        var fieldName = fieldNames.Count > 0 ? Pick(random, fieldNames) : null;
        var field = fieldName is null ? null : properties[fieldName] as JsonObject;

        switch (random.Next(20))
        {
            case 0 when fieldName is not null:
            {
                var newName = NewName(random, resourceName, fieldNames, defs.Select(d => d.Key).ToList());
                Rename(properties, fieldName, newName, random.Next(2) == 0 ? resource : null);
                return $"rename field {resourceName}.{fieldName} -> '{newName}'";
            }

            case 1 when field is not null:
            {
                var newName = NewName(random, resourceName, fieldNames, defs.Select(d => d.Key).ToList());
                field["x-cupi-name"] = newName;
                return $"x-cupi-name of {resourceName}.{fieldName} = '{newName}'";
            }

            case 2:
            {
                var typeNames = defs.Select(d => d.Key).ToList();
                var oldName = Pick(random, typeNames);
                var newName = random.Next(4) switch
                {
                    0 => Pick(random, typeNames).ToUpperInvariant(),
                    1 => Pick(random, Keywords),
                    2 => Pick(random, OddNames),
                    _ => Pick(random, ReservedNames),
                };
                if (!defs.ContainsKey(newName))
                {
                    Rename(defs, oldName, newName, null);
                    if (random.Next(2) == 0)
                    {
                        ReplaceStrings(root, oldName, newName); // also rename the references to it
                    }
                }

                return $"rename type {oldName} -> '{newName}'";
            }

            case 3:
            {
                var (parent, key) = PickKey(random, resource);
                parent?.Remove(key!);
                return $"delete {resourceName}…{key}";
            }

            case 4 when field is not null:
            {
                var other = defs[Pick(random, resources)]!.AsObject()["properties"]!.AsObject();
                var copyName = random.Next(2) == 0 ? fieldName! : fieldName + "Copy";
                other[copyName] = field.DeepClone();
                return $"copy field {resourceName}.{fieldName} as '{copyName}'";
            }

            case 5 when field is not null:
            {
                var values = new JsonNode?[]
                {
                    "string", "integer", "boolean", "object", "array", "number", "null", JsonValue.Create(1), new JsonArray("string", "null"), null,
                };
                field.Remove("$ref");
                field["type"] = values[random.Next(values.Length)]?.DeepClone();
                return $"retype {resourceName}.{fieldName} -> {field["type"]?.ToJsonString() ?? "null"}";
            }

            case 6 when field is not null:
            {
                var targets = defs.Select(d => "#/$defs/" + d.Key).Append("#/$defs/Missing").Append("Other").ToList();
                field.Remove("type");
                field["$ref"] = Pick(random, targets);
                return $"$ref of {resourceName}.{fieldName} -> {field["$ref"]}";
            }

            case 7 or 8 when field is not null:
            {
                var keyword = Pick(random, new[] { "x-cupi-pertinentWhen", "x-cupi-appliesTo", "x-cupi-matches" });
                var target = TargetFieldName(random, fieldNames, properties);
                JsonObject condition = keyword switch
                {
                    "x-cupi-pertinentWhen" => new JsonObject { ["field"] = target, ["equals"] = RandomValue(random) },
                    "x-cupi-appliesTo" => new JsonObject { ["field"] = target, ["in"] = new JsonArray(RandomValue(random), RandomValue(random)) },
                    _ => new JsonObject { ["field"] = target, ["lookupField"] = TargetFieldName(random, fieldNames, properties) },
                };
                if (keyword == "x-cupi-matches" && random.Next(2) == 0)
                {
                    field["x-cupi-references"] = Pick(random, resources);
                }

                if (keyword == "x-cupi-pertinentWhen" && random.Next(3) == 0)
                {
                    condition["lookup"] = Pick(random, resources);
                    condition["lookupField"] = TargetFieldName(random, fieldNames, properties);
                }

                field[keyword] = condition;
                return $"{keyword} of {resourceName}.{fieldName} -> {condition.ToJsonString()}";
            }

            case 9:
            {
                var required = new JsonArray();
                for (var i = random.Next(6); i >= 0; i--)
                {
                    required.Add(TargetFieldName(random, fieldNames, properties));
                }

                resource["x-cupi-requiredOnCreate"] = required;
                return $"requiredOnCreate of {resourceName} = {required.ToJsonString()}";
            }

            case 10 when resource["x-cupi-endpoints"] is JsonArray endpoints && endpoints.Count > 0:
            {
                var endpoint = endpoints[random.Next(endpoints.Count)] as JsonObject;
                if (endpoint is null)
                {
                    return "endpoint not an object";
                }

                endpoint["requires"] = new JsonObject { ["field"] = TargetFieldName(random, fieldNames, properties), ["equals"] = RandomValue(random) };
                if (random.Next(3) == 0)
                {
                    endpoints.Add(endpoint.DeepClone()); // a duplicated endpoint
                }

                return $"requires of {resourceName}.{endpoint["name"]} -> {endpoint["requires"]!.ToJsonString()}";
            }

            case 11 when field is not null:
            {
                field["x-cupi-references"] = random.Next(3) == 0 ? "Missing" : Pick(random, resources);
                return $"x-cupi-references of {resourceName}.{fieldName} -> {field["x-cupi-references"]}";
            }

            case 12:
            {
                // Huge arrays.
                var size = 200 + random.Next(2000);
                var kind = random.Next(4);
                if (kind == 0)
                {
                    resource["x-cupi-requiredOnCreate"] = new JsonArray(Enumerable.Range(0, size).Select(_ => (JsonNode?)Pick(random, fieldNames.DefaultIfEmpty("X").ToList())).ToArray());
                }
                else if (kind == 1 && field is not null)
                {
                    field["x-cupi-aliases"] = new JsonArray(Enumerable.Range(0, size).Select(i => (JsonNode?)("Alias" + i.ToString(CultureInfo.InvariantCulture))).ToArray());
                }
                else if (kind == 2 && field is not null)
                {
                    field.Remove("$ref");
                    field["type"] = "integer";
                    field["enum"] = new JsonArray(Enumerable.Range(0, size).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
                }
                else
                {
                    var enumDef = defs.FirstOrDefault(d => d.Value is JsonObject o && o["oneOf"] is JsonArray).Value as JsonObject;
                    if (enumDef is not null)
                    {
                        enumDef["oneOf"] = new JsonArray(Enumerable.Range(0, size).Select(i => (JsonNode?)new JsonObject { ["const"] = i, ["title"] = "M" + i.ToString(CultureInfo.InvariantCulture) }).ToArray());
                    }
                }

                return $"huge array ({kind}, {size})";
            }

            case 13:
            {
                // Deep nesting, below and above the parser's limit.
                var depth = 20 + random.Next(200);
                JsonNode nested = random.Next(2) == 0 ? new JsonArray() : new JsonObject();
                for (var i = 0; i < depth; i++)
                {
                    nested = random.Next(2) == 0 ? new JsonArray(nested) : new JsonObject { ["x"] = nested };
                }

                var (parent, key) = PickKey(random, resource);
                if (parent is not null)
                {
                    parent[key!] = nested;
                }

                return $"nesting {depth} at {key}";
            }

            case 14 when field is not null:
            {
                // Another kind of value for a keyword.
                var keys = field.Select(p => p.Key).ToList();
                if (keys.Count == 0)
                {
                    return "empty field";
                }

                var key = Pick(random, keys);
                field[key] = RandomValue(random);
                return $"value of {resourceName}.{fieldName}.{key} -> {field[key]?.ToJsonString() ?? "null"}";
            }

            case 15 when field is not null:
            {
                var aliases = new JsonArray();
                for (var i = random.Next(4); i >= 0; i--)
                {
                    aliases.Add(random.Next(3) == 0 ? Pick(random, fieldNames) : Pick(random, OddNames));
                }

                field["x-cupi-aliases"] = aliases;
                return $"aliases of {resourceName}.{fieldName} = {aliases.ToJsonString()}";
            }

            case 16 when resource["x-cupi-client"] is JsonObject client:
            {
                var choices = new JsonObject[]
                {
                    new() { ["name"] = Pick(random, OddNames.Concat(ReservedNames).Append("PortGroups").ToList()) },
                    new() { ["parent"] = Pick(random, resources.Append("Missing").ToList()), ["parameter"] = "id", ["accessor"] = Pick(random, new[] { "Servers", "Codecs", "class", "Get" }) },
                    new() { ["name"] = "X", ["parent"] = resourceName },
                };
                resource["x-cupi-client"] = choices[random.Next(choices.Length)];
                return $"client of {resourceName} -> {resource["x-cupi-client"]!.ToJsonString()} (was {client.ToJsonString()})";
            }

            case 17:
            {
                var element = random.Next(2) == 0 ? "x-cupi-element" : "x-cupi-listElement";
                resource[element] = random.Next(2) == 0 ? Pick(random, OddNames) : Pick(random, resources);
                return $"{element} of {resourceName} -> {resource[element]}";
            }

            case 18:
            {
                // Move a field between resources (references to it now dangle).
                if (fieldName is null)
                {
                    return "no field";
                }

                var other = defs[Pick(random, resources)]!.AsObject()["properties"]!.AsObject();
                var moved = properties[fieldName]!;
                properties.Remove(fieldName);
                if (!other.ContainsKey(fieldName))
                {
                    other[fieldName] = moved;
                }

                return $"move field {resourceName}.{fieldName}";
            }

            default:
            {
                // Enums: members renamed, duplicated or given other constants.
                var enumDefs = defs.Where(d => d.Value is JsonObject o && o["oneOf"] is JsonArray).Select(d => d.Key).ToList();
                if (enumDefs.Count == 0)
                {
                    return "no enum";
                }

                var enumName = Pick(random, enumDefs);
                var members = defs[enumName]!["oneOf"]!.AsArray();
                if (members.Count == 0 || members[random.Next(members.Count)] is not JsonObject member)
                {
                    return "no member";
                }

                switch (random.Next(3))
                {
                    case 0:
                        member["title"] = random.Next(2) == 0 ? enumName : Pick(random, OddNames.Concat(Keywords).ToList());
                        break;
                    case 1:
                        members.Add(member.DeepClone());
                        break;
                    default:
                        member["const"] = RandomValue(random);
                        break;
                }

                return $"enum member of {enumName} -> {member.ToJsonString()}";
            }
        }
    }

    private static string NewName(Random random, string resourceName, List<string> fieldNames, List<string> typeNames) => random.Next(7) switch
    {
        0 => resourceName,                                                      // named like its type
        1 => fieldNames.Count > 0 ? Pick(random, fieldNames) : "Name",          // colliding
        2 => fieldNames.Count > 0 ? Pick(random, fieldNames).ToLowerInvariant() : "name", // colliding but for case
        3 => Pick(random, ReservedNames),
        4 => Pick(random, Keywords),
        5 => Pick(random, typeNames),
        _ => Pick(random, OddNames),
    };

    // A field name for a reference: an existing wire name, its x-cupi-name, a missing or an odd one.
    private static string TargetFieldName(Random random, List<string> fieldNames, JsonObject properties)
    {
        var choice = random.Next(6);
        if (fieldNames.Count == 0 || choice == 0)
        {
            return random.Next(2) == 0 ? "Missing" : Pick(random, OddNames);
        }

        var name = Pick(random, fieldNames);
        if (choice == 1 && properties[name] is JsonObject f && f["x-cupi-name"] is JsonValue custom && custom.TryGetValue<string>(out var property))
        {
            return property; // the C# name instead of the wire name
        }

        return choice == 2 ? name.ToUpperInvariant() : name;
    }

    private static JsonNode? RandomValue(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(true),
        2 => JsonValue.Create(-1),
        3 => JsonValue.Create(2147483648L),
        4 => JsonValue.Create(0.5),
        5 => "",
        6 => "x",
        7 => new JsonArray(),
        8 => new JsonObject(),
        _ => JsonValue.Create(random.Next(5)),
    };

    // Renames a key keeping the object's order; optionally follows the rename in the resource's references.
    private static void Rename(JsonObject parent, string oldName, string newName, JsonObject? updateReferencesIn)
    {
        if (oldName == newName || parent.ContainsKey(newName))
        {
            // A collision: JSON objects here cannot hold two equal keys, so keep the old key and add a copy.
            if (parent[oldName] is { } value && oldName != newName)
            {
                parent[oldName + "2"] = value.DeepClone();
            }

            return;
        }

        var entries = parent.ToList();
        parent.Clear();
        foreach (var (key, value) in entries)
        {
            parent[key == oldName ? newName : key] = value;
        }

        if (updateReferencesIn is not null)
        {
            ReplaceStrings(updateReferencesIn, oldName, newName);
        }
    }

    private static void ReplaceStrings(JsonNode node, string oldValue, string newValue)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s) && (s == oldValue || s == "#/$defs/" + oldValue))
                    {
                        obj[key] = s.Replace(oldValue, newValue, StringComparison.Ordinal);
                    }
                    else if (obj[key] is { } child)
                    {
                        ReplaceStrings(child, oldValue, newValue);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var s) && s == oldValue)
                    {
                        array[i] = newValue;
                    }
                    else if (array[i] is { } child)
                    {
                        ReplaceStrings(child, oldValue, newValue);
                    }
                }

                break;
        }
    }

    // A random key somewhere inside the node (objects only), with its parent.
    private static (JsonObject? Parent, string? Key) PickKey(Random random, JsonObject node)
    {
        var candidates = new List<(JsonObject, string)>();
        Collect(node, candidates, 0);
        return candidates.Count == 0 ? (null, null) : candidates[random.Next(candidates.Count)];

        static void Collect(JsonNode node, List<(JsonObject, string)> into, int depth)
        {
            if (depth > 6)
            {
                return;
            }

            if (node is JsonObject obj)
            {
                foreach (var (key, value) in obj)
                {
                    into.Add((obj, key));
                    if (value is not null)
                    {
                        Collect(value, into, depth + 1);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Collect(item, into, depth + 1);
                    }
                }
            }
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
