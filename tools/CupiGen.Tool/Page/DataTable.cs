using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CupiGen.Tool.Page;

/// <summary>One row of a data-field table, its comment rejoined across page breaks.</summary>
public sealed class TableRow
{
    public required string Name { get; init; }
    public required string Operations { get; init; }
    public required string DataType { get; init; }
    public required string Comment { get; set; }
    public required int Line { get; init; }
    /// <summary>The heading of the table ("Explanation of Data Fields for SIP Port Group").</summary>
    public required string Table { get; init; }
    /// <summary>Lines the comment continues on (after a page break).</summary>
    public List<int> ContinuationLines { get; } = new();
}

/// <summary>
/// The "Parameter / Operations / Data Type / Comments" tables. Rows are tab-separated; a comment cut by a page break
/// continues on a line that starts with three tabs; the page header and blank lines in between are skipped.
/// </summary>
public static partial class DataTable
{
    [GeneratedRegex(@"^Parameter\tOperations\tData Type\tComments\s*$")]
    private static partial Regex HeaderRegex();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\t(?<ops>[^\t]+)\t(?<type>[^\t]+)\t(?<comment>.*)$")]
    private static partial Regex RowRegex();

    [GeneratedRegex(@"^-+\t-+\t-+\t-+\s*$")]
    private static partial Regex RuleRegex();

    public static List<TableRow> Read(CupiPage page)
    {
        var rows = new List<TableRow>();
        for (int i = 1; i <= page.Lines.Length; i++)
        {
            if (!HeaderRegex().IsMatch(page.Line(i)))
            {
                continue;
            }

            string table = page.SectionAt(i);
            TableRow? last = null;
            int j = i + 1;
            for (; j <= page.Lines.Length; j++)
            {
                string line = page.Line(j);
                if (line.Trim().Length == 0 || page.IsPageHeader(j) || RuleRegex().IsMatch(line))
                {
                    continue;
                }

                var row = RowRegex().Match(line);
                if (row.Success)
                {
                    last = new TableRow
                    {
                        Name = row.Groups["name"].Value,
                        Operations = row.Groups["ops"].Value.Trim(),
                        DataType = row.Groups["type"].Value.Trim(),
                        Comment = row.Groups["comment"].Value.Trim(),
                        Line = j,
                        Table = table,
                    };
                    rows.Add(last);
                }
                else if (line.StartsWith("\t", StringComparison.Ordinal) && last is not null)
                {
                    last.Comment = (last.Comment + " " + line.Trim()).Trim();
                    last.ContinuationLines.Add(j);
                }
                else
                {
                    break;
                }
            }

            i = j - 1;
        }

        return rows;
    }
}
