using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using CupiGen.Tool.Extract;
using CupiGen.Tool.Page;
using CupiGen.Tool.Schema;

namespace CupiGen.Tool.Cli;

/// <summary>The result of <c>cupigen extract</c>, for the command and for tests.</summary>
public sealed class ExtractResult
{
    public required string SchemaText { get; init; }
    public required string SourcesText { get; init; }
    public required Extraction Extraction { get; init; }
    public required int OverrideCount { get; init; }
    public required Dictionary<string, int> FactCounts { get; init; }
    public required JsonObject Schema { get; init; }

    public int Facts(string origin) => FactCounts.GetValueOrDefault(origin);
}

public static class ExtractCommand
{
    /// <summary>Extracts a schema from page text, applies overrides, and renders the schema and its sources sidecar.</summary>
    public static ExtractResult Run(string pageText, string pageName, string? overridesText, string? overridesName, string @namespace, string schemaFileName, IProgress<string>? progress = null)
    {
        var page = CupiPage.Parse(pageText, pageName);
        var extraction = SchemaExtractor.Extract(page, @namespace, schemaFileName, progress);
        var schema = extraction.Schema;
        int overrides = 0;
        if (overridesText is not null)
        {
            var file = Overrides.Parse(overridesText, overridesName ?? "overrides");
            overrides = Overrides.Apply(schema, file, extraction.Provenance, overridesName ?? "overrides");
        }

        var counts = extraction.Provenance.Count(schema);
        extraction.Warnings.AddRange(DanglingReferences(schema));
        return new ExtractResult
        {
            SchemaText = SchemaWriter.Write(schema),
            SourcesText = SourcesSidecar(extraction.Provenance, pageName, overridesName),
            Extraction = extraction,
            OverrideCount = overrides,
            FactCounts = counts,
            Schema = schema,
        };
    }

    /// <summary>References to resources the schema does not define (the page names them but shows no payload).</summary>
    public static IEnumerable<string> DanglingReferences(JsonObject schema)
    {
        var defs = (JsonObject)schema["$defs"]!;
        foreach (var (resource, def) in defs)
        {
            if (def?["properties"] is not JsonObject properties)
            {
                continue;
            }

            foreach (var (field, node) in properties)
            {
                foreach (var target in new[] { (string?)node?["x-cupi-references"], (string?)node?["x-cupi-pertinentWhen"]?["lookup"] })
                {
                    if (target is not null && !defs.ContainsKey(target))
                    {
                        yield return $"{resource}.{field} refers to '{target}', which this page shows no payload for: define it in the overrides, or remove the reference";
                    }
                }
            }
        }
    }

    private static string SourcesSidecar(Provenance provenance, string pageName, string? overridesName)
    {
        var facts = new JsonObject();
        foreach (var (pointer, source) in provenance.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var entry = new JsonObject { ["origin"] = source.Origin };
            if (source.Origin == Source.PageOrigin)
            {
                entry["line"] = source.Line;
            }
            else if (source.Origin == Source.OverrideOrigin)
            {
                entry["override"] = source.Line;
            }

            entry["rule"] = source.Rule;
            facts[pointer] = entry;
        }

        var doc = new JsonObject
        {
            ["description"] = "Where each fact of the schema came from: a page line and the rule that read it, a CUPI convention, or an entry of the overrides file (by index). A pointer covers everything under it unless a deeper pointer is listed.",
            ["page"] = Path.GetFileName(pageName),
            ["overrides"] = overridesName is null ? null : Path.GetFileName(overridesName),
            ["facts"] = facts,
        };
        return SchemaWriter.Write(doc);
    }

    public static int Execute(FileInfo page, FileInfo output, FileInfo? overrides, string @namespace, bool quiet)
    {
        string pageText = ReadInput(page);
        string? overridesText = overrides is null ? null : ReadInput(overrides);
        var result = Run(pageText, page.FullName, overridesText, overrides?.FullName, @namespace, output.Name, quiet ? null : new StderrProgress());
        Directory.CreateDirectory(output.DirectoryName ?? ".");
        File.WriteAllText(output.FullName, result.SchemaText);
        string sources = Path.Combine(output.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(output.Name).Replace(".schema", "", StringComparison.Ordinal) + ".sources.json");
        File.WriteAllText(sources, result.SourcesText);
        // Paths as the user gave them, so the summary reads like the command line.
        PrintSummary(result, output.ToString(), Path.Combine(Path.GetDirectoryName(output.ToString()) ?? "", Path.GetFileName(sources)), page.ToString());
        return 0;
    }

    private static void PrintSummary(ExtractResult result, string output, string sources, string pageName)
    {
        var defs = (JsonObject)result.Schema["$defs"]!;
        var resources = defs.Where(d => d.Value?["x-cupi-element"] is not null).ToList();
        var enums = defs.Where(d => d.Value?["oneOf"] is not null).ToList();
        int endpoints = resources.Sum(r => (r.Value!["x-cupi-endpoints"] as JsonArray)?.Count ?? 0);
        Console.WriteLine($"cupigen extract: {pageName} ({result.Extraction.Page.Title}) -> {output}");
        Console.WriteLine($"  resources: {resources.Count}: " + string.Join(", ", resources.Select(r => $"{r.Key} ({(r.Value!["properties"] as JsonObject)?.Count ?? 0} fields)")));
        Console.WriteLine($"  enums:     {enums.Count}" + (enums.Count == 0 ? "" : ": " + string.Join(", ", enums.Select(e => $"{e.Key} ({((JsonArray)e.Value!["oneOf"]!).Count})"))));
        Console.WriteLine($"  endpoints: {endpoints}");
        Console.WriteLine($"  facts:     {result.Facts(Source.PageOrigin)} from the page, {result.Facts(Source.ConventionOrigin)} by CUPI convention, {result.Facts(Source.OverrideOrigin)} from {result.OverrideCount} overrides");
        Console.WriteLine($"  sources:   {sources}");
        if (result.Extraction.Unplaced.Count > 0)
        {
            Console.WriteLine($"  not placed: {result.Extraction.Unplaced.Count} requests name no resource the page shows: " + string.Join(", ", result.Extraction.Unplaced));
        }

        var warnings = result.Extraction.Warnings;
        Console.WriteLine($"  warnings:  {warnings.Count}");
        foreach (var warning in warnings)
        {
            Console.WriteLine("    " + warning);
        }
    }

    public static string ReadInput(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new PageFormatException($"{file.FullName}: file not found");
        }

        if (file.Length > 16 * 1024 * 1024)
        {
            throw new PageFormatException($"{file.FullName}: larger than 16 MiB; not a documentation page");
        }

        return File.ReadAllText(file.FullName);
    }

    /// <summary>Progress on stderr, at once (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
    public sealed class StderrProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
