using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Basic.Reference.Assemblies;
using CupiGen.Generator;
using CupiGen.Tool.Cli;
using CupiGen.Tool.Page;
using CupiGen.Tool.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Tool.Tests;

/// <summary>
/// A second resource, Partitions, in the same page format: its extracted schema (no overrides) goes through the
/// generator in memory, compiles without errors, and the generated model reads the page's own examples.
/// </summary>
public sealed class SecondPageTests
{
    private const string Namespace = "Contoso.Partitions";

    private static readonly Lazy<Assembly> Generated = new(() =>
        Compile(ExtractCommand.Run(Repo.Page("partitions.txt"), "partitions.txt", null, null, Namespace, "partitions.schema.json").SchemaText, Namespace + ".Partition.g.cs"));

    /// <summary>Runs the generator on a schema, compiles what it generates, and loads the assembly.</summary>
    internal static Assembly Compile(string schemaText, string expectedHintName)
    {
        var schema = new SchemaText("generated.schema.json", schemaText);
        var driver = CSharpGeneratorDriver.Create(
            new[] { new CupiGenerator().AsSourceGenerator() },
            new AdditionalText[] { schema },
            new CSharpParseOptions(LanguageVersion.Latest),
            new SchemaOptions(schema.Path));
        var references = Net80.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(global::CupiGen.CupiList<>).Assembly.Location));
        var compilation = CSharpCompilation.Create("Partitions.Generated", Array.Empty<SyntaxTree>(), references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var ran = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var run = ran.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Contains(run.GeneratedSources, s => s.HintName == expectedHintName);

        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>The text of the page's code block that starts at or after a line, page breaks joined.</summary>
    private static string Example(string startsWith)
    {
        var page = CupiPage.Parse(Repo.Page("partitions.txt"), "partitions.txt");
        var block = page.Blocks.First(b => b.Lines.Count > 0 && b.Lines[0].Text.TrimStart().StartsWith(startsWith, StringComparison.Ordinal));
        return string.Join("\n", block.Lines.Where(l => !l.Text.StartsWith("Response Code", StringComparison.Ordinal)).Select(l => l.Text));
    }

    private static Type Partition => Generated.Value.GetType(Namespace + ".Partition", throwOnError: true)!;

    private static object? Get(object model, string property) => model.GetType().GetProperty(property)!.GetValue(model);

    [Fact]
    public void The_generated_model_reads_the_page_xml_example()
    {
        var model = Partition.GetMethod("FromXml", new[] { typeof(string) })!.Invoke(null, new object[] { Example("<Partition>") })!;
        Assert.Equal("Lab Partition", Get(model, "Name"));
        Assert.Equal("Extensions used by the test lab", Get(model, "Description"));
        Assert.Equal("9e41a2b0-6c3d-4f58-8a17-0d2e5b6c7f80", Get(model, "LocationObjectId"));
    }

    [Fact]
    public void The_generated_model_reads_the_page_list_examples_cut_by_a_page_break()
    {
        var list = Partition.GetMethod("ListFromXml", new[] { typeof(string) })!.Invoke(null, new object[] { Example("<Partitions") })!;
        var items = ((System.Collections.IEnumerable)list).Cast<object>().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("cuc-01 Partition", Get(items[0], "Name"));   // the padded value, trimmed

        var json = Partition.GetMethod("ListFromJson", new[] { typeof(string) })!.Invoke(null, new object[] { Example("{\n  \"@total\"".Split('\n')[0]) })!;
        Assert.Single(((System.Collections.IEnumerable)json).Cast<object>());
    }

    [Fact]
    public void The_extracted_rules_reach_the_generated_validation()
    {
        var model = Activator.CreateInstance(Partition)!;
        Partition.GetProperty("Name")!.SetValue(model, new string('x', 41));   // String(40) / "maximum length can be 40"
        Partition.GetProperty("Description")!.SetValue(model, "ok");
        var validate = Partition.GetMethod("Validate", new[] { typeof(global::CupiGen.CupiOperation) })!;
        var result = (global::CupiGen.CupiValidationResult)validate.Invoke(model, new object[] { global::CupiGen.CupiOperation.Create })!;
        Assert.False(result.IsValid);
        Assert.Equal("Name", Assert.Single(result.Errors).Field);

        Partition.GetProperty("Name")!.SetValue(model, "Sales");
        Assert.True(((global::CupiGen.CupiValidationResult)validate.Invoke(model, new object[] { global::CupiGen.CupiOperation.Create })!).IsValid);
    }

    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }

    /// <summary>The item metadata a &lt;CupiGenSchema Include="…" /&gt; item gives the file.</summary>
    private sealed class SchemaOptions(string schemaPath) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options None = new(ImmutableDictionary<string, string>.Empty);
        private readonly Options _schema = new(ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.CupiGenSchema", "true"));

        public override AnalyzerConfigOptions GlobalOptions => None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile.Path == schemaPath ? _schema : None;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
