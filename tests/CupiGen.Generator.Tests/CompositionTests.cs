using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using CupiGen.Generator.Model;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests;

/// <summary>
/// Schemas of one compilation compose: a user's schema refers to the shipped schema's resources and enums, an
/// enum two schemas of one namespace define alike is one type, and a conflicting one is reported where it is
/// without breaking the build.
/// </summary>
public class CompositionTests
{
    internal const string PortsPath = "/schemas/contoso-ports.schema.json";

    // A user's schema in its own namespace: a reference to the shipped PortGroup (with a matches rule and a
    // pertinence rule that read the referenced port group) and a field typed with the shipped enum.
    internal const string PortsSchema = """
        {
          "x-cupi-namespace": "Contoso.Ports",
          "$defs": {
            "Port": {
              "type": "object",
              "description": "A port of a port group.",
              "x-cupi-element": "Port",
              "x-cupi-listElement": "Ports",
              "properties": {
                "DisplayName": { "type": "string", "maxLength": 20 },
                "PortGroupObjectId": {
                  "type": "string",
                  "format": "uuid",
                  "x-cupi-references": "PortGroup",
                  "x-cupi-matches": { "field": "Method", "lookupField": "TelephonyIntegrationMethodEnum" }
                },
                "Method": { "$ref": "../schema/cupi-portgroups.schema.json#/$defs/TelephonyIntegrationMethod", "default": 2 },
                "SendsMwi": {
                  "type": "boolean",
                  "x-cupi-pertinentWhen": { "field": "PortGroupObjectId", "lookup": "Cupi.PortGroup", "lookupField": "EnableMWI", "equals": true }
                }
              }
            }
          }
        }
        """;

    private const string GroupId = "11111111-2222-3333-4444-555555555555";

    // Runs the rules across the two schemas: a SIP port group without MWI, and ports that agree or disagree with it.
    private const string Probe = """
        using System.Linq;

        namespace Consumer
        {
            /// <summary>Validates ports against a port group of the shipped schema.</summary>
            public static class Probe
            {
                /// <summary>The problems of a port that disagrees with its port group, then of one that agrees.</summary>
                /// <returns>One line per port: rule and field of each problem.</returns>
                public static string Run()
                {
                    var group = new global::Cupi.PortGroup
                    {
                        TelephonyIntegrationMethodEnum = global::Cupi.TelephonyIntegrationMethod.Sip,
                        EnableMWI = false,
                    };
                    var context = new global::CupiGen.CupiValidationContext().Add("11111111-2222-3333-4444-555555555555", group);

                    // One enum type: the shipped enum's value goes into the user's field as it is.
                    global::Cupi.TelephonyIntegrationMethod sccp = global::Cupi.TelephonyIntegrationMethod.Sccp;
                    var wrong = new global::Contoso.Ports.Port { PortGroupObjectId = "11111111-2222-3333-4444-555555555555", Method = sccp, SendsMwi = true };
                    var right = new global::Contoso.Ports.Port { PortGroupObjectId = "11111111-2222-3333-4444-555555555555", Method = group.TelephonyIntegrationMethodEnum };
                    return Describe(wrong.Validate(global::CupiGen.CupiOperation.Create, context)) + "\n" +
                           Describe(right.Validate(global::CupiGen.CupiOperation.Create, context));
                }

                private static string Describe(global::CupiGen.CupiValidationResult result) =>
                    string.Join(", ", result.Problems.Select(p => p.Rule + " " + p.Field).OrderBy(s => s, System.StringComparer.Ordinal));
            }
        }
        """;

    private static SchemaInput Ports(string text = PortsSchema) => new(PortsPath, text);

