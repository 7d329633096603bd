using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CupiGen.Generator.Model;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Generator.Tests;

/// <summary>The incremental pipeline reuses everything an edit did not touch.</summary>
public class IncrementalTests
{
    // Steps the driver itself tracks; every other tracked step must be named in TrackingNames.
    private static readonly HashSet<string> DriverSteps = new(StringComparer.Ordinal)
    {
        "AdditionalTexts", "AnalyzerConfigOptions", "SourceOutput", "ImplementationSourceOutput", "Compilation",
        "ParseOptions", "MetadataReferences", "SyntaxTrees",
    };

    private sealed class Session
    {
        private readonly Dictionary<string, InMemoryAdditionalText> _texts = new(StringComparer.Ordinal);
        private readonly List<SchemaInput> _inputs;

        public Session(params SchemaInput[] inputs)
        {
            _inputs = [.. inputs];
            foreach (var input in inputs)
            {
                _texts[input.Path] = new InMemoryAdditionalText(input.Path, input.Text);
            }

            Driver = GeneratorHarness.CreateDriver(_texts.Values, GeneratorHarness.OptionsFor(_inputs));
            Compilation = GeneratorHarness.CreateCompilation("namespace Consumer { internal static class First { } }");
        }

        public GeneratorDriver Driver { get; private set; }

        public CSharpCompilation Compilation { get; set; }

        public GeneratorRunResult Run()
        {
            Driver = Driver.RunGenerators(Compilation);
            var result = Driver.GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            return result;
        }

        public void Edit(string path, string newText)
        {
            var replacement = new InMemoryAdditionalText(path, newText);
            Driver = Driver.ReplaceAdditionalText(_texts[path], replacement);
            _texts[path] = replacement;
        }

