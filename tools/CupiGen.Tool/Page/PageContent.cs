using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace CupiGen.Tool.Page;

/// <summary>A request printed on the page: verb (stated or taken from the prose), URL path as printed, and what follows.</summary>
public sealed class RequestExample
{
    public required int Line { get; init; }
    public required string Method { get; init; }
    public required bool MethodFromProse { get; init; }
    /// <summary>Path as printed, from /vmrest, placeholders kept (e.g. "/vmrest/portgroups/&lt;objectId&gt;").</summary>
    public required string RawPath { get; init; }
    public required string Section { get; init; }
    public int? Status { get; set; }
    public int StatusLine { get; set; }
    public bool ResponseIsUri { get; set; }
    public bool BodyNotRequired { get; set; }
    public ExampleObject? RequestBody { get; set; }
    public ExampleObject? ResponseBody { get; set; }
    /// <summary>The path's segments: literal names, or placeholders as printed (with the angle brackets).</summary>
    public List<string> Segments => RawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
}

/// <summary>"Note: The &lt;objectId&gt; is the id of your phone system."</summary>
public sealed record PlaceholderNote(int Line, string Placeholder, string Meaning);

/// <summary>"- **DisplayName:** Enter the display name …" in a create section.</summary>
public sealed record ParameterBullet(int Line, string Name, string Text, string Section);

