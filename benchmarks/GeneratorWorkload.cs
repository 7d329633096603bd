// The generator workloads: CupiGen's generator over the shipped schema (and 10×/100× synthetic schemas) against
// the System.Text.Json source generator over equivalent POCO types, both driven by CSharpGeneratorDriver; and a
// rerun after an edit that does not touch the schema.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using Basic.Reference.Assemblies;
using CupiGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Benchmarks;

/// <summary>One schema (scaled) ready for both generators: CupiGen's inputs and the equivalent STJ compilation.</summary>
public sealed class GeneratorWorkload
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private static readonly ImmutableArray<MetadataReference> References = [.. Net80.References.All];
    private static readonly Lazy<ISourceGenerator> StjGenerator = new(LoadStjGenerator);

    private readonly AdditionalText _schema;
    private readonly SyntaxTree _appTree;
    private readonly SyntaxTree[] _stjTrees;

    public GeneratorWorkload(int factor)
    {
        Factor = factor;
        var shipped = File.ReadAllText(Path.Combine(Paths.Repository, "schema", "cupi-portgroups.schema.json"));
        var text = factor == 1 ? shipped : SchemaScaler.Scale(shipped, factor);
        _schema = new SchemaText(Path.Combine(Paths.Repository, "schema", "cupi-portgroups.schema.json"), text);
        _appTree = CSharpSyntaxTree.ParseText("namespace App { public static class Program { public static int Main() => 0; } }", ParseOptions, "App.cs");
        var poco = StjEquivalentSource(text, out var resourceCount);
        ResourceCount = resourceCount;
        _stjTrees = [CSharpSyntaxTree.ParseText(poco, ParseOptions, "Poco.cs"), _appTree];
    }

    public int Factor { get; }

    public int ResourceCount { get; }

    /// <summary>A full CupiGen run: a new driver over a new compilation. Returns the number of generated files.</summary>
    public int RunCupiGen()
    {
        var compilation = CSharpCompilation.Create("Bench", [_appTree], References, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var driver = CreateCupiDriver(trackSteps: false).RunGenerators(compilation);
        return Check(driver.GetRunResult(), "CupiGen");
    }

    /// <summary>A full System.Text.Json generator run over the equivalent POCOs and context.</summary>
    public int RunStj()
    {
        var compilation = CSharpCompilation.Create("Bench", _stjTrees, References, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var driver = CSharpGeneratorDriver.Create([StjGenerator.Value], parseOptions: ParseOptions).RunGenerators(compilation);
        return Check(driver.GetRunResult(), "System.Text.Json");
    }

    /// <summary>A driver that has run once, and the compilation it ran on, for the unrelated-edit rerun.</summary>
    public (GeneratorDriver Driver, CSharpCompilation Compilation) PrimeForEdit()
    {
        var compilation = CSharpCompilation.Create("Bench", [_appTree], References, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var driver = CreateCupiDriver(trackSteps: true).RunGenerators(compilation);
        Check(driver.GetRunResult(), "CupiGen");
        return (driver, compilation);
    }

    /// <summary>Reruns after an edit to a C# file (not the schema); returns the driver and how many outputs were regenerated.</summary>
    public static (GeneratorDriver Driver, CSharpCompilation Compilation, int Regenerated) RerunAfterUnrelatedEdit(GeneratorDriver driver, CSharpCompilation compilation, int edit)
    {
        var tree = compilation.SyntaxTrees.First();
        var edited = tree.WithChangedText(SourceText.From(
            $"namespace App {{ public static class Program {{ public static int Main() => {edit % 100}; }} }}", Encoding.UTF8));
        var next = compilation.ReplaceSyntaxTree(tree, edited);
        driver = driver.RunGenerators(next);
        var regenerated = 0;
        foreach (var result in driver.GetRunResult().Results)
        {
            foreach (var step in result.TrackedOutputSteps.SelectMany(pair => pair.Value))
            {
                regenerated += step.Outputs.Count(output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
            }
        }

        return (driver, next, regenerated);
    }

    private GeneratorDriver CreateCupiDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [new CupiGenerator().AsSourceGenerator()],
            [_schema],
            ParseOptions,
            new SchemaOptionsProvider(_schema.Path),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static int Check(GeneratorDriverRunResult run, string who)
    {
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var result in run.Results)
        {
            if (result.Exception is not null)
            {
                throw new InvalidOperationException($"{who} generator failed: {result.Exception}");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{who} generator reported {errors.Count} errors, first: {errors[0]}");
        }

        var files = run.Results.Sum(r => r.GeneratedSources.Length);
        if (files == 0)
        {
            throw new InvalidOperationException($"{who} generator produced nothing.");
        }

        return files;
    }

    // The STJ side of the comparison: for each resource of the (scaled) schema, a POCO with the same fields
    // (string?/int?/bool?, enums as int?), and one context that lists them all, configured for CUPI's dialect.
    private static string StjEquivalentSource(string schemaJson, out int resourceCount)
    {
        using var document = JsonDocument.Parse(schemaJson);
        var source = new StringBuilder();
        source.AppendLine("using System.Text.Json.Serialization;").AppendLine("namespace Equivalent {");
        var types = new List<string>();
        foreach (var def in document.RootElement.GetProperty("$defs").EnumerateObject())
        {
            if (!def.Value.TryGetProperty("x-cupi-element", out _))
            {
                continue;
            }

            types.Add(def.Name);
            source.Append("public sealed class ").Append(def.Name).AppendLine(" {");
            foreach (var field in def.Value.GetProperty("properties").EnumerateObject())
            {
                var type = field.Value.TryGetProperty("type", out var t) ? t.GetString() : "integer";
                var name = field.Value.TryGetProperty("x-cupi-name", out var n) ? n.GetString() : field.Name;
                var clr = type switch { "boolean" => "bool?", "integer" => "int?", _ => "string?" };
                source.Append("  [JsonPropertyName(\"").Append(field.Name).Append("\")] public ").Append(clr).Append(' ').Append(name).AppendLine(" { get; set; }");
            }

            source.AppendLine("}");
        }

        source.AppendLine("[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]");
        foreach (var type in types)
        {
            source.Append("[JsonSerializable(typeof(").Append(type).AppendLine("))]");
        }

        source.AppendLine("public sealed partial class EquivalentContext : JsonSerializerContext { }").AppendLine("}");
        resourceCount = types.Count;
        return source.ToString();
    }

    // System.Text.Json's generator ships in the SDK's targeting pack (analyzers/dotnet/cs), next to the reference
    // assemblies of the running framework's version; the pack root is the one MSBuild used for this build.
    private static ISourceGenerator LoadStjGenerator()
    {
        var path = Paths.StjGeneratorAssembly();
        var assembly = Assembly.LoadFrom(path);
        var type = assembly.GetTypes().FirstOrDefault(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t))
            ?? throw new InvalidOperationException($"no incremental generator in {path}");
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }

    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    // Says what the package's build files say: this AdditionalFile is a CupiGen schema.
    private sealed class SchemaOptionsProvider(string schemaPath) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new Options([]);
        private readonly AnalyzerConfigOptions _schema = new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.CupiGenSchema"] = "true" });

        public override AnalyzerConfigOptions GlobalOptions => Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile.Path == schemaPath ? _schema : Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                var found = values.TryGetValue(key, out var text);
                value = text ?? string.Empty;
                return found;
            }
        }
    }
}

