using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CupiGen.Tool.Page;

/// <summary>A field value in an example, with the line it starts on.</summary>
public sealed record ExampleField(string Name, string Value, int Line, bool Empty);

/// <summary>A problem with an example as printed (for lint): truncated tag, stray '&lt;', invalid JSON, …</summary>
public sealed record ExampleProblem(int Line, string Category, string Message);

public enum PayloadFormat { Xml, Json }

/// <summary>One object of an example payload (one member of a list example, or the whole body).</summary>
public sealed class ExampleObject
{
    /// <summary>Element name (XML element, or the JSON list's member name); null for a bare JSON object or an XML fragment.</summary>
    public string? Element { get; set; }
    public string? ListElement { get; init; }
    public required PayloadFormat Format { get; init; }
    public required int Line { get; init; }
    public List<ExampleField> Fields { get; } = new();
    /// <summary>Set by the page reader: whether the body is a request body.</summary>
    public bool IsRequest { get; set; }
    public string Section { get; set; } = "";
    /// <summary>The method of the request it belongs to (as a request body or as a response), if known.</summary>
    public string? Method { get; set; }
}

/// <summary>
/// Lenient readers for the payloads the pages print: values padded with newlines, values and tags split by page
/// breaks, doubled '&lt;' or '&gt;', truncated closing tags, fragments without a root, JSON with a status line or
/// a &lt;/pre&gt; inside and without its opening brace. Every repair is reported as a problem.
/// </summary>
public static partial class Examples
{
    [GeneratedRegex(@"<\s*(?<close>/)?\s*(?<name>[A-Za-z_][\w.\-]*)(?<attrs>(?:\s+[\w:\-]+\s*=\s*""[^""]*"")*)\s*(?<self>/)?\s*>")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"</(?<name>[A-Za-z_]\w*)\s*$")]
    private static partial Regex TruncatedCloseRegex();

    [GeneratedRegex(@"total\s*=\s*""(?<n>\d+)""")]
    private static partial Regex TotalRegex();

    private sealed class XNode
    {
        public required string Name;
        public required int Line;
        public readonly List<XNode> Children = new();
        public readonly List<(string Text, int Line)> Text = new();
        public bool SelfClosing;
        public string? Attributes;
    }

    /// <summary>Reads an XML body. Returns its objects (several for a list) and reports what it had to repair.</summary>
    public static List<ExampleObject> ReadXml(IReadOnlyList<(int Line, string Text)> lines, List<ExampleProblem> problems)
    {
        // Join a closing tag split across lines ("</" at the end of one line, "Name>" on the next).
        var joined = new List<(int Line, string Text)>();
        for (int i = 0; i < lines.Count; i++)
        {
            string text = lines[i].Text;
            if (text.TrimEnd().EndsWith("</", StringComparison.Ordinal) && i + 1 < lines.Count)
            {
                problems.Add(new ExampleProblem(lines[i].Line, "malformed-xml", "closing tag split across lines ('</' at the end of the line)"));
                joined.Add((lines[i].Line, text.TrimEnd() + lines[i + 1].Text.Trim()));
                i++;
                continue;
            }

            joined.Add((lines[i].Line, text));
        }

        var roots = new List<XNode>();
        var stack = new Stack<XNode>();
        foreach (var (lineNo, raw) in joined)
        {
            string text = raw;
            if (text.Trim() is "<pre>" or "</pre>")
            {
                continue;
            }

            var truncated = TruncatedCloseRegex().Match(text);
            int pos = 0;
            foreach (Match tag in TagRegex().Matches(text))
            {
                AddText(text[pos..tag.Index], lineNo);
                pos = tag.Index + tag.Length;
                string name = tag.Groups["name"].Value;
                if (name == "pre")
                {
                    continue;
                }

                if (tag.Groups["close"].Success)
                {
                    Close(name, lineNo);
                }
                else
                {
                    var node = new XNode { Name = name, Line = lineNo, SelfClosing = tag.Groups["self"].Success, Attributes = tag.Groups["attrs"].Value };
                    if (stack.Count > 0)
                    {
                        stack.Peek().Children.Add(node);
                    }
                    else
                    {
                        roots.Add(node);
                    }

                    if (!node.SelfClosing)
                    {
                        stack.Push(node);
                    }
                }
            }

            string rest = text[pos..];
            if (truncated.Success && truncated.Index >= pos)
            {
                AddText(rest[..(truncated.Index - pos)], lineNo);
                string partial = truncated.Groups["name"].Value;
                problems.Add(new ExampleProblem(lineNo, "malformed-xml", $"truncated closing tag '</{partial}'"));
                // The cut-off tag closes the field it was meant to close.
                if (stack.Count > 0 && stack.Peek().Children.Count == 0)
                {
                    stack.Pop();
                }
            }
            else
            {
                AddText(rest, lineNo);
            }
        }

        foreach (var unclosed in stack)
        {
            problems.Add(new ExampleProblem(unclosed.Line, "malformed-xml", $"element <{unclosed.Name}> is never closed"));
        }

        return ToObjects(roots, problems);

        void AddText(string s, int lineNo)
        {
            string t = s.Trim();
            if (t.Length == 0)
            {
                return;
            }

            if (t == "<" || t == ">")
            {
                problems.Add(new ExampleProblem(lineNo, "malformed-xml", $"stray '{t}' outside an element"));
                return;
            }

            if (stack.Count > 0)
            {
                stack.Peek().Text.Add((t, lineNo));
            }
        }

        void Close(string name, int lineNo)
        {
            if (stack.Count > 0 && stack.Peek().Name == name)
            {
                stack.Pop();
                return;
            }

            if (stack.Any(n => n.Name == name))
            {
                while (stack.Peek().Name != name)
                {
                    var open = stack.Pop();
                    problems.Add(new ExampleProblem(open.Line, "malformed-xml", $"element <{open.Name}> is not closed before </{name}>"));
                }

                stack.Pop();
                return;
            }

            problems.Add(new ExampleProblem(lineNo, "malformed-xml", $"closing tag </{name}> without an opening tag"));
        }
    }

    private static string JoinText(List<(string Text, int Line)> pieces)
    {
        var sb = new StringBuilder();
        foreach (var (text, _) in pieces)
        {
            if (sb.Length > 0 && !(sb[^1] == '-' || sb[^1] == '/' || text.StartsWith('/')))
            {
                sb.Append(' ');
            }

            sb.Append(text);
        }

        return sb.ToString();
    }

    private static List<ExampleObject> ToObjects(List<XNode> roots, List<ExampleProblem> problems)
    {
        var result = new List<ExampleObject>();
        if (roots.Count == 0)
        {
            return result;
        }

        bool IsLeaf(XNode n) => n.Children.Count == 0;

        if (roots.All(IsLeaf))
        {
            // A fragment: fields without the resource's element around them.
            problems.Add(new ExampleProblem(roots[0].Line, "malformed-xml", "fields without a root element (a fragment)"));
            var fragment = new ExampleObject { Format = PayloadFormat.Xml, Line = roots[0].Line };
            fragment.Fields.AddRange(roots.Select(Field));
            result.Add(fragment);
            return result;
        }

        foreach (var root in roots.Where(r => !IsLeaf(r)))
        {
            bool isList = root.Children.Count > 0 && root.Children.All(c => !IsLeaf(c)) && root.Children.Select(c => c.Name).Distinct().Count() == 1;
            if (isList)
            {
                foreach (var child in root.Children)
                {
                    var obj = new ExampleObject { Element = child.Name, ListElement = root.Name, Format = PayloadFormat.Xml, Line = child.Line };
                    obj.Fields.AddRange(child.Children.Where(IsLeaf).Select(Field));
                    result.Add(obj);
                }
            }
            else
            {
                var obj = new ExampleObject { Element = root.Name, Format = PayloadFormat.Xml, Line = root.Line };
                obj.Fields.AddRange(root.Children.Where(IsLeaf).Select(Field));
                result.Add(obj);
            }
        }

        return result;

        static ExampleField Field(XNode n) => new(n.Name, JoinText(n.Text), n.Line, n.SelfClosing || n.Text.Count == 0);
    }

    /// <summary>The declared total of an XML list root, if any.</summary>
    public static int? DeclaredTotal(string line)
    {
        var m = TotalRegex().Match(line);
        return m.Success ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    // ---------------------------------------------------------------- JSON

    private abstract record JValue(int Line);
    private sealed record JObject(int Line, List<(string Name, JValue Value, int Line)> Members) : JValue(Line);
    private sealed record JArray(int Line, List<JValue> Items) : JValue(Line);
    private sealed record JScalar(int Line, string Text) : JValue(Line);

    private readonly record struct Token(char Kind, string Text, int Line);   // Kind: { } [ ] : , s (string) w (word)

    /// <summary>Reads a JSON body tolerantly and reports whether it is valid JSON as printed.</summary>
    public static List<ExampleObject> ReadJson(IReadOnlyList<(int Line, string Text)> lines, List<ExampleProblem> problems, IReadOnlyList<(int Line, string Text)>? printedLines = null)
    {
        var asPrinted = printedLines ?? lines;
        string printed = string.Join("\n", asPrinted.Select(l => l.Text));
        try
        {
            using var _ = JsonDocument.Parse(printed);
        }
        catch (JsonException ex)
        {
            int offset = (int)(ex.LineNumber ?? 0);
            int line = asPrinted.Count == 0 ? 0 : asPrinted[Math.Min(offset, asPrinted.Count - 1)].Line;
            problems.Add(new ExampleProblem(line, "invalid-json", "not valid JSON as printed: " + FirstSentence(ex.Message)));
        }

        var tokens = Tokenize(lines);
        int pos = 0;
        JValue? value;
        if (tokens.Count >= 2 && tokens[0].Kind == 's' && tokens[1].Kind == ':')
        {
            // The opening brace is missing (it was printed on a prose line before the block).
            value = ParseMembers(tokens, ref pos, tokens[0].Line);
        }
        else
        {
            value = ParseValue(tokens, ref pos);
        }

        var result = new List<ExampleObject>();
        if (value is not JObject top)
        {
            return result;
        }

        var total = top.Members.FirstOrDefault(m => m.Name == "@total");
        if (total.Name is not null)
        {
            foreach (var (name, member, _) in top.Members.Where(m => m.Name != "@total"))
            {
                var items = member is JArray array ? array.Items : new List<JValue> { member };
                foreach (var item in items.OfType<JObject>())
                {
                    result.Add(FromJsonObject(item, name));
                }
            }
        }
        else
        {
            result.Add(FromJsonObject(top, null));
        }

        return result;
    }

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..(dot + 1)];
    }

    private static ExampleObject FromJsonObject(JObject obj, string? element)
    {
        var result = new ExampleObject { Element = element, Format = PayloadFormat.Json, Line = obj.Line };
        foreach (var (name, value, line) in obj.Members)
        {
            if (value is JScalar scalar)
            {
                result.Fields.Add(new ExampleField(name, scalar.Text, line, scalar.Text.Length == 0));
            }
        }

        return result;
    }

    private static List<Token> Tokenize(IReadOnlyList<(int Line, string Text)> lines)
    {
        var tokens = new List<Token>();
        foreach (var (lineNo, text) in lines)
        {
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c is '{' or '}' or '[' or ']' or ':' or ',')
                {
                    tokens.Add(new Token(c, c.ToString(), lineNo));
                    i++;
                }
                else if (c == '"')
                {
                    var sb = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length)
                        {
                            i++;
                        }

                        sb.Append(text[i]);
                        i++;
                    }

                    i++;
                    tokens.Add(new Token('s', sb.ToString(), lineNo));
                }
                else if (char.IsLetterOrDigit(c) || c == '-' || c == '.')
                {
                    int start = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '-' or '.' or '+'))
                    {
                        i++;
                    }

                    tokens.Add(new Token('w', text[start..i], lineNo));
                }
                else
                {
                    i++;   // junk such as "</pre>" or "<" is skipped
                }
            }
        }

        return tokens;
    }

    private static JValue? ParseValue(List<Token> tokens, ref int pos)
    {
        if (pos >= tokens.Count)
        {
            return null;
        }

        var token = tokens[pos];
        switch (token.Kind)
        {
            case '{':
                pos++;
                return ParseMembers(tokens, ref pos, token.Line);
            case '[':
                pos++;
                var items = new List<JValue>();
                while (pos < tokens.Count && tokens[pos].Kind != ']')
                {
                    if (tokens[pos].Kind == ',')
                    {
                        pos++;
                        continue;
                    }

                    var item = ParseValue(tokens, ref pos);
                    if (item is null)
                    {
                        break;
                    }

                    items.Add(item);
                }

                pos++;
                return new JArray(token.Line, items);
            case 's':
            case 'w':
                pos++;
                return new JScalar(token.Line, token.Text);
            default:
                pos++;
                return ParseValue(tokens, ref pos);
        }
    }

    private static JObject ParseMembers(List<Token> tokens, ref int pos, int line)
    {
        var members = new List<(string, JValue, int)>();
        while (pos < tokens.Count && tokens[pos].Kind != '}')
        {
            if (tokens[pos].Kind == ',')
            {
                pos++;
                continue;
            }

            if (tokens[pos].Kind == 's' && pos + 1 < tokens.Count && tokens[pos + 1].Kind == ':')
            {
                var name = tokens[pos];
                pos += 2;
                var value = ParseValue(tokens, ref pos);
                if (value is null)
                {
                    break;
                }

                members.Add((name.Text, value, name.Line));
                continue;
            }

            pos++;   // a word that is not a member ("Response", "Code", "200", "pre")
        }

        pos++;
        return new JObject(line, members);
    }
}