/// <summary>Everything the page's prose and code blocks hold: requests, payload examples, notes and bullets.</summary>
public sealed partial class PageContent
{
    [GeneratedRegex(@"(?:(?<verb>GET|POST|PUT|DELETE)\s+)?<?https?://(?:<[^>]*>|[^/\s<>]+)(?<path>/vmrest(?:/(?:<[^>]*>|[A-Za-z0-9_.\-]+))*)")]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"\b(?<verb>GET|POST|PUT|DELETE)\s+request\b")]
    private static partial Regex ProseVerbRegex();

    [GeneratedRegex(@"Response Code:?\s*(?<code>\d{3})", RegexOptions.IgnoreCase)]
    private static partial Regex StatusRegex();

    [GeneratedRegex(@"Note:\s*The (?<ph><[^>]+>) is the id of (?:your |the )?(?<meaning>[A-Za-z ]+?)\.?\s*$")]
    private static partial Regex NoteRegex();

    [GeneratedRegex(@"^\s*-\s*(?:\*\*)?(?<name>[A-Za-z]\w+):(?:\*\*)?\s*(?<text>.+)$")]
    private static partial Regex BulletRegex();

    [GeneratedRegex(@"Obtain \*\*(?<name>\w+)\*\*")]
    private static partial Regex ObtainRegex();

    [GeneratedRegex(@"^\s*/vmrest/\S+\s*$")]
    private static partial Regex UriBodyRegex();

    public CupiPage Page { get; }
    public List<RequestExample> Requests { get; } = new();
    public List<ExampleObject> Objects { get; } = new();
    public List<ExampleProblem> Problems { get; } = new();
    public List<PlaceholderNote> Notes { get; } = new();
    public List<ParameterBullet> Bullets { get; } = new();
    /// <summary>Field names the create sections say to look up ("Obtain **MediaSwitchObjectId** …").</summary>
    public List<(int Line, string Name)> Obtained { get; } = new();
    /// <summary>Prose lines outside code blocks and tables (for rules that read sentences).</summary>
    public List<(int Line, string Text)> Prose { get; } = new();

    private PageContent(CupiPage page) => Page = page;

    public static PageContent Read(CupiPage page, IProgress<string>? progress = null)
    {
        var content = new PageContent(page);
        content.ReadProse();
        progress?.Report($"{page.Name}: {page.Sections.Count} sections, {page.Blocks.Count} code blocks");
        content.ReadRequests();
        content.ReadBodies();
        return content;
    }

    private HashSet<int> BlockLines() => Page.Blocks.SelectMany(b => b.Lines.Select(l => l.Line)).ToHashSet();

    private void ReadProse()
    {
        var inBlock = BlockLines();
        for (int i = 1; i <= Page.Lines.Length; i++)
        {
            string text = Page.Line(i);
            if (inBlock.Contains(i) || Page.IsPageHeader(i) || text.Contains('\t', StringComparison.Ordinal) || text.Trim().Length == 0)
            {
                continue;
            }

            Prose.Add((i, text));
            var note = NoteRegex().Match(text);
            if (note.Success)
            {
                Notes.Add(new PlaceholderNote(i, note.Groups["ph"].Value, note.Groups["meaning"].Value.Trim()));
            }

            var bullet = BulletRegex().Match(text);
            if (bullet.Success && !text.Contains("[", StringComparison.Ordinal))
            {
                Bullets.Add(new ParameterBullet(i, bullet.Groups["name"].Value, bullet.Groups["text"].Value.Trim(), Page.SectionAt(i)));
            }

            foreach (Match obtain in ObtainRegex().Matches(text))
            {
                Obtained.Add((i, obtain.Groups["name"].Value));
            }
        }
    }

    /// <summary>The verb the prose of the section states before <paramref name="line"/> ("an example of the GET request").</summary>
    private string? ProseVerb(int line)
    {
        int from = Page.SectionLineAt(line);
        string? verb = null;
        foreach (var (l, text) in Prose)
        {
            if (l < from || l > line)
            {
                continue;
            }

            var m = ProseVerbRegex().Match(text);
            if (m.Success)
            {
                verb = m.Groups["verb"].Value;
            }
        }

        return verb;
    }

    private void ReadRequests()
    {
        for (int i = 1; i <= Page.Lines.Length; i++)
        {
            string text = Page.Line(i);
            if (text.Contains('\t', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match m in UrlRegex().Matches(text))
            {
                string path = m.Groups["path"].Value.TrimEnd('.');
                string? verb = m.Groups["verb"].Success ? m.Groups["verb"].Value : ProseVerb(i);
                Requests.Add(new RequestExample
                {
                    Line = i,
                    Method = verb ?? "GET",
                    MethodFromProse = !m.Groups["verb"].Success,
                    RawPath = path,
                    Section = Page.SectionAt(i),
                });
            }
        }

        // Status lines and request-body markers belong to the latest request of the same section.
        for (int r = 0; r < Requests.Count; r++)
        {
            var request = Requests[r];
            int end = Math.Min(Page.SectionEndAfter(request.Line), r + 1 < Requests.Count ? Requests[r + 1].Line : int.MaxValue);
            for (int i = request.Line + 1; i < end; i++)
            {
                string text = Page.Line(i);
                if (text.Trim().Equals("Not required", StringComparison.OrdinalIgnoreCase))
                {
                    request.BodyNotRequired = true;
                }

                var status = StatusRegex().Match(text);
                if (status.Success && request.Status is null)
                {
                    request.Status = int.Parse(status.Groups["code"].Value, CultureInfo.InvariantCulture);
                    request.StatusLine = i;
                    for (int j = i + 1; j < Math.Min(end, i + 3); j++)
                    {
                        if (UriBodyRegex().IsMatch(Page.Line(j)))
                        {
                            request.ResponseIsUri = true;
                        }
                    }
                }
            }
        }
    }

    private void ReadBodies()
    {
        foreach (var block in Page.Blocks)
        {
            // The body starts at the first line that opens an element or an object and is not a request line.
            int first = block.Lines.FindIndex(l =>
            {
                string t = l.Text.Trim();
                return (t.StartsWith('<') && !t.StartsWith("<pre>", StringComparison.Ordinal) && !t.StartsWith("<https", StringComparison.Ordinal))
                    || t.StartsWith('{') || t.StartsWith('"') || t.StartsWith('[');
            });
            if (first < 0)
            {
                continue;
            }

            var body = block.Lines.Skip(first)
                .Where(l => !StatusRegex().IsMatch(l.Text) && !Page.IsPageHeader(l.Line))
                .ToList();
            bool json = body[0].Text.TrimStart()[0] is '{' or '"' or '[';
            var printed = block.Lines.Skip(first).Where(l => !Page.IsPageHeader(l.Line)).ToList();
            var objects = json ? Examples.ReadJson(body, Problems, printed) : Examples.ReadXml(body, Problems);
            bool markedRequest = block.Lines.Take(first).Any(l => l.Text.Contains("Request Body", StringComparison.OrdinalIgnoreCase));
            var request = Requests.LastOrDefault(q => q.Line < body[0].Line && q.Section == block.Section);
            string? method = request?.Method ?? ProseVerb(body[0].Line);
            // Without a "Request Body:" marker, a body after a POST/PUT is that request's body unless the prose
            // between them introduces a response.
            bool responseProse = Prose.Any(p => p.Line < body[0].Line && p.Line > (request?.Line ?? Page.SectionLineAt(body[0].Line))
                && p.Text.Contains("response", StringComparison.OrdinalIgnoreCase) && !p.Text.Contains("actual response will depend upon the information given by you.", StringComparison.Ordinal));
            bool isRequest = markedRequest || (method is "POST" or "PUT" && !responseProse);
            foreach (var obj in objects)
            {
                obj.IsRequest = isRequest;
                obj.Section = block.Section;
                obj.Method = method;
                Objects.Add(obj);
            }

            if (request is not null && objects.Count > 0)
            {
                if (isRequest)
                {
                    request.RequestBody ??= objects[0];
                }
                else
                {
                    request.ResponseBody ??= objects[0];
                }
            }
        }
    }
}