        public void SetNamespace(string path, string? ns)
        {
            var index = _inputs.FindIndex(i => i.Path == path);
            _inputs[index] = _inputs[index] with { Namespace = ns };
            Driver = Driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.OptionsFor(_inputs));
        }
    }

    private static Dictionary<string, string> SourcesByHint(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    [Fact]
    public void Every_tracking_name_is_tracked_on_the_first_run()
    {
        var session = new Session(TestSchemas.Shipped());
        var result = session.Run();
        foreach (var name in TrackedSteps.AllNames)
        {
            Assert.True(TrackedSteps.Outputs(result, name).Count > 0, $"Step '{name}' has no output");
            Assert.All(TrackedSteps.Outputs(result, name), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
        }

        var unknown = result.TrackedSteps.Keys.Where(k => !DriverSteps.Contains(k) && !TrackedSteps.AllNames.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "Tracked steps not listed in TrackingNames: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Unrelated_csharp_edits_reuse_every_step_and_output()
    {
        var session = new Session(TestSchemas.Shipped());
        var first = session.Run();

        // Add a tree.
        session.Compilation = session.Compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Second { } }", GeneratorHarness.ParseOptions, path: "Second.cs"));
        var second = session.Run();
        AssertEverythingReused(second);

        // Change a tree.
        var tree = session.Compilation.SyntaxTrees.First();
        session.Compilation = session.Compilation.ReplaceSyntaxTree(
            tree,
            CSharpSyntaxTree.ParseText("namespace Consumer { internal static class First { internal const int X = 1; } }", GeneratorHarness.ParseOptions, path: tree.FilePath));
        var third = session.Run();
        AssertEverythingReused(third);

        Assert.Equal(SourcesByHint(first), SourcesByHint(third));
    }

    [Fact]
    public void Whitespace_only_schema_edits_stop_at_the_parsed_schema()
    {
        var schema = TestSchemas.Shipped();
        var session = new Session(schema);
        var first = session.Run();

        // Reindent every line and add blank lines between members: the same JSON, other offsets.
        var reformatted = Regex.Replace(schema.Text, "(?m)^( +)", "$1$1\t").Replace(",\n", ",\n\n", StringComparison.Ordinal);
        Assert.NotEqual(schema.Text, reformatted);
        session.Edit(schema.Path, reformatted);
        var second = session.Run();

        Assert.All(TrackedSteps.Outputs(second, TrackingNames.SchemaFiles), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(TrackedSteps.Outputs(second, TrackingNames.ParsedSchemas), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        TrackedSteps.AssertAllReused(second, TrackingNames.Diagnostics);
        TrackedSteps.AssertAllReused(second, TrackingNames.Resources);
        TrackedSteps.AssertAllReused(second, TrackingNames.Enums);
        TrackedSteps.AssertAllReused(second, TrackingNames.SchemaExports);
        TrackedSteps.AssertAllReused(second, TrackingNames.SchemaCatalog);
        Assert.All(TrackedSteps.OutputStepOutputs(second), o => Assert.True(TrackedSteps.IsReused(o.Reason), o.Reason.ToString()));
        Assert.Equal(SourcesByHint(first), SourcesByHint(second));
    }

    [Fact]
    public void Editing_one_resource_regenerates_only_that_resource()
    {
        var schema = TestSchemas.Shipped();
        var session = new Session(schema);
        var first = session.Run();

        var edited = ReplaceOnce(schema.Text, "A port group template: the configuration", "A port group template (edited): the configuration");
        session.Edit(schema.Path, edited);
        var second = session.Run();

        Assert.All(TrackedSteps.Outputs(second, TrackingNames.ParsedSchemas), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        var resources = TrackedSteps.Outputs(second, TrackingNames.Resources);
        Assert.Equal(8, resources.Count);
        foreach (var (value, reason) in resources)
        {
            var spec = Assert.IsType<ResourceSpec>(value);
            if (spec.TypeName == "PortGroupTemplate")
            {
                Assert.Equal(IncrementalStepRunReason.Modified, reason);
            }
            else
            {
                Assert.True(TrackedSteps.IsReused(reason), $"{spec.TypeName} was {reason}");
            }
        }

        TrackedSteps.AssertAllReused(second, TrackingNames.Enums);
        TrackedSteps.AssertAllReused(second, TrackingNames.Diagnostics);
        var outputs = TrackedSteps.OutputStepOutputs(second);
        Assert.Single(outputs, o => !TrackedSteps.IsReused(o.Reason));

        var before = SourcesByHint(first);
        var after = SourcesByHint(second);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var hint in before.Keys)
        {
            if (hint == "Cupi.PortGroupTemplate.g.cs")
            {
                Assert.NotEqual(before[hint], after[hint]);
                Assert.Contains("A port group template (edited)", after[hint], StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(before[hint], after[hint]);
            }
        }
    }

    [Fact]
    public void Editing_an_endpoint_reruns_only_the_client_output()
    {
        var schema = TestSchemas.Shipped();
        var session = new Session(schema);
        var first = session.Run();

        session.Edit(schema.Path, ReplaceOnce(schema.Text, "\"description\": \"Modifies a port group server.", "\"description\": \"Modifies a port group server (edited)."));
        var second = session.Run();

        // The resource changed, but the model view of it (fields and names only) did not.
        Assert.Single(TrackedSteps.Outputs(second, TrackingNames.Resources), o => !TrackedSteps.IsReused(o.Reason));
        TrackedSteps.AssertAllReused(second, TrackingNames.Models);
        var changed = TrackedSteps.OutputStepOutputs(second).Where(o => !TrackedSteps.IsReused(o.Reason)).ToList();
        Assert.Single(changed); // the client's output; which file it wrote is checked below

        var before = SourcesByHint(first);
        var after = SourcesByHint(second);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal(["Cupi.PortGroupServer.Client.g.cs"], before.Keys.Where(hint => before[hint] != after[hint]));
    }

    [Fact]
    public void Editing_an_endpoint_path_reemits_only_its_table_and_client()
    {
        var schema = TestSchemas.Shipped();
        var session = new Session(schema);
        var first = session.Run();

        session.Edit(schema.Path, ReplaceOnce(schema.Text, "\"path\": \"/vmrest/portgroups/{objectId}/reset\"", "\"path\": \"/vmrest/portgroups/{objectId}/resetnow\""));
        var second = session.Run();

        TrackedSteps.AssertAllReused(second, TrackingNames.Models);
        var tables = TrackedSteps.Outputs(second, TrackingNames.EndpointTables);
        Assert.Equal(["PortGroup"], tables.Where(o => !TrackedSteps.IsReused(o.Reason)).Select(o => ((EndpointTableSpec)o.Value).TypeName));

        var before = SourcesByHint(first);
        var after = SourcesByHint(second);
        Assert.Equal(["Cupi.PortGroup.Client.g.cs", "Cupi.PortGroup.Endpoints.g.cs"], before.Keys.Where(hint => before[hint] != after[hint]).Order(StringComparer.Ordinal));
        Assert.Contains("\"/vmrest/portgroups/{objectId}/resetnow\"", after["Cupi.PortGroup.Endpoints.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_field_reemits_only_that_models_files()
    {
        var schema = TestSchemas.Shipped();
        var session = new Session(schema);
        var first = session.Run();

        session.Edit(schema.Path, ReplaceOnce(schema.Text, "Port of the server (2000 and 2001 in the examples).", "Port of the server (edited)."));
        var second = session.Run();

        var models = TrackedSteps.Outputs(second, TrackingNames.Models);
        Assert.Equal(["PortGroupServer"], models.Where(o => !TrackedSteps.IsReused(o.Reason)).Select(o => ((ResourceSpec)o.Value).TypeName));
        TrackedSteps.AssertAllReused(second, TrackingNames.Enums);
        TrackedSteps.AssertAllReused(second, TrackingNames.ModelRegistries);

        var before = SourcesByHint(first);
        var after = SourcesByHint(second);
        var rewritten = before.Keys.Where(hint => before[hint] != after[hint]).ToList();
        Assert.Equal(["Cupi.PortGroupServer.g.cs"], rewritten);
        Assert.All(before.Keys.Where(hint => !hint.StartsWith("Cupi.PortGroupServer.", StringComparison.Ordinal)), hint => Assert.Equal(before[hint], after[hint]));
    }

    [Fact]
    public void Editing_one_enum_regenerates_only_that_enum()
    {
        var schema = TestSchemas.Shipped();
        var session = new Session(schema);
        session.Run();

        session.Edit(schema.Path, ReplaceOnce(schema.Text, "\"Reset In progress.\"", "\"Reset in progress.\""));
        var second = session.Run();

        TrackedSteps.AssertAllReused(second, TrackingNames.Resources);
        foreach (var (value, reason) in TrackedSteps.Outputs(second, TrackingNames.Enums))
        {
            var spec = Assert.IsType<EnumSpec>(value);
            Assert.Equal(spec.TypeName == "ResetStatus" ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Unchanged, reason);
        }

        Assert.Single(TrackedSteps.OutputStepOutputs(second), o => !TrackedSteps.IsReused(o.Reason));
    }

    [Fact]
    public void Editing_one_schema_leaves_another_schema_cached()
    {
        var shipped = TestSchemas.Shipped();
        var other = new SchemaInput("/schemas/other.schema.json", SmallSchema("Other", "Widget"));
        var session = new Session(shipped, other);
        session.Run();

        session.Edit(other.Path, SmallSchema("Other", "Widget").Replace("A widget.", "A changed widget.", StringComparison.Ordinal));
        var second = session.Run();

        var files = TrackedSteps.Outputs(second, TrackingNames.SchemaFiles);
        Assert.Equal(2, files.Count);
        foreach (var (value, reason) in files)
        {
            var file = Assert.IsType<SchemaFile>(value);
            Assert.Equal(file.Path == other.Path ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached, reason);
        }

        foreach (var (value, reason) in TrackedSteps.Outputs(second, TrackingNames.Resources))
        {
            var spec = Assert.IsType<ResourceSpec>(value);
            Assert.Equal(spec.Namespace == "Other" ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached, reason);
        }

        Assert.Single(TrackedSteps.OutputStepOutputs(second), o => !TrackedSteps.IsReused(o.Reason));
    }

    [Fact]
    public void Changing_the_namespace_metadata_regenerates_everything_in_the_new_namespace()
    {
        var schema = TestSchemas.Shipped();
        var session = new Session(schema);
        session.Run();

        session.SetNamespace(schema.Path, "Contoso.Voice");
        var second = session.Run();

        Assert.All(TrackedSteps.Outputs(second, TrackingNames.Resources), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(second.GeneratedSources, s => Assert.StartsWith("Contoso.Voice.", s.HintName, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolving_a_duplicate_type_generates_it_again()
    {
        var first = new SchemaInput("/schemas/a.schema.json", SmallSchema("Shared", "Widget"));
        var second = new SchemaInput("/schemas/b.schema.json", SmallSchema("Shared", "Widget"));
        var session = new Session(first, second);
        var before = session.Run();

        // The schema whose path sorts first defines the type; the other gives it up and says so, once.
        var duplicate = Assert.Single(before.Diagnostics);
        Assert.Equal("CUPI1013", duplicate.Id);
        Assert.Equal(second.Path, duplicate.Location.GetLineSpan().Path);
        Assert.Equal(
            ["Shared.CupiModels.g.cs", "Shared.Widget.Endpoints.g.cs", "Shared.Widget.Factory.g.cs", "Shared.Widget.g.cs"],
            before.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));

        session.SetNamespace(second.Path, "Separate");
        var after = session.Run();
        Assert.Empty(after.Diagnostics);
        Assert.Equal(
            ["Separate.CupiModels.g.cs", "Separate.Widget.Endpoints.g.cs", "Separate.Widget.Factory.g.cs", "Separate.Widget.g.cs", "Shared.CupiModels.g.cs", "Shared.Widget.Endpoints.g.cs", "Shared.Widget.Factory.g.cs", "Shared.Widget.g.cs"],
            after.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pipeline_outputs_hold_no_symbols_syntax_compilations_or_locations()
    {
        // The shipped schema plus a schema with diagnostics, so that DiagnosticInfo values are walked too.
        var session = new Session(
            TestSchemas.Shipped(),
            new SchemaInput("/schemas/broken.schema.json", SmallSchema("Broken", "Widget").Replace("\"string\"", "\"date\"", StringComparison.Ordinal)));
        var results = new List<GeneratorRunResult> { session.Run() };
        session.Compilation = session.Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class Later { }", GeneratorHarness.ParseOptions));
        results.Add(session.Run());

        Assert.Contains(TrackedSteps.Outputs(results[0], TrackingNames.Diagnostics), o => ((EquatableArray<DiagnosticInfo>)o.Value).Count > 0);
        var problems = new List<string>();
        var walked = 0;
        foreach (var result in results)
        {
            foreach (var (name, steps) in result.TrackedSteps)
            {
                if (DriverSteps.Contains(name))
                {
                    continue;
                }

                foreach (var step in steps)
                {
                    foreach (var (value, _) in step.Outputs)
                    {
                        walked++;
                        problems.AddRange(ObjectGraph.FindForbidden(value, name));
                    }
                }
            }
        }

        Assert.True(walked > 20, $"Only {walked} outputs walked");
        Assert.True(problems.Count == 0, "Pipeline outputs hold:\n" + string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void The_walker_finds_forbidden_objects()
    {
        // Guards the test above against a walker that sees nothing.
        var location = Location.Create("x.json", default, default);
        var holder = new { Inner = new object[] { 1, "s", new List<Location> { location } } };
        Assert.NotEmpty(ObjectGraph.FindForbidden(holder, "holder"));
        Assert.NotEmpty(ObjectGraph.FindForbidden(Tuple.Create(GeneratorHarness.CreateCompilation()), "tuple"));
        Assert.Empty(ObjectGraph.FindForbidden(new LocationInfo("x.json", default, default), "info"));
    }

    private static void AssertEverythingReused(GeneratorRunResult result)
    {
        foreach (var name in TrackedSteps.AllNames)
        {
            TrackedSteps.AssertAllReused(result, name);
        }

        var outputs = TrackedSteps.OutputStepOutputs(result);
        Assert.NotEmpty(outputs);
        Assert.True(outputs.All(o => TrackedSteps.IsReused(o.Reason)), TrackedSteps.Dump(result));
    }

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(find, index + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur exactly once");
        return text[..index] + replacement + text[(index + find.Length)..];
    }

    internal static string SmallSchema(string ns, string type) => $$"""
        {
          "x-cupi-namespace": "{{ns}}",
          "$defs": {
            "{{type}}": {
              "type": "object",
              "description": "A widget.",
              "x-cupi-element": "{{type}}",
              "x-cupi-listElement": "{{type}}s",
              "properties": {
                "Name": { "type": "string", "maxLength": 10 }
              }
            }
          }
        }
        """;
}