    [Fact]
    public void A_users_schema_uses_the_shipped_schemas_resources_and_enums()
    {
        var run = GeneratorHarness.Run([TestSchemas.Shipped(), Ports()], GeneratorHarness.CreateCompilation(Probe));

        Assert.Empty(run.Diagnostics);
        var port = run.Source("Contoso.Ports.Port.g.cs");
        Assert.Contains("public global::Cupi.TelephonyIntegrationMethod? Method", port, StringComparison.Ordinal);
        Assert.Contains("references: \"Cupi.PortGroup\"", port, StringComparison.Ordinal);
        Assert.Contains("\"Cupi.PortGroup\", \"EnableMWI\")", port, StringComparison.Ordinal);
        Assert.Contains("\"Cupi.PortGroup\", \"TelephonyIntegrationMethodEnum\")", port, StringComparison.Ordinal);
        Assert.Contains("defaultValue: \"2\"", port, StringComparison.Ordinal);
        Assert.Contains("Default: Sip (2).", port, StringComparison.Ordinal);
        Assert.Contains("enumValues: new int[] { 1, 2, 3 }", port, StringComparison.Ordinal);

        // The enum stays the shipped schema's: generated once, in its namespace.
        Assert.DoesNotContain(run.Sources, s => s.HintName.StartsWith("Contoso.Ports.TelephonyIntegrationMethod", StringComparison.Ordinal));
        Assert.Single(run.Sources, s => s.HintName == "Cupi.TelephonyIntegrationMethod.g.cs");

        GeneratorHarness.AssertCompilesCleanly(run);

        // The rules read the referenced port group across the two schemas (and namespaces).
        var lines = RunProbe(run.OutputCompilation).Split('\n');
        Assert.Equal("Consistency PortGroupObjectId, Pertinence SendsMwi", lines[0]);
        Assert.Equal(string.Empty, lines[1]);
    }

