using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CupiGen.Tool.Extract;
using CupiGen.Tool.Lint;
using CupiGen.Tool.Page;

namespace CupiGen.Tool.Cli;

public static class LintCommand
{
    /// <summary>The report: one line per finding, then a count per category.</summary>
    public static (string Report, List<Finding> Findings) Run(string pageText, string pageName, IProgress<string>? progress = null)
    {
        var page = CupiPage.Parse(pageText, pageName);
        var extraction = SchemaExtractor.Extract(page, "Cupi", "lint.schema.json", progress);
        var findings = PageLinter.Lint(extraction);
        string name = Path.GetFileName(pageName);
        var lines = findings.Select(f => f.Format(name)).ToList();
        lines.Add(findings.Count == 0
            ? $"{name}: no findings"
            : $"{name}: {findings.Count} findings: " + string.Join(", ", findings.GroupBy(f => f.Category)
                .OrderBy(g => Array.IndexOf(PageLinter.Categories, g.Key)).Select(g => $"{g.Key} {g.Count()}")));
        return (string.Join("\n", lines) + "\n", findings);
    }

    public static int Execute(FileInfo page)
    {
        var (report, findings) = Run(ExtractCommand.ReadInput(page), page.FullName, new ExtractCommand.StderrProgress());
        Console.Write(report);
        return findings.Count == 0 ? Program.Ok : Program.Findings;
    }
}
