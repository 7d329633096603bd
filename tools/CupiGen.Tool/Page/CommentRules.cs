using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace CupiGen.Tool.Page;

/// <summary>A named value listed in a comment ("• 1 - Skinny Client Control Protocol (SCCP) …", "UDP = 10", "0: Ipmodev4").</summary>
public sealed record EnumMember(int Value, string Title, string Description);

/// <summary>"pertinent only if EnableMWI = TRUE" (Field/EqualsText) or "pertinent only if SIP security profile is 5061/TLS" (Phrase).</summary>
public sealed record Pertinence(string? Field, string? EqualsText, string? Phrase, string Text);

/// <summary>
/// The facts a data-field comment states in words. Each rule is a small regular expression over the comment with
/// the HTML removed; what none matches stays in the description only.
/// </summary>
public static partial class CommentRules
{
    [GeneratedRegex(@"<(?<tag>/?\s*(?:p|ul|li|br)\b)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"range can vary from (?<min>-?\d+) through (?<max>-?\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex RangeRegex();

    [GeneratedRegex(@"Default value is (?<v>[^\s.]+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultRegex();

    [GeneratedRegex(@"^(?<v>-?\d+)\s*(?:-|:)\s*(?<text>.+)$")]
    private static partial Regex ValueFirstMemberRegex();

    [GeneratedRegex(@"^(?<name>[A-Za-z][\w ]*?)\s*=\s*(?<v>-?\d+)$")]
    private static partial Regex NameFirstMemberRegex();

    [GeneratedRegex(@"\((?<acr>[A-Z][A-Z0-9]+)\)")]
    private static partial Regex AcronymRegex();

    [GeneratedRegex(@"pertinent only if (?<field>[A-Z]\w+)\s*=\s*(?<value>\w+)")]
    private static partial Regex PertinentFieldRegex();

    [GeneratedRegex(@"pertinent (?<text>only if (?<phrase>.+?) is [^.]+?)\.(?:\s|$)")]
    private static partial Regex PertinentPhraseRegex();

    [GeneratedRegex(@"Applies only to (?<list>.+?) port groups|for (?<list>[A-Z]+(?:/[A-Z]+)+) only|Used for (?<list>[A-Z]+) Integration")]
    private static partial Regex AppliesRegex();

    [GeneratedRegex(@"maximum (?:length|characters?) (?:can be|is) (?<n>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxLengthRegex();

    [GeneratedRegex(@"will be (?<list>\d+(?:\s*,\s*(?:and\s+|or\s+)?\d+)+|\d+\s+(?:and|or)\s+\d+)")]
    private static partial Regex AllowedSetRegex();

    [GeneratedRegex(@"All alphabetical and digit characters are allowed\. Among the special characters (?<list>.+?) are allowed")]
    private static partial Regex CharsetRegex();

    [GeneratedRegex(@"^Object Id of the (?<phrase>.+?)(?:\s+(?:for|which|being|that|created|used)\b|\.|$)")]
    private static partial Regex ObjectIdPhraseRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacesRegex();

    /// <summary>The comment as one paragraph: HTML removed, bullets joined, split comments rejoined, mangled dashes repaired.</summary>
    public static string Describe(string comment)
    {
        var pieces = new List<string>();
        var bullets = new List<string>();

        void FlushBullets()
        {
            if (bullets.Count == 0)
            {
                return;
            }

            string separator = bullets.All(b => b.EndsWith('.'))
                ? " "
                : bullets.All(b => NameFirstMemberRegex().IsMatch(b)) ? ", " : "; ";
            string run = string.Join(separator, bullets.Select(b => separator == " " ? b : b.TrimEnd('.', ';', ',')));
            pieces.Add(EndSentence(run));
            bullets.Clear();
        }

        foreach (var (text, isBullet) in Split(comment))
        {
            string clean = Normalize(text);
            if (clean.Length == 0)
            {
                continue;
            }

            if (isBullet)
            {
                bullets.Add(clean);
            }
            else
            {
                FlushBullets();
                pieces.Add(clean);
            }
        }

        FlushBullets();
        return SpacesRegex().Replace(string.Join(" ", pieces), " ").Trim();
    }

    /// <summary>The paragraphs and bullets of a comment, in order.</summary>
    public static IEnumerable<(string Text, bool IsBullet)> Split(string comment)
    {
        // A tag ends a bullet; so does the next bullet.
        var current = new StringBuilder();
        bool inBullet = false;
        int i = 0;
        var tags = TagRegex().Matches(comment).ToDictionary(m => m.Index);
        while (i < comment.Length)
        {
            if (tags.TryGetValue(i, out var tag))
            {
                yield return (current.ToString(), inBullet);
                current.Clear();
                inBullet = false;
                i += tag.Length;
                continue;
            }

            if (comment[i] == '•')
            {
                yield return (current.ToString(), inBullet);
                current.Clear();
                inBullet = true;
                i++;
                continue;
            }

            current.Append(comment[i]);
            i++;
        }

        yield return (current.ToString(), inBullet);
    }

    /// <summary>The bullets of a comment, cleaned.</summary>
    public static List<string> Bullets(string comment) =>
        Split(comment).Where(p => p.IsBullet).Select(p => Normalize(p.Text)).Where(t => t.Length > 0).ToList();

    /// <summary>The comment's text without tags and bullets' markers, cleaned (for the rules below).</summary>
    public static string PlainText(string comment) => SpacesRegex().Replace(string.Join(" ", Split(comment).Select(p => Normalize(p.Text))), " ").Trim();

    private static string Normalize(string text)
    {
        string s = SpacesRegex().Replace(text, " ").Trim();
        s = s.Replace(" ? ", " - ", StringComparison.Ordinal);           // a dash the conversion mangled
        s = Regex.Replace(s, @"(\w) ?= ?(?=[A-Za-z0-9])", "$1 = ");       // "EnableMWI =TRUE"
        s = Regex.Replace(s, @"^(\d+):(?=\S)", "$1: ");                    // "1:IPmodev6"
        s = s.Replace(" ,", ",", StringComparison.Ordinal);                // "RFC 2833 ,"
        return s;
    }

    private static string EndSentence(string text) =>
        text.Length == 0 || ".:;!?".Contains(text[^1], StringComparison.Ordinal) ? text : text + ".";

    public static (long Min, long Max)? Range(string comment)
    {
        var m = RangeRegex().Match(PlainText(comment));
        return m.Success
            ? (long.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups["max"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The default as written ("5", "false", "NULL"), or null.</summary>
    public static string? Default(string comment)
    {
        var m = DefaultRegex().Match(PlainText(comment));
        return m.Success ? m.Groups["v"].Value : null;
    }

    /// <summary>Named integer values in the comment's bullets; empty when the bullets are not such a list.</summary>
    public static List<EnumMember> Members(string comment)
    {
        var parsed = new List<(int Value, string Text, bool NameFirst)>();
        foreach (string bullet in Bullets(comment))
        {
            var valueFirst = ValueFirstMemberRegex().Match(bullet);
            var nameFirst = NameFirstMemberRegex().Match(bullet);
            if (valueFirst.Success)
            {
                parsed.Add((int.Parse(valueFirst.Groups["v"].Value, CultureInfo.InvariantCulture), valueFirst.Groups["text"].Value.Trim(), false));
            }
            else if (nameFirst.Success)
            {
                parsed.Add((int.Parse(nameFirst.Groups["v"].Value, CultureInfo.InvariantCulture), nameFirst.Groups["name"].Value.Trim(), true));
            }
        }

        if (parsed.Count == 0)
        {
            return new List<EnumMember>();
        }

        // Words every member shares ("Reset" in "Reset Required") do not name a member.
        var common = parsed.Count > 1
            ? parsed.Select(p => Words(p.Text).Select(w => w.ToUpperInvariant()).ToHashSet())
                .Aggregate((a, b) => { a.IntersectWith(b); return a; })
            : new HashSet<string>();
        return parsed.Select(p =>
        {
            var acronym = AcronymRegex().Match(p.Text);
            string title = p.NameFirst
                ? Pascal(Words(p.Text))
                : acronym.Success
                    ? Pascal(new[] { acronym.Groups["acr"].Value })
                    : Pascal(Words(p.Text).Where(w => !common.Contains(w.ToUpperInvariant())));
            return new EnumMember(p.Value, title.Length == 0 ? "Value" + p.Value.ToString(CultureInfo.InvariantCulture) : title, EndSentence(p.Text));
        }).ToList();
    }

    public static Pertinence? Pertinent(string comment)
    {
        string text = PlainText(comment);
        var field = PertinentFieldRegex().Match(text);
        if (field.Success)
        {
            return new Pertinence(field.Groups["field"].Value, field.Groups["value"].Value, null, field.Value);
        }

        var phrase = PertinentPhraseRegex().Match(text);
        return phrase.Success ? new Pertinence(null, null, phrase.Groups["phrase"].Value, phrase.Groups["text"].Value) : null;
    }

    /// <summary>The integration types a comment restricts a field to, as written ("SIP", "PIMG").</summary>
    public static List<string> AppliesTo(string comment)
    {
        var m = AppliesRegex().Match(PlainText(comment));
        if (!m.Success)
        {
            return new List<string>();
        }

        return m.Groups["list"].Value.Split(new[] { " and ", ",", "/", " or " }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
    }

    public static int? MaxLength(string comment)
    {
        var m = MaxLengthRegex().Match(PlainText(comment));
        return m.Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>"10, 20, and 30" → [10, 20, 30].</summary>
    public static List<long>? AllowedSet(string text)
    {
        var m = AllowedSetRegex().Match(text);
        return m.Success
            ? Regex.Matches(m.Groups["list"].Value, @"\d+").Select(d => long.Parse(d.Value, CultureInfo.InvariantCulture)).ToList()
            : null;
    }

    private static readonly (string Name, string Chars)[] CharacterNames =
    {
        ("hyphen", "-"), ("underscore", "_"), ("period", "."), ("exclamation mark", "!"), ("tilde", "~"),
        ("asterisk", "*"), ("single quote", "'"), ("opening and closing parenthesis", "()"), ("ampersand", "&"),
        ("equals", "="), ("plus", "+"), ("dollar sign", "$"), ("comma", ","), ("semicolon", ";"),
        ("question mark", "?"), ("backslash", "\\"), ("slash", "/"), ("percent sign", "%"), ("colon", ":"),
        ("at sign", "@"), ("space", " "), ("number sign", "#"),
    };

    /// <summary>The allowed special characters a comment names, in its order, with the names it uses.</summary>
    public static List<(string Name, string Chars)>? Charset(string comment)
    {
        var m = CharsetRegex().Match(PlainText(comment));
        if (!m.Success)
        {
            return null;
        }

        var result = new List<(string, string)>();
        foreach (string raw in m.Groups["list"].Value.Split(','))
        {
            string name = raw.Trim();
            if (name.StartsWith("and ", StringComparison.Ordinal))
            {
                name = name[4..];
            }

            var known = CharacterNames.FirstOrDefault(c => c.Name == name);
            if (known.Name is null)
            {
                return null;   // an unknown name: leave the rule to the description
            }

            result.Add(known);
        }

        return result;
    }

    /// <summary>ECMA-262 pattern for ASCII letters, digits and the given characters (hyphen last, as a class needs).</summary>
    public static string CharsetPattern(IEnumerable<(string Name, string Chars)> set)
    {
        var chars = string.Concat(set.Select(s => s.Chars));
        bool hyphen = chars.Contains('-', StringComparison.Ordinal);
        var body = new StringBuilder();
        foreach (char c in chars.Replace("-", "", StringComparison.Ordinal))
        {
            body.Append(c is '\\' or ']' or '^' ? "\\" + c : c.ToString());
        }

        return "^[A-Za-z0-9" + body + (hyphen ? "-" : "") + "]*$";
    }

    public static string CharsetText(IReadOnlyList<(string Name, string Chars)> set) =>
        "ASCII letters and digits, and the special characters " +
        string.Join(" ", set.SelectMany(s => s.Chars.Select(c => c.ToString()))) +
        " (" + string.Join(", ", set.Select(s => s.Name)) + ").";

    /// <summary>"Object Id of the phone system for which …" → "phone system".</summary>
    public static string? ObjectIdPhrase(string comment)
    {
        var m = ObjectIdPhraseRegex().Match(PlainText(comment));
        return m.Success ? m.Groups["phrase"].Value : null;
    }

    public static IEnumerable<string> Words(string text) =>
        Regex.Matches(text, @"[A-Za-z0-9]+").Select(m => m.Value);

    /// <summary>"SIP security profile" → "SipSecurityProfile"; "UDP" → "Udp".</summary>
    public static string Pascal(IEnumerable<string> words)
    {
        var sb = new StringBuilder();
        foreach (string word in words)
        {
            if (word.Length == 0)
            {
                continue;
            }

            bool allCaps = word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));
            sb.Append(char.ToUpperInvariant(word[0]));
            sb.Append(allCaps ? word[1..].ToLowerInvariant() : word[1..]);
        }

        return sb.ToString();
    }
}
