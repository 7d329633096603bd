using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CupiGen.Analyzers.Tests;

/// <summary>
/// What every diagnostic must have besides a test: a help link to its section of docs/diagnostics.md and an entry
/// in the analyzer release files; and how the analyzer behaves as a compiler component.
/// </summary>
public class MetadataTests
{
    private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors = new CupiUsageAnalyzer().SupportedDiagnostics;

    [Fact]
    public void The_analyzer_supports_CUPI2001_to_CUPI2010()
    {
        var expected = Enumerable.Range(2001, 10).Select(n => "CUPI" + n);
        Assert.Equal(expected, Descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_diagnostic_the_analyzer_reports_has_a_code_fix() =>
        Assert.Equal(
            Descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal),
            new CupiUsageCodeFixProvider().FixableDiagnosticIds.OrderBy(id => id, StringComparer.Ordinal));

    [Fact]
    public void Every_help_link_points_at_a_section_of_the_diagnostics_document()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));

        // GitHub's anchor of a heading: lower case, spaces to '-', punctuation dropped.
        var anchors = Regex.Matches(document, @"^#{1,6}\s+(.+?)\s*$", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Groups[1].Value.ToLowerInvariant().Replace(' ', '-'), @"[^a-z0-9_\-]", ""))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var descriptor in Descriptors)
        {
            const string Base = "https://github.com/cupigen/CupiGen/blob/main/docs/diagnostics.md#";
            Assert.StartsWith(Base, descriptor.HelpLinkUri, StringComparison.Ordinal);
            var anchor = descriptor.HelpLinkUri.Substring(Base.Length);
            Assert.True(anchors.Contains(anchor), $"{descriptor.Id}: no heading in docs/diagnostics.md has the anchor #{anchor}");
        }
    }

    [Fact]
    public void Every_diagnostic_section_says_how_to_fix_it_and_shows_an_example()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        foreach (var descriptor in Descriptors)
        {
            var heading = "## " + descriptor.Id.ToLowerInvariant() + "\n";
            var start = document.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(start >= 0, descriptor.Id);
            var end = document.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
            var section = end < 0 ? document.Substring(start) : document.Substring(start, end - start);
            Assert.Contains(descriptor.Title.ToString(), section, StringComparison.Ordinal);
            Assert.Contains(descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "(error)" : "(warning)", section, StringComparison.Ordinal);
            Assert.Contains("Fix:", section, StringComparison.Ordinal);
            Assert.Contains("`", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_diagnostic_is_in_the_analyzer_release_files_with_its_category_and_severity()
    {
        var directory = Path.Combine(RepositoryRoot(), "generator", "CupiGen.Analyzers");
        var rows = File.ReadAllLines(Path.Combine(directory, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(directory, "AnalyzerReleases.Unshipped.md")))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0].StartsWith("CUPI", StringComparison.Ordinal))
            .ToList();
        foreach (var descriptor in Descriptors)
        {
            var row = Assert.Single(rows, cells => cells[0] == descriptor.Id);
            Assert.Equal(descriptor.Category, row[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
        }

        Assert.Equal(Descriptors.Length, rows.Count);
    }

    // ------------------------------------------------------------------ as a compiler component

    [Fact]
    public async Task Generated_code_never_trips_the_analyzer_even_when_it_is_analyzed()
    {
        // The generated models, validators and factories write their fields, never their properties: with
        // generated-code analysis forced on, the only diagnostic is the user's write.
        const string User = "class C { static void M(Cupi.PortGroup p) => p.ObjectId = \"x\"; }";
        var diagnostics = await AnalyzeAsync(new AnalyzeGeneratedCode(), User);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CUPI2001", diagnostic.Id);
        Assert.Equal("User.cs", diagnostic.Location.SourceTree!.FilePath);
    }

    [Fact]
    public async Task Code_marked_as_generated_is_skipped()
    {
        const string User = "// <auto-generated/>\nclass C { static void M(Cupi.PortGroup p) => p.ObjectId = \"x\"; }";
        Assert.Empty(await AnalyzeAsync(new CupiUsageAnalyzer(), User));
        Assert.Single(await AnalyzeAsync(new CupiUsageAnalyzer(), User.Substring(User.IndexOf('\n') + 1)));
    }

    [Fact]
    public void The_analyzer_runs_concurrently_and_skips_generated_code()
    {
        var context = new RecordingContext();
        new CupiUsageAnalyzer().Initialize(context);
        Assert.True(context.Concurrent);
        Assert.Equal(GeneratedCodeAnalysisFlags.None, context.GeneratedCode);
        Assert.Equal(1, context.CompilationStartActions); // attribute symbols are looked up once per compilation
        Assert.Equal(0, context.OtherActions);
    }

    [Fact]
    public async Task Without_the_CupiGen_runtime_the_analyzer_registers_nothing_per_operation()
    {
        // A look-alike PortGroup with attributes of the same names but not CupiGen's: nothing is reported, and
        // the compilation-start action bails out before registering operation actions.
        const string Source = """
            namespace CupiGen { public sealed class CupiReadOnlyAttribute : System.Attribute { } }
            namespace Cupi { public sealed class PortGroup { [CupiGen.CupiReadOnly] public string? ObjectId { get; set; } } }
            class C { static void M(Cupi.PortGroup p) => p.ObjectId = "x"; }
            """;
        var compilation = CSharpCompilation.Create(
            "NoRuntime",
            [CSharpSyntaxTree.ParseText(Source, path: "User.cs")],
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var analyzer = new CupiUsageAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, string user)
    {
        var options = (CSharpParseOptions)CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = CupiTest.Generated.Value
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Name))
            .Append(CSharpSyntaxTree.ParseText(user, options, "User.cs"));
        var compilation = CSharpCompilation.Create(
            "Analyzed", trees, CupiTest.References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "diagnostics.md")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find docs/diagnostics.md above " + AppContext.BaseDirectory);
    }

    /// <summary>The real analyzer with generated-code analysis forced on.</summary>
#pragma warning disable RS1001, RS1025, RS1026 // a test wrapper, never shipped
    private sealed class AnalyzeGeneratedCode : DiagnosticAnalyzer
    {
        private readonly CupiUsageAnalyzer inner = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => inner.SupportedDiagnostics;

        public override void Initialize(AnalysisContext context) => inner.Initialize(new ForceGenerated(context));

        private sealed class ForceGenerated(AnalysisContext context) : AnalysisContext
        {
            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) =>
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);

            public override void EnableConcurrentExecution() => context.EnableConcurrentExecution();

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => context.RegisterCompilationStartAction(action);

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => context.RegisterCompilationAction(action);

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => context.RegisterSemanticModelAction(action);

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => context.RegisterSymbolAction(action, symbolKinds);

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => context.RegisterCodeBlockStartAction(action);

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(action);

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => context.RegisterSyntaxTreeAction(action);

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => context.RegisterSyntaxNodeAction(action, syntaxKinds);

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => context.RegisterOperationAction(action, operationKinds);
        }
    }

    /// <summary>Records what the analyzer asks of the host in <c>Initialize</c>.</summary>
    private sealed class RecordingContext : AnalysisContext
    {
        public bool Concurrent { get; private set; }

        public GeneratedCodeAnalysisFlags? GeneratedCode { get; private set; }

        public int CompilationStartActions { get; private set; }

        public int OtherActions { get; private set; }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCode = analysisMode;

        public override void EnableConcurrentExecution() => Concurrent = true;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => CompilationStartActions++;

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => OtherActions++;

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => OtherActions++;

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => OtherActions++;

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => OtherActions++;

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => OtherActions++;

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => OtherActions++;

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => OtherActions++;

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => OtherActions++;
    }
#pragma warning restore RS1001, RS1025, RS1026
}
