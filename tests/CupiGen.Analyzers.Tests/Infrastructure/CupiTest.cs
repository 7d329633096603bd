using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using CupiGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Analyzers.Tests.Infrastructure;

/// <summary>
/// An analyzer / code-fix test over the real generated models: the generator runs once on the shipped schema and
/// its model, validator and factory sources are compiled once into an assembly every test references. References are the .NET 8
/// reference assemblies from Basic.Reference.Assemblies and the CupiGen runtime, so nothing is downloaded.
/// </summary>
internal sealed class CupiTest : CSharpCodeFixTest<CupiUsageAnalyzer, CupiUsageCodeFixProvider, DefaultVerifier>
{
    public CupiTest(string source, string? fixedSource = null)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net8.0-offline"); // no package: nothing to download
        TestCode = source;
        TestState.AdditionalReferences.AddRange(References.Value);
        TestState.AdditionalReferences.Add(GeneratedModels.Value);
        if (fixedSource is not null)
        {
            FixedState.Sources.Add(("/0/Test0.cs", fixedSource));
        }
    }

    public static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        Net80.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(RuntimePath())).ToImmutableArray());

    /// <summary>The generated sources (clients excluded: they need the HTTP packages and are not under test).</summary>
    public static readonly Lazy<(string Name, SourceText Text)[]> Generated = new(() =>
    {
        var schemaPath = Path.Combine(AppContext.BaseDirectory, "schema", "cupi-portgroups.schema.json");
        var compilation = CSharpCompilation.Create("Gen", [], References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new CupiGen.Generator.CupiGenerator().AsSourceGenerator()],
            [new SchemaText(schemaPath, File.ReadAllText(schemaPath))],
            (CSharpParseOptions)CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            new SchemaOptions(schemaPath));
        driver = driver.RunGenerators(compilation);
        return driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources)
            .Where(s => !s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal))
            .Select(s => ("/0/Generated/" + s.HintName, s.SourceText))
            .ToArray();
    });

    /// <summary>
    /// The generated models, validators and factories compiled once into an in-memory assembly that every test
    /// references. Adding them as sources made each test parse and bind the whole generated code (hundreds of KB)
    /// several times over; the analyzer reads the models' rule attributes from symbols, which metadata carries.
    /// </summary>
    public static readonly Lazy<MetadataReference> GeneratedModels = new(() =>
    {
        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "CupiGen.GeneratedModels",
            Generated.Value.Select(g => CSharpSyntaxTree.ParseText(g.Text, parseOptions, g.Name)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("The generated models do not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    });

    // The net8.0 build of the runtime, next to the repository's runtime project (built by the ProjectReference).
    private static string RuntimePath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "runtime", "CupiGen")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Cannot find runtime/CupiGen above " + AppContext.BaseDirectory);
        }

        return Path.Combine(directory.FullName, "runtime", "CupiGen", "bin", configuration, "net8.0", "CupiGen.dll");
    }

    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class SchemaOptions(string schemaPath) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);
        private static readonly Options Schema = new(ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.CupiGenSchema", "true"));

        public override AnalyzerConfigOptions GlobalOptions => Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile.Path == schemaPath ? Schema : Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