    [Fact]
    public void An_enum_two_schemas_of_one_namespace_define_alike_is_one_type()
    {
        var run = GeneratorHarness.Run(
            [new SchemaInput("/schemas/a.schema.json", WithEnum("Widget", "Two", 2)), new SchemaInput("/schemas/b.schema.json", WithEnum("Gadget", "Two", 2))],
            GeneratorHarness.CreateCompilation("""
                namespace Consumer
                {
                    /// <summary>Uses both resources with one enum value.</summary>
                    public static class Use
                    {
                        /// <summary>Copies the mode across.</summary>
                        /// <returns>The widget.</returns>
                        public static global::Shared.Widget Copy() =>
                            new global::Shared.Widget { Mode = new global::Shared.Gadget { Mode = global::Shared.Mode.Two }.Mode };
                    }
                }
                """));

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources, s => s.HintName == "Shared.Mode.g.cs");
        Assert.Contains(run.Sources, s => s.HintName == "Shared.Widget.g.cs");
        Assert.Contains(run.Sources, s => s.HintName == "Shared.Gadget.g.cs");
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    [Fact]
    public void A_conflicting_enum_is_reported_once_where_it_is_and_the_build_has_no_other_error()
    {
        var run = GeneratorHarness.Run(
            [new SchemaInput("/schemas/a.schema.json", WithEnum("Widget", "Two", 2)), new SchemaInput("/schemas/b.schema.json", WithEnum("Gadget", "Two", 3))],
            GeneratorHarness.CreateCompilation("""
                namespace Consumer
                {
                    /// <summary>Uses the enum the first schema defines, through the second schema's resource.</summary>
                    public static class Use
                    {
                        /// <summary>Sets the mode.</summary>
                        /// <returns>The gadget.</returns>
                        public static global::Shared.Gadget Make() => new global::Shared.Gadget { Mode = global::Shared.Mode.Two };
                    }
                }
                """));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CUPI1015", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/schemas/b.schema.json", span.Path);
        Assert.Equal(PositionOf(WithEnum("Gadget", "Two", 3), "\"Mode\": {\n"), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal("\"Mode\"".Length, diagnostic.Location.SourceSpan.Length);
        Assert.Contains("'Two' is 2 there, 3 here", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The first schema's enum is the type, generated once; the second schema's field uses its members.
        Assert.Single(run.Sources, s => s.HintName == "Shared.Mode.g.cs");
        Assert.Contains("Two = 2,", run.Source("Shared.Mode.g.cs"), StringComparison.Ordinal);
        Assert.Contains("enumValues: new int[] { 1, 2 }", run.Source("Shared.Gadget.g.cs"), StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    [Fact]
    public void A_resource_two_schemas_define_is_generated_from_the_first()
    {
        var run = GeneratorHarness.Run(
            [new SchemaInput("/schemas/b.schema.json", IncrementalTests.SmallSchema("Shared", "Widget").Replace("\"maxLength\": 10", "\"maxLength\": 30", StringComparison.Ordinal)),
             new SchemaInput("/schemas/a.schema.json", IncrementalTests.SmallSchema("Shared", "Widget"))],
            GeneratorHarness.CreateCompilation(GeneratorHarness.DefaultOptions));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CUPI1013", diagnostic.Id);
        Assert.Equal("/schemas/b.schema.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("maxLength: 10", run.Source("Shared.Widget.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_root_client_name_another_schema_of_the_namespace_takes_first_is_reported()
    {
        static string WithClient(string type) => IncrementalTests.SmallSchema("Shared", type)
            .Replace("\"properties\"", "\"x-cupi-client\": { \"name\": \"Items\" },\n      \"x-cupi-endpoints\": [ { \"name\": \"Get\", \"method\": \"GET\", \"path\": \"/vmrest/items/{objectId}\", \"response\": { \"status\": 200, \"body\": \"object\" } } ],\n      \"properties\"", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(
            [new SchemaInput("/schemas/a.schema.json", WithClient("Widget")), new SchemaInput("/schemas/b.schema.json", WithClient("Gadget"))],
            GeneratorHarness.CreateCompilation(GeneratorHarness.DefaultOptions));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CUPI1003", diagnostic.Id);
        Assert.Equal("/schemas/b.schema.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains(run.Sources, s => s.HintName == "Shared.Widget.Client.g.cs");
        Assert.DoesNotContain(run.Sources, s => s.HintName == "Shared.Gadget.Client.g.cs");
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Unknown_and_ambiguous_references_to_other_schemas_are_reported_where_they_are()
    {
        var text = PortsSchema
            .Replace("\"x-cupi-references\": \"PortGroup\"", "\"x-cupi-references\": \"Widget\"", StringComparison.Ordinal)
            .Replace("\"lookup\": \"Cupi.PortGroup\"", "\"lookup\": \"Cupi.NoSuchType\"", StringComparison.Ordinal)
            .Replace("../schema/cupi-portgroups.schema.json#/$defs/TelephonyIntegrationMethod", "cupi-portgroups.schema.json#/$defs/NoSuchEnum", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(
            TestSchemas.Shipped(),
            Ports(text),
            new SchemaInput("/schemas/one.schema.json", IncrementalTests.SmallSchema("One", "Widget")),
            new SchemaInput("/schemas/two.schema.json", IncrementalTests.SmallSchema("Two", "Widget")));

        var found = run.Diagnostics
            .Select(d => (d.Id, d.Location.GetLineSpan().Path, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Column: d.Location.GetLineSpan().StartLinePosition.Character + 1))
            .OrderBy(d => d.Line)
            .ToList();
        var widget = PositionOf(text, "\"Widget\"");
        var noSuchEnum = PositionOf(text, "\"cupi-portgroups.schema.json#/$defs/NoSuchEnum\"");
        var noSuchType = PositionOf(text, "\"Cupi.NoSuchType\"");
        Assert.Equal(
            [("CUPI1016", PortsPath, widget.Line, widget.Column), ("CUPI1016", PortsPath, noSuchEnum.Line, noSuchEnum.Column), ("CUPI1005", PortsPath, noSuchType.Line, noSuchType.Column)],
            found);
        var messages = run.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(messages, m => m.Contains("the namespaces One, Two each define one", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'cupi-portgroups.schema.json' defines no enum 'NoSuchEnum'", StringComparison.Ordinal));

        // What could not be resolved is left out; the rest of the user's resource is generated and compiles.
        Assert.DoesNotContain("\"Method\"", run.Source("Contoso.Ports.Port.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("\"TelephonyIntegrationMethod\": {", "\"TelephonyIntegrationMethodGone\": {")] // the enum the user's field uses
    [InlineData("\"PortGroup\": {", "\"PortGroupGone\": {")] // the resource the user's field refers to
    [InlineData("\"EnableMWI\": {", "\"EnableMwiGone\": {")] // the field the pertinence rule reads
    [InlineData("\"TelephonyIntegrationMethodEnum\": {\n          \"$ref\": \"#/$defs/TelephonyIntegrationMethod\",", "\"TelephonyIntegrationMethodEnum\": {\n          \"type\": \"string\",")] // the field matches compares, retyped
    public void Taking_away_what_a_users_schema_uses_is_reported_and_the_build_stays_clean(string find, string replacement)
    {
        var shipped = TestSchemas.Shipped();
        var index = shipped.Text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, find);
        var changed = shipped.Text[..index] + replacement + shipped.Text[(index + find.Length)..];
        var run = GeneratorHarness.Run([TestSchemas.ShippedWithText(changed), Ports()], GeneratorHarness.CreateCompilation());

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CUPI1000");
        Assert.Contains(run.Diagnostics, d => d.Location.GetLineSpan().Path == PortsPath && d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(run.Sources, s => s.HintName == "Contoso.Ports.Port.g.cs");
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    [Fact]
    public void Editing_the_shipped_schemas_documentation_leaves_the_users_schema_cached()
    {
        var session = new Session(TestSchemas.Shipped(), Ports());
        session.Run();

        var second = session.Edit(TestSchemas.ShippedPath, text => text.Replace("\"Session Initiation Protocol (SIP) integration method.\"", "\"SIP (edited).\"", StringComparison.Ordinal));

        TrackedSteps.AssertAllReused(second, TrackingNames.SchemaExports);
        TrackedSteps.AssertAllReused(second, TrackingNames.SchemaCatalog);
        foreach (var (value, reason) in TrackedSteps.Outputs(second, TrackingNames.Resources))
        {
            Assert.True(TrackedSteps.IsReused(reason), $"{((ResourceSpec)value).TypeName} was {reason}");
        }

        // Only the enum whose documentation changed is written again.
        Assert.Single(TrackedSteps.OutputStepOutputs(second), o => !TrackedSteps.IsReused(o.Reason));
    }

    [Fact]
    public void Changing_an_enum_another_schema_uses_regenerates_that_schemas_model_only()
    {
        var session = new Session(TestSchemas.Shipped(), Ports());
        var before = session.Run().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

        // Two more integration methods: the user's field now allows them too.
        var second = session.Edit(TestSchemas.ShippedPath, text => text.Replace(
            "\"title\": \"Sip\",",
            "\"title\": \"Sip\", \"description\": \"SIP.\" }, { \"const\": 9, \"title\": \"Future\" }, { \"const\": 8, \"title\": \"Later\",",
            StringComparison.Ordinal));

        Assert.Single(TrackedSteps.Outputs(second, TrackingNames.SchemaCatalog), o => o.Reason == IncrementalStepRunReason.Modified);
        var after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        var rewritten = before.Keys.Where(hint => before[hint] != after[hint]).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("Contoso.Ports.Port.g.cs", rewritten);
        Assert.Contains("Cupi.TelephonyIntegrationMethod.g.cs", rewritten);
        Assert.DoesNotContain("Contoso.Ports.Port.Factory.g.cs", rewritten);
        Assert.Contains("enumValues: new int[] { 1, 2, 9, 8, 3 }", after["Contoso.Ports.Port.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_the_users_schema_reparses_only_it()
    {
        var session = new Session(TestSchemas.Shipped(), Ports());
        session.Run();

        var second = session.Edit(PortsPath, text => text.Replace("A port of a port group.", "A port (edited).", StringComparison.Ordinal));

        foreach (var (value, reason) in TrackedSteps.Outputs(second, TrackingNames.LocalParses))
        {
            var local = Assert.IsType<LocalParse>(value);
            Assert.Equal(local.File.Path == PortsPath ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached, reason);
        }

        TrackedSteps.AssertAllReused(second, TrackingNames.SchemaCatalog);
        foreach (var (value, reason) in TrackedSteps.Outputs(second, TrackingNames.Resources))
        {
            var spec = Assert.IsType<ResourceSpec>(value);
            Assert.Equal(spec.TypeName == "Port" ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached, reason);
        }

        Assert.Single(TrackedSteps.OutputStepOutputs(second), o => !TrackedSteps.IsReused(o.Reason));
    }

    [Fact]
    public void Reformatting_the_users_schema_stops_at_its_parse()
    {
        var session = new Session(TestSchemas.Shipped(), Ports());
        var first = session.Run();

        // The schema that refers outside itself is parsed again, and gives the same specs.
        var second = session.Edit(PortsPath, text => text.Replace("\n", "\n\n", StringComparison.Ordinal));

        TrackedSteps.AssertAllReused(second, TrackingNames.SchemaExports);
        TrackedSteps.AssertAllReused(second, TrackingNames.SchemaCatalog);
        TrackedSteps.AssertAllReused(second, TrackingNames.ParsedSchemas);
        TrackedSteps.AssertAllReused(second, TrackingNames.Resources);
        Assert.All(TrackedSteps.OutputStepOutputs(second), o => Assert.True(TrackedSteps.IsReused(o.Reason), o.Reason.ToString()));
        Assert.Equal(first.GeneratedSources.Length, second.GeneratedSources.Length);
    }

    // Two resources of namespace Shared, each in its own schema with its own copy of enum Mode.
    private static string WithEnum(string type, string member, int value) => $$"""
        {
          "x-cupi-namespace": "Shared",
          "$defs": {
            "{{type}}": {
              "type": "object",
              "x-cupi-element": "{{type}}",
              "x-cupi-listElement": "{{type}}s",
              "properties": {
                "Mode": { "$ref": "#/$defs/Mode" }
              }
            },
            "Mode": {
              "type": "integer",
              "oneOf": [ { "const": 1, "title": "One" }, { "const": {{value}}, "title": "{{member}}" } ]
            }
          }
        }
        """;

    // A driver kept across runs, as the IDE keeps it; Edit swaps one schema's text.
    private sealed class Session
    {
        private readonly Dictionary<string, InMemoryAdditionalText> _texts = new(StringComparer.Ordinal);
        private GeneratorDriver _driver;

        public Session(params SchemaInput[] inputs)
        {
            foreach (var input in inputs)
            {
                _texts[input.Path] = new InMemoryAdditionalText(input.Path, input.Text);
            }

            _driver = GeneratorHarness.CreateDriver(_texts.Values, GeneratorHarness.OptionsFor(inputs));
        }

        public GeneratorRunResult Run()
        {
            _driver = _driver.RunGenerators(GeneratorHarness.CreateCompilation(GeneratorHarness.DefaultOptions));
            var result = _driver.GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            return result;
        }

        public GeneratorRunResult Edit(string path, Func<string, string> edit)
        {
            var old = _texts[path];
            var text = edit(old.Content);
            Assert.NotEqual(old.Content, text);
            _texts[path] = new InMemoryAdditionalText(path, text);
            _driver = _driver.ReplaceAdditionalText(old, _texts[path]);
            return Run();
        }
    }

    // The 1-based line and column of the first occurrence of a token in a text.
    private static (int Line, int Column) PositionOf(string text, string token)
    {
        var index = text.IndexOf(token, StringComparison.Ordinal);
        Assert.True(index >= 0, token);
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (text[..index].Count(c => c == '\n') + 1, index - lineStart + 1);
    }

    // Emits the compilation and runs Consumer.Probe.Run() in a collectible context (test code only).
    private static string RunProbe(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("CompositionProbe", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(stream);
            var method = assembly.GetType("Consumer.Probe")!.GetMethod("Run")!;
            return (string)method.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
