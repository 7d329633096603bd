using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Tests;

/// <summary>
/// The guard around every emit step: an emitter's exception becomes CUPI1000 naming the type, at the first line of
/// the schema that defines it, never CS8785. The parser no longer hands emitters a spec they cannot handle, so the
/// failing emitter here is a delegate that fails the way ValidationEmitter used to (an index past the fields):
/// these tests build no specs by hand, so they do not depend on the spec records' shape.
/// </summary>
public class EmitGuardTests
{
    private static readonly Location SchemaStart =
        Location.Create("/schemas/broken.schema.json", default(TextSpan), default(LinePositionSpan));

    [Fact]
    public void An_emitter_that_throws_reports_CUPI1000_instead_of_throwing()
    {
        var fields = new[] { "Name" };
        var added = new List<string>();
        var reported = new List<Diagnostic>();
        var ok = EmitGuard.TryAddSource(
            (hint, _) => added.Add(hint),
            reported.Add,
            "Broken.Widget.g.cs",
            "Broken.Widget",
            SchemaStart,
            () => fields[Array.IndexOf(fields, "Widget")]);

        Assert.False(ok);
        Assert.Empty(added);
        var diagnostic = Assert.Single(reported);
        Assert.Equal("CUPI1000", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "Internal error generating Broken.Widget: IndexOutOfRangeException: " + new IndexOutOfRangeException().Message,
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("/schemas/broken.schema.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_working_emitter_adds_its_source_and_reports_nothing()
    {
        var added = new List<(string Hint, string Text)>();
        var reported = new List<Diagnostic>();

        var ok = EmitGuard.TryAddSource((hint, text) => added.Add((hint, text.ToString())), reported.Add, "Broken.Widget.g.cs", "Broken.Widget", SchemaStart, () => "// generated");

        Assert.True(ok);
        Assert.Empty(reported);
        Assert.Equal(("Broken.Widget.g.cs", "// generated"), Assert.Single(added));
    }

    [Fact]
    public void Cancellation_is_not_turned_into_a_diagnostic()
    {
        var reported = new List<Diagnostic>();
        Assert.Throws<OperationCanceledException>(() => EmitGuard.TryAddSource(
            (_, _) => { }, reported.Add, "X.g.cs", "X", Location.None, () => throw new OperationCanceledException()));
        Assert.Empty(reported);
    }

    [Fact]
    public void A_refused_hint_name_is_CUPI1013_at_the_schema()
    {
        var reported = new List<Diagnostic>();
        var ok = EmitGuard.TryAddSource(
            (_, _) => throw new ArgumentException("hint name already used"), reported.Add, "X.g.cs", "Broken.X", SchemaStart, () => "// x");

        Assert.False(ok);
        var diagnostic = Assert.Single(reported);
        Assert.Equal("CUPI1013", diagnostic.Id);
        Assert.Equal("/schemas/broken.schema.json", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void The_crash_schema_now_generates_without_internal_errors()
    {
        // The schema that used to crash ValidationEmitter (IndexOutOfRangeException, then CS8785 and nothing
        // generated): the field named like its type is dropped before references to it are resolved.
        var text = System.IO.File.ReadAllText(System.IO.Path.Combine(TestPaths.BrokenSchemaDirectory, "property-named-like-type-required.json"));
        var run = GeneratorHarness.Run(new SchemaInput("/schemas/crash.json", text));

        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CUPI1000" or "CS8785");
        Assert.Contains(run.Sources, s => s.HintName == "Broken.Widget.g.cs" && s.SourceText.ToString().Contains("CupiValidator.Validate(this", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.WarningsAndErrors(run));
    }
}

public class TypeFilesTests
{
    [Fact]
    public void A_type_is_located_at_the_first_line_of_the_schema_that_defines_it()
    {
        var file = new CupiGen.Generator.Model.SchemaFile(TestSchemas.ShippedPath, TestPaths.ReadShippedSchema(), null);
        var files = TypeFilesOf(file);

        var location = files.Locate("Cupi.PortGroup").GetLineSpan();
        Assert.Equal(TestSchemas.ShippedPath, location.Path);
        Assert.Equal(0, location.StartLinePosition.Line);
        Assert.Equal(TestSchemas.ShippedPath, files.LocateNamespace("Cupi").GetLineSpan().Path);
        Assert.Equal(Location.None, files.Locate("Cupi.NoSuchType"));
        Assert.Equal(Location.None, files.LocateNamespace("Other"));

        // Paths only: the same schema with different whitespace gives an equal value, so emit outputs stay cached.
        var reformatted = new CupiGen.Generator.Model.SchemaFile(TestSchemas.ShippedPath, "\n\n" + TestPaths.ReadShippedSchema(), null);
        Assert.Equal(files, TypeFilesOf(reformatted));
    }

    private static TypeFiles TypeFilesOf(CupiGen.Generator.Model.SchemaFile file) =>
        TypeFiles.From(CupiGen.Generator.Model.SchemaCatalog.From([CupiGen.Generator.Parsing.SchemaParser.ParseLocal(file, default).Exports]));
}
