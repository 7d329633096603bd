using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests;

/// <summary>
/// Runs the generator over every broken schema in BrokenSchemas/ and checks each diagnostic against
/// BrokenSchemas/expectations.json: ID, severity, file, and the 1-based line and column of the offending token.
/// </summary>
public class DiagnosticsCorpusTests
{
    private const string ExpectationsFile = "expectations.json";

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> Cases = new(LoadCases);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Broken_schema_reports_the_expected_diagnostics(string caseName)
    {
        var corpusCase = Cases.Value[caseName];
        var inputs = corpusCase.Files
            .Select(f => new SchemaInput(PathOf(f), File.ReadAllText(PathOf(f)), corpusCase.Namespace))
            .ToList();

        var run = GeneratorHarness.Run(inputs);

        var actual = run.Diagnostics
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return new ExpectedDiagnostic(
                    Path.GetFileName(span.Path ?? string.Empty),
                    d.Id,
                    d.Severity.ToString(),
                    d.Location == Location.None ? 0 : span.StartLinePosition.Line + 1,
                    d.Location == Location.None ? 0 : span.StartLinePosition.Character + 1,
                    d.GetMessage(CultureInfo.InvariantCulture));
            })
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var expected = corpusCase.Expected
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        var shown = "Actual diagnostics:\n" + string.Join("\n", actual.Select(a => $"  {a.File}({a.Line},{a.Column}): {a.Id} {a.Severity}: {a.Message}"));
        Assert.DoesNotContain(actual, a => a.Id == "CUPI1000");
        Assert.True(expected.Count == actual.Count, $"Expected {expected.Count} diagnostic(s), got {actual.Count}.\n{shown}");
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.True(
                e.Id == a.Id && e.Severity == a.Severity && e.File == a.File && e.Line == a.Line && e.Column == a.Column,
                $"Expected {e.File}({e.Line},{e.Column}): {e.Id} {e.Severity}\n{shown}");
            if (e.Message is not null)
            {
                Assert.Contains(e.Message, a.Message, StringComparison.Ordinal);
            }
        }

        // Diagnostics carry the schema's real path, so that the IDE can open it.
        Assert.All(
            run.Diagnostics.Where(d => d.Location != Location.None),
            d => Assert.Contains(d.Location.GetLineSpan().Path, inputs.Select(i => i.Path)));

        // Each model comes with its endpoint-table and factory parts (<Type>.Endpoints.g.cs, <Type>.Factory.g.cs), and
        // a namespace with models has one registry (<Namespace>.CupiModels.g.cs).
        var models = run.Sources.Select(s => s.HintName).Where(n => !IsCompanion(n) && !IsRegistry(n)).ToList();
        Assert.Equal(corpusCase.Sources.Order(StringComparer.Ordinal), models.Order(StringComparer.Ordinal));
        Assert.All(run.Sources.Select(s => s.HintName).Where(IsCompanion), n => Assert.Contains(Model(n), models));
        var registries = run.Sources.Select(s => s.HintName).Where(IsRegistry).ToList();
        Assert.Equal(models.Count == 0 ? 0 : 1, registries.Count);

        static bool IsRegistry(string hint) => hint.EndsWith(".CupiModels.g.cs", StringComparison.Ordinal);

        static bool IsCompanion(string hint) =>
            hint.EndsWith(".Endpoints.g.cs", StringComparison.Ordinal) || hint.EndsWith(".Factory.g.cs", StringComparison.Ordinal);

        static string Model(string hint) => hint.Substring(0, hint.LastIndexOf('.', hint.Length - ".g.cs".Length - 1)) + ".g.cs";
    }

    [Fact]
    public void Every_broken_schema_has_an_expectation()
    {
        var covered = Cases.Value.Values.SelectMany(c => c.Files).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(TestPaths.BrokenSchemaDirectory, "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f != ExpectationsFile)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(files, covered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_corpus_covers_every_diagnostic_a_schema_can_cause()
    {
        var ids = Cases.Value.Values.SelectMany(c => c.Expected).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        for (var id = 1001; id <= 1016; id++)
        {
            Assert.Contains("CUPI" + id.ToString(CultureInfo.InvariantCulture), ids);
        }
    }

    private static string PathOf(string file) => Path.Combine(TestPaths.BrokenSchemaDirectory, file);

    private static IReadOnlyDictionary<string, CorpusCase> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(ExpectationsFile)));
        var cases = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var files = item.TryGetProperty("files", out var many)
                ? many.EnumerateArray().Select(f => f.GetString()!).ToList()
                : [item.GetProperty("file").GetString()!];
            var ns = item.TryGetProperty("namespace", out var nsElement) ? nsElement.GetString() : null;
            var expected = item.GetProperty("expected").EnumerateArray()
                .Select(e => new ExpectedDiagnostic(
                    e.TryGetProperty("file", out var file) ? file.GetString()! : files.Single(),
                    e.GetProperty("id").GetString()!,
                    e.GetProperty("severity").GetString()!,
                    e.GetProperty("line").GetInt32(),
                    e.GetProperty("column").GetInt32(),
                    e.TryGetProperty("message", out var message) ? message.GetString() : null))
                .ToList();
            var sources = item.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToList();
            var name = string.Join("+", files.Select(Path.GetFileNameWithoutExtension)) + (ns is null ? string.Empty : " (Namespace=" + ns + ")");
            cases.Add(name, new CorpusCase(files, ns, expected, sources));
        }

        return cases;
    }

    private sealed record CorpusCase(IReadOnlyList<string> Files, string? Namespace, IReadOnlyList<ExpectedDiagnostic> Expected, IReadOnlyList<string> Sources);

    private sealed record ExpectedDiagnostic(string File, string Id, string Severity, int Line, int Column, string? Message);
}
