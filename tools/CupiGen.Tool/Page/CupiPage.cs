using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CupiGen.Tool.Page;

/// <summary>Bad input: the message names the file and, where known, the page line.</summary>
public sealed class PageFormatException(string message) : Exception(message);

/// <summary>A heading of the page and the lines it covers.</summary>
public sealed record Section(string Title, int Line);

/// <summary>A fenced code block, joined with the blocks a page break cut it into.</summary>
public sealed class CodeBlock
{
    public required int StartLine { get; init; }
    public required List<(int Line, string Text)> Lines { get; init; }
    public required string Section { get; init; }
    public int EndLine => Lines.Count == 0 ? StartLine : Lines[^1].Line;
}

/// <summary>
/// A CUPI documentation page as text, the way Cisco's wiki pages convert: a table of contents, headings as plain
/// lines, the page header ("Cisco_Unity_Connection_Provisioning_Interface_(CUPI)_API_--_Port_Groups") repeated at
/// every page break, even inside tables and code blocks, and fenced code blocks that a page break splits in two.
/// </summary>
public sealed partial class CupiPage
{
    [GeneratedRegex(@"^\s*Cisco_Unity_Connection_Provisioning_Interface_\(CUPI\)_API_-+_(?<title>\S+)\s*$")]
    private static partial Regex PageHeaderRegex();

    [GeneratedRegex(@"^\s*-\s*(?:[◆◇]\s*)?\[(?<num>\d+(?:\.\d+)*)\s+(?<title>[^\]]+)\]\(#\)\s*$")]
    private static partial Regex TocEntryRegex();

    [GeneratedRegex(@"^\s*=+\s*(?<title>[^=]+?)\s*=+\s*$")]
    private static partial Regex WikiHeadingRegex();

    private readonly List<Section> _sections = new();

    private CupiPage(string name, string[] lines)
    {
        Name = name;
        Lines = lines;
    }

    /// <summary>The file name, for messages.</summary>
    public string Name { get; }

    /// <summary>The page's lines; <c>Lines[0]</c> is line 1.</summary>
    public string[] Lines { get; }

    /// <summary>The page header text, e.g. <c>Cisco_Unity_Connection_Provisioning_Interface_(CUPI)_API_--_Port_Groups</c>.</summary>
    public string Header { get; private set; } = "";

    /// <summary>The resource family the page describes, e.g. "Port Groups".</summary>
    public string Title { get; private set; } = "";

    /// <summary>Titles of the table of contents.</summary>
    public List<string> Contents { get; } = new();

    public IReadOnlyList<Section> Sections => _sections;

    public List<CodeBlock> Blocks { get; } = new();

    public string Line(int number) => number >= 1 && number <= Lines.Length ? Lines[number - 1] : "";

    public bool IsPageHeader(int number) => PageHeaderRegex().IsMatch(Line(number));

    /// <summary>True for a line that is a page header or a heading (not content).</summary>
    public bool IsHeading(int number) => _sections.Any(s => s.Line == number);

    /// <summary>The heading that line <paramref name="number"/> sits under ("" before the first one).</summary>
    public string SectionAt(int number)
    {
        string title = "";
        foreach (var section in _sections)
        {
            if (section.Line > number)
            {
                break;
            }

            title = section.Title;
        }

        return title;
    }

    /// <summary>The line of the heading that line <paramref name="number"/> sits under (0 before the first).</summary>
    public int SectionLineAt(int number)
    {
        int line = 0;
        foreach (var section in _sections)
        {
            if (section.Line > number)
            {
                break;
            }

            line = section.Line;
        }

        return line;
    }

    /// <summary>The first line of the section after the one line <paramref name="number"/> is in.</summary>
    public int SectionEndAfter(int number)
    {
        foreach (var section in _sections)
        {
            if (section.Line > number)
            {
                return section.Line;
            }
        }

        return Lines.Length + 1;
    }

    public static CupiPage Parse(string text, string name)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var page = new CupiPage(name, lines);
        page.ReadHeader();
        page.ReadContents();
        page.ReadBlocks();
        return page;
    }

    private void ReadHeader()
    {
        var headers = Lines.Select(l => PageHeaderRegex().Match(l)).Where(m => m.Success).ToList();
        bool hasVmrest = Lines.Any(l => l.Contains("/vmrest/", StringComparison.Ordinal));
        if (headers.Count == 0 || !hasVmrest)
        {
            throw new PageFormatException(
                $"{Name}: not a CUPI documentation page: " +
                (headers.Count == 0
                    ? "no page header line 'Cisco_Unity_Connection_Provisioning_Interface_(CUPI)_API_--_<Resource>' was found"
                    : "no /vmrest/ URL was found"));
        }

        // The most frequent header; a stray variant ("API_-_Port_Groups") must not win.
        var best = headers.GroupBy(m => m.Value.Trim()).OrderByDescending(g => g.Count()).First().First();
        Header = best.Value.Trim();
        Title = best.Groups["title"].Value.Replace('_', ' ').Trim();
    }

    private void ReadContents()
    {
        int tocEnd = 0;
        for (int i = 1; i <= Lines.Length; i++)
        {
            var match = TocEntryRegex().Match(Line(i));
            if (match.Success)
            {
                Contents.Add(match.Groups["title"].Value.Trim());
                tocEnd = i;
            }
        }

        var titles = new HashSet<string>(Contents, StringComparer.OrdinalIgnoreCase);
        bool inBlock = false;
        for (int i = tocEnd + 1; i <= Lines.Length; i++)
        {
            string line = Line(i).Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (inBlock || line.Length == 0)
            {
                continue;
            }

            var wiki = WikiHeadingRegex().Match(line);
            if (wiki.Success)
            {
                _sections.Add(new Section(wiki.Groups["title"].Value, i));
            }
            else if (titles.Contains(line) || line is "Explanation of Data Fields")
            {
                _sections.Add(new Section(line, i));
            }
        }
    }

    private void ReadBlocks()
    {
        var open = new List<(int Line, string Text)>();
        int start = 0;
        bool inBlock = false;
        CodeBlock? previous = null;
        for (int i = 1; i <= Lines.Length; i++)
        {
            string line = Line(i);
            if (line.Trim().StartsWith("```", StringComparison.Ordinal))
            {
                if (!inBlock)
                {
                    inBlock = true;
                    start = i;
                    open = new List<(int, string)>();
                }
                else
                {
                    inBlock = false;
                    // A block that opens right after a page break continues the block before the break.
                    if (previous is not null && OnlyPageBreakBetween(previous.EndLine + 1, start - 1))
                    {
                        previous.Lines.AddRange(open);
                    }
                    else
                    {
                        previous = new CodeBlock { StartLine = start, Lines = open, Section = SectionAt(start) };
                        Blocks.Add(previous);
                    }
                }

                continue;
            }

            if (inBlock)
            {
                open.Add((i, line));
            }
        }

        if (inBlock)
        {
            throw new PageFormatException($"{Name}({start}): the code block opened here is never closed");
        }
    }

    private bool OnlyPageBreakBetween(int from, int to)
    {
        bool header = false;
        for (int i = from; i <= to; i++)
        {
            string line = Line(i).Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            if (IsPageHeader(i))
            {
                header = true;
                continue;
            }

            return false;
        }

        return header;
    }
}
