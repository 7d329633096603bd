using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>One AdditionalFile handed to the generator, with the item metadata the build would give it.</summary>
/// <param name="Path">The file's path, as diagnostics report it.</param>
/// <param name="Text">The file's content.</param>
/// <param name="Namespace">The CupiGenNamespace metadata, or null for none.</param>
/// <param name="IsSchema">False for an AdditionalFile that is not marked as a schema.</param>
internal sealed record SchemaInput(string Path, string Text, string? Namespace = null, bool IsSchema = true);

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, CSharpCompilation InputCompilation, Compilation OutputCompilation)
{
    public GeneratorDriverRunResult RunResult { get; } = Driver.GetRunResult();

    /// <summary>The result of the only generator in the driver.</summary>
    public GeneratorRunResult Result => RunResult.Results.Single();

    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    /// <summary>The generated source for a hint name, or a failure listing what was generated.</summary>
    public string Source(string hintName)
    {
        var match = Sources.Where(s => s.HintName == hintName).ToList();
        Assert.True(match.Count == 1, $"No generated source '{hintName}'; generated: {string.Join(", ", Sources.Select(s => s.HintName))}");
        return match[0].SourceText.ToString();
    }
}

/// <summary>Runs <see cref="CupiGenerator"/> in-process the way the compiler does.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyModelReferences = new(() =>
        Net80.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(global::CupiGen.CupiList<>).Assembly.Location))
            .ToImmutableArray());

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        LazyModelReferences.Value.Add(MetadataReference.CreateFromFile(typeof(global::CupiGen.CupiTransport).Assembly.Location)));

    /// <summary>The .NET 8 reference assemblies plus the CupiGen runtime and CupiGen.Client (so clients are generated).</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The .NET 8 reference assemblies plus the CupiGen runtime only: what a models-only project sees.</summary>
    public static ImmutableArray<MetadataReference> ModelReferences => LazyModelReferences.Value;

    /// <summary>Parse options of every tree, generated ones included: documentation comments are checked.</summary>
    public static CSharpParseOptions ParseOptions { get; } = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithDocumentationMode(DocumentationMode.Diagnose);

    /// <summary>Nullable on, every warning an error, every warning wave on.</summary>
    public static CSharpCompilationOptions StrictOptions { get; } =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithWarningLevel(9999)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithDeterministic(true);

    /// <summary>
    /// Default options. Generator diagnostics pass through the compilation's options, so runs that check their
    /// severity must not use <see cref="StrictOptions"/> (which turns every warning into an error).
    /// </summary>
    public static CSharpCompilationOptions DefaultOptions { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>A compilation under <see cref="StrictOptions"/>.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(StrictOptions, sources);

    public static CSharpCompilation CreateCompilation(CSharpCompilationOptions options, params string[] sources) =>
        CSharpCompilation.Create(
            "CupiGen.Consumer",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Consumer{i}.cs")),
            References,
            options);

    public static TestAnalyzerConfigOptionsProvider OptionsFor(IEnumerable<SchemaInput> inputs) =>
        new(inputs
            .Where(i => i.IsSchema)
            .Select(i => new KeyValuePair<string, ImmutableDictionary<string, string>>(
                i.Path,
                TestAnalyzerConfigOptionsProvider.SchemaMetadata(i.Namespace))));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> texts, AnalyzerConfigOptionsProvider options) =>
        CSharpGeneratorDriver.Create(
            new[] { new CupiGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Creates a driver for the inputs and runs it once over a compilation (an empty one with default options by default).</summary>
    public static GeneratorRun Run(IReadOnlyList<SchemaInput> inputs, CSharpCompilation? compilation = null)
    {
        var texts = inputs.Select(i => (AdditionalText)new InMemoryAdditionalText(i.Path, i.Text)).ToList();
        var driver = CreateDriver(texts, OptionsFor(inputs));
        return RunDriver(driver, compilation ?? CreateCompilation(DefaultOptions));
    }

    public static GeneratorRun Run(params SchemaInput[] inputs) => Run((IReadOnlyList<SchemaInput>)inputs);

    /// <summary>Runs an existing driver again (or for the first time) and asserts the generator did not throw.</summary>
    public static GeneratorRun RunDriver(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = new GeneratorRun(driver, compilation, output);
        AssertNoException(run);
        return run;
    }

    /// <summary>The output compilation's warnings and errors (generated code included).</summary>
    public static IReadOnlyList<Diagnostic> WarningsAndErrors(GeneratorRun run) =>
        run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Asserts that the output compilation has no warning and no error, listing the first few if it has.</summary>
    public static void AssertCompilesCleanly(GeneratorRun run)
    {
        var problems = WarningsAndErrors(run);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(5)));
    }

    public static void AssertNoException(GeneratorRun run)
    {
        foreach (var result in run.RunResult.Results)
        {
            Assert.True(result.Exception is null, $"The generator threw: {result.Exception}");
        }
    }
}