/// <summary>Where things are: the repository, the cold-start program, the SDK's System.Text.Json generator.</summary>
public static class Paths
{
    public static string BenchmarksDirectory { get; } = Path.GetFullPath(Metadata("BenchmarksDirectory") ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));

    public static string Repository { get; } = Path.GetFullPath(Path.Combine(BenchmarksDirectory, ".."));

    public static string Configuration { get; } = Metadata("Configuration") ?? "Release";

    public static string ResultsDirectory { get; } = Path.Combine(BenchmarksDirectory, "results");

    public static string ColdStartExecutable()
    {
        var dir = Path.Combine(BenchmarksDirectory, "ColdStart", "bin", Configuration, "net10.0");
        var apphost = Path.Combine(dir, OperatingSystem.IsWindows() ? "ColdStart.exe" : "ColdStart");
        if (File.Exists(apphost))
        {
            return apphost;
        }

        throw new FileNotFoundException($"build benchmarks/ColdStart first (dotnet build -c {Configuration} benchmarks/ColdStart): {apphost} is missing");
    }

    public static string StjGeneratorAssembly()
    {
        // The packs folder MSBuild resolved at build time, else the one beside the running shared framework.
        var packs = Metadata("NetCoreTargetingPackRoot");
        if (string.IsNullOrEmpty(packs) || !Directory.Exists(packs))
        {
            var shared = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // …/shared/Microsoft.NETCore.App/<v>
            packs = Path.GetFullPath(Path.Combine(shared, "..", "..", "..", "packs"));
        }

        var refPack = Path.Combine(packs, "Microsoft.NETCore.App.Ref");
        var running = Environment.Version;
        var candidates = Directory.Exists(refPack)
            ? Directory.GetDirectories(refPack)
                .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                .Where(c => c.Version is not null && c.Version.Major == running.Major)
                .OrderByDescending(c => c.Version == new Version(running.Major, running.Minor, running.Build))
                .ThenByDescending(c => c.Version)
                .Select(c => Path.Combine(c.Dir, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"))
                .Where(File.Exists)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new FileNotFoundException($"System.Text.Json.SourceGeneration.dll not found under {refPack} for .NET {running.Major} ({RuntimeInformation.FrameworkDescription})");
    }

    private static string? Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
