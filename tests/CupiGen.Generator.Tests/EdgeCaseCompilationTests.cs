using System;
using System.Globalization;
using System.Linq;
using System.Text;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests;

/// <summary>
/// Unusual but legal schemas: the generator either reports a CUPI diagnostic or emits code that compiles
/// without any diagnostic under the strict options. It never emits code that breaks the consumer's build.
/// </summary>
public class EdgeCaseCompilationTests
{
    public static TheoryData<string, string> Schemas() => new()
    {
        { "no fields", Resource("Widget", "") },
        { "70 fields", Resource("Widget", string.Join(",\n", Enumerable.Range(0, 70).Select(i => $"\"F{i}\": {{ \"type\": \"integer\" }}"))) },
        { "every keyword", Resource("Widget", """
            "Name": { "type": "string", "minLength": 1, "maxLength": 20, "pattern": "^[a-z]+$", "x-cupi-charset": "a-z & <b>", "default": "x", "description": "Line one.\nLine two & <three>." },
            "Secret": { "type": "string", "x-cupi-secret": true, "x-cupi-createOnly": true },
            "Count": { "type": "integer", "minimum": -5, "maximum": 5, "enum": [-5, 0, 5], "default": 0, "x-cupi-pertinentWhen": { "field": "Enabled", "equals": true } },
            "Enabled": { "type": "boolean", "default": false, "readOnly": true, "x-cupi-aliases": ["enabled", "ENABLED"] },
            "Shade": { "$ref": "#/$defs/Color", "default": 2, "x-cupi-appliesTo": { "field": "Count", "in": [0, 5] } },
            "Color": { "$ref": "#/$defs/Color" },
            "Display-Name": { "type": "string", "x-cupi-name": "DisplayName" },
            "Größe": { "type": "string" },
            "OtherObjectId": { "type": "string", "format": "uuid", "x-cupi-references": "Widget" }
            """) },
        { "description with a carriage return", Resource("Widget", "\"Name\": { \"type\": \"string\", \"description\": \"one\\rpublic int Injected;\" }") },
        { "description with a line separator", Resource("Widget", "\"Name\": { \"type\": \"string\", \"description\": \"one\\u2028public int Injected;\" }") },
        { "description with a next-line character", Resource("Widget", "\"Name\": { \"type\": \"string\", \"description\": \"one\\u0085public int Injected;\" }") },
        { "property IsKnownField", Resource("Widget", "\"IsKnownField\": { \"type\": \"boolean\" }") },
        { "property __cupiAdditional", Resource("Widget", "\"__cupiAdditional\": { \"type\": \"string\" }") },
        { "property _cupiPresent0", Resource("Widget", "\"_cupiPresent0\": { \"type\": \"string\" }") },
        { "properties A and _A", Resource("Widget", "\"A\": { \"type\": \"string\" }, \"_A\": { \"type\": \"string\" }") },
        { "property named like a local", Resource("Widget", "\"result\": { \"type\": \"string\" }, \"reader\": { \"type\": \"string\" }, \"writer\": { \"type\": \"string\" }, \"text\": { \"type\": \"string\" }, \"name\": { \"type\": \"string\" }, \"value\": { \"type\": \"string\" }, \"wireName\": { \"type\": \"string\" }") },
        { "lower-case type name", Resource("widget", "\"Name\": { \"type\": \"string\" }") },
        { "lower-case type name with a digit", Resource("widget2", "\"Name\": { \"type\": \"string\" }") },
        { "lower-case type name with an underscore", Resource("my_widget", "\"Name\": { \"type\": \"string\" }") },
        { "namespace global", Resource("Widget", "\"Name\": { \"type\": \"string\" }", ns: "global") },
        { "namespace System", Resource("Widget", "\"Name\": { \"type\": \"string\" }", ns: "System") },
        { "namespace CupiGen", Resource("Widget", "\"Name\": { \"type\": \"string\" }", ns: "CupiGen") },
        { "namespace ending in a runtime type name", Resource("Widget", "\"Name\": { \"type\": \"string\" }", ns: "Edge.CupiJson") },
        { "types named like runtime and BCL types", Resource("CupiJson", "\"Name\": { \"type\": \"string\" }", extraDefs: "\"System\": { \"type\": \"object\", \"x-cupi-element\": \"System\", \"x-cupi-listElement\": \"Systems\", \"properties\": { \"Id\": { \"type\": \"string\" } } }") },
        { "contextual keyword type name", Resource("record", "\"Name\": { \"type\": \"string\" }") },
        { "type named like the namespace", Resource("Edge", "\"Name\": { \"type\": \"string\" }") },
        { "types differing only in case", Resource("Widget", "\"Name\": { \"type\": \"string\" }", extraDefs: "\"WIDGET\": { \"type\": \"object\", \"x-cupi-element\": \"WIDGET\", \"x-cupi-listElement\": \"WIDGETS\", \"properties\": {} }") },
        { "enum member named like its enum", Resource("Widget", "\"Name\": { \"type\": \"string\" }", extraDefs: "\"Mode\": { \"type\": \"integer\", \"oneOf\": [ { \"const\": 1, \"title\": \"Mode\" } ] }") },
        { "enum without members", Resource("Widget", "\"Name\": { \"type\": \"string\" }", extraDefs: "\"Mode\": { \"type\": \"integer\", \"oneOf\": [] }") },
        { "lower-case enum name", Resource("Widget", "\"Name\": { \"type\": \"string\" }", extraDefs: "\"mode\": { \"type\": \"integer\", \"oneOf\": [ { \"const\": 1, \"title\": \"On\" } ] }") },
        { "enum member Value__", Resource("Widget", "\"Name\": { \"type\": \"string\" }", extraDefs: "\"Mode\": { \"type\": \"integer\", \"oneOf\": [ { \"const\": 1, \"title\": \"value__\" } ] }") },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Generated_code_compiles_cleanly_or_the_schema_is_rejected(string name, string schema)
    {
        var run = GeneratorHarness.Run([new SchemaInput($"/edge/{name}.json", schema)], GeneratorHarness.CreateCompilation());
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CUPI1000");

        var generated = run.OutputCompilation.SyntaxTrees.Except(run.InputCompilation.SyntaxTrees).ToList();
        var compilerDiagnostics = run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .ToList();
        var report = new StringBuilder()
            .AppendLine("Generator: " + string.Join("; ", run.Diagnostics.Select(d => d.ToString())))
            .AppendLine("Compiler:")
            .AppendJoin("\n", compilerDiagnostics.Select(d => "  " + d.ToString()))
            .ToString();
        Assert.True(compilerDiagnostics.Count == 0, report);
        Assert.True(generated.Count > 0 || run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), report);
    }

    private static string Resource(string type, string fields, string? extraDefs = null, string ns = "Edge") => $$"""
        {
          "x-cupi-namespace": "{{ns}}",
          "$defs": {
            "Color": { "type": "integer", "oneOf": [ { "const": 1, "title": "Red" }, { "const": 2, "title": "Blue" } ] },
            {{(extraDefs is null ? string.Empty : extraDefs + ",")}}
            "{{type}}": {
              "type": "object",
              "description": "Edge case.",
              "x-cupi-element": "{{type}}",
              "x-cupi-listElement": "{{type}}List",
              "properties": {
        {{fields}}
              }
            }
          }
        }
        """;
}
