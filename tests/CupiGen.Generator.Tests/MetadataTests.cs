using System;
using System.Linq;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Tests;

/// <summary>Which AdditionalFiles are schemas, the namespace metadata, and schemas that yield nothing.</summary>
public class MetadataTests
{
    // One file per generated source of the shipped schema (models, enums, clients, …), as the baseline test pins them.
    private static int ShippedSourceCount => System.IO.Directory.GetFiles(TestPaths.BaselineDirectory, "*.g.cs.txt").Length;

    [Fact]
    public void Namespace_metadata_overrides_the_schema_namespace()
    {
        var run = GeneratorHarness.Run([TestSchemas.Shipped("Contoso.Voice")], GeneratorHarness.CreateCompilation("""
            namespace Consumer;

            internal static class Usage
            {
                internal static Contoso.Voice.PortGroup Read(string json) => Contoso.Voice.PortGroup.FromJson(json);
            }
            """));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(ShippedSourceCount, run.Sources.Length);
        Assert.All(run.Sources, s => Assert.StartsWith("Contoso.Voice.", s.HintName, StringComparison.Ordinal));
        var portGroup = run.Source("Contoso.Voice.PortGroup.g.cs");
        Assert.Contains("namespace Contoso.Voice\n", portGroup, StringComparison.Ordinal);
        Assert.Contains("global::Contoso.Voice.TelephonyIntegrationMethod?", portGroup, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace Cupi", portGroup, StringComparison.Ordinal);
        Assert.DoesNotContain("global::Cupi.", portGroup, StringComparison.Ordinal);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden));
    }

    [Theory]
    [InlineData("  Contoso.Voice  ")]
    [InlineData("Contoso.Voice")]
    public void Namespace_metadata_is_trimmed(string metadata)
    {
        var run = GeneratorHarness.Run(TestSchemas.Shipped(metadata));
        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.Sources, s => s.HintName == "Contoso.Voice.PortGroup.g.cs");
    }

    [Fact]
    public void Empty_namespace_metadata_keeps_the_schema_namespace()
    {
        var run = GeneratorHarness.Run(TestSchemas.Shipped("   "));
        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.Sources, s => s.HintName == "Cupi.PortGroup.g.cs");
    }

    [Fact]
    public void The_same_schema_in_two_namespaces_generates_both()
    {
        var shipped = TestSchemas.Shipped();
        var run = GeneratorHarness.Run(
            [shipped, new SchemaInput("/other/copy.schema.json", shipped.Text, "Copy")],
            GeneratorHarness.CreateCompilation());
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2 * ShippedSourceCount, run.Sources.Length);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden));
    }

    [Fact]
    public void The_same_schema_twice_in_one_namespace_is_generated_once_and_the_later_copy_reports_its_resources()
    {
        var shipped = TestSchemas.Shipped();
        var copy = new SchemaInput("/other/copy.schema.json", shipped.Text);
        var run = GeneratorHarness.Run(shipped, copy);

        // The copy's path sorts first, so it defines every type; its enums and the shipped file's are the same
        // types (no diagnostic), each resource the shipped file defines again is reported there.
        var alone = GeneratorHarness.Run(shipped);
        Assert.Equal(alone.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal), run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.All(run.Diagnostics, d => Assert.Equal("CUPI1013", d.Id));
        Assert.Equal(8, run.Diagnostics.Length);
        Assert.All(run.Diagnostics, d => Assert.Equal(TestSchemas.ShippedPath, d.Location.GetLineSpan().Path));
        var portGroup = Assert.Single(run.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Cupi.PortGroup'", StringComparison.Ordinal));
        Assert.Equal(new LinePosition(8, 4), portGroup.Location.GetLineSpan().StartLinePosition); // "PortGroup": at line 9, column 5
        Assert.Contains(copy.Path, portGroup.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("")]
    [InlineData("yes")]
    public void Additional_files_not_marked_as_schemas_are_ignored(string? marker)
    {
        var text = new InMemoryAdditionalText("/schemas/notes.json", TestPaths.ReadShippedSchema());
        var options = new TestAnalyzerConfigOptionsProvider(marker is null
            ? []
            : [new(text.Path, TestAnalyzerConfigOptionsProvider.SchemaMetadata(marker: marker))]);
        var driver = GeneratorHarness.CreateDriver([text], options);
        var run = GeneratorHarness.RunDriver(driver, GeneratorHarness.CreateCompilation(GeneratorHarness.DefaultOptions));
        Assert.Empty(run.Sources);
        Assert.Empty(run.Diagnostics);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData(" TRUE ")]
    public void The_schema_marker_is_case_insensitive(string marker)
    {
        var text = new InMemoryAdditionalText(TestSchemas.ShippedPath, TestPaths.ReadShippedSchema());
        var options = new TestAnalyzerConfigOptionsProvider([new(text.Path, TestAnalyzerConfigOptionsProvider.SchemaMetadata(marker: marker))]);
        var run = GeneratorHarness.RunDriver(GeneratorHarness.CreateDriver([text], options), GeneratorHarness.CreateCompilation(GeneratorHarness.DefaultOptions));
        Assert.Equal(ShippedSourceCount, run.Sources.Length);
    }

    [Fact]
    public void A_schema_without_valid_resources_emits_nothing_and_reports_why()
    {
        var schema = """
            {
              "x-cupi-namespace": "Empty",
              "$defs": {
                "Widget": { "type": "object", "x-cupi-listElement": "Widgets", "properties": {} },
                "Gadget": { "type": "object", "x-cupi-element": "Gadget", "x-cupi-listElement": "Gadgets" },
                "Gizmo": { "type": "string" }
              }
            }
            """;
        var run = GeneratorHarness.Run(new SchemaInput("/schemas/empty.schema.json", schema));

        Assert.Empty(run.Sources);
        Assert.Equal(3, run.Diagnostics.Length);
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            ["CUPI1002", "CUPI1009", "CUPI1009"],
            run.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_schema_with_empty_defs_emits_nothing_and_reports_nothing()
    {
        var run = GeneratorHarness.Run(new SchemaInput("/schemas/empty.schema.json", """{ "x-cupi-namespace": "Empty", "$defs": {} }"""));
        Assert.Empty(run.Sources);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void A_broken_schema_does_not_stop_another_schema()
    {
        var run = GeneratorHarness.Run(
            TestSchemas.Shipped(),
            new SchemaInput("/schemas/broken.schema.json", "{ \"x-cupi-namespace\": \"Broken\", \"$defs\": "));
        Assert.Equal(ShippedSourceCount, run.Sources.Length);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CUPI1001", diagnostic.Id);
        Assert.Equal("/schemas/broken.schema.json", diagnostic.Location.GetLineSpan().Path);
    }
}
