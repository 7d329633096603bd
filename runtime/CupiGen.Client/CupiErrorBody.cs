using System;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;

namespace CupiGen;

/// <summary>Reads CUPI's error bodies: XML <c>ErrorDetails</c>, its JSON form, HTML error pages and plain text.</summary>
internal static partial class CupiErrorBody
{
    private const int MaxText = 500;

    public static (string? Code, string? Message) Parse(string? mediaType, string body)
    {
        var text = body.Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }

        try
        {
            if (text[0] is '{' or '[')
            {
                return ParseJson(text);
            }

            var html = mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ||
                text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) ||
                text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
            if (!html && text[0] == '<')
            {
                return ParseXml(text);
            }

            if (html)
            {
                return (null, HtmlText(text));
            }
        }
        catch (Exception ex) when (ex is JsonException or XmlException)
        {
            // Not the structured body it looked like: fall back to its text.
        }

        return (null, Shorten(Collapse(text)));
    }

    private static (string? Code, string? Message) ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var errors = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var e) ? e : root;
        if (errors.ValueKind == JsonValueKind.Array)
        {
            errors = errors.GetArrayLength() > 0 ? errors[0] : default;
        }

        if (errors.ValueKind != JsonValueKind.Object)
        {
            return (null, Shorten(Collapse(text)));
        }

        return (Clean(Member(errors, "code")), Clean(Member(errors, "message")));

        static string? Member(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : value.ToString()
                : null;
    }

    private static (string? Code, string? Message) ParseXml(string text)
    {
        string? code = null;
        string? message = null;
        using var reader = XmlReader.Create(new StringReader(text), CupiXml.CreateReaderSettings());
        reader.Read();
        while (!reader.EOF)
        {
            // ReadElementContentAsString leaves the reader on the next node, which must not be skipped.
            if (reader.NodeType == XmlNodeType.Element && code is null && reader.LocalName == "code")
            {
                code = reader.ReadElementContentAsString().Trim();
            }
            else if (reader.NodeType == XmlNodeType.Element && message is null && reader.LocalName == "message")
            {
                message = reader.ReadElementContentAsString().Trim();
            }
            else
            {
                reader.Read();
            }
        }

        return (Clean(code), Clean(message));
    }

    // The server's own words go into exception messages and logs: one line, no control characters (a hostile
    // server's line feeds or escape sequences would forge log lines or drive a terminal), and bounded.
    private static string? Clean(string? text) => text is null ? null : Shorten(Collapse(text));

    private static string? HtmlText(string html)
    {
        var title = TitlePattern().Match(html);
        var body = Tags().Replace(ScriptsAndStyles().Replace(html, " "), " ");
        var text = Collapse(WebUtility.HtmlDecode(body));
        if (title.Success)
        {
            var titleText = Collapse(WebUtility.HtmlDecode(title.Groups[1].Value));
            if (titleText.Length > 0)
            {
                // The title usually repeats at the start of the body text.
                var rest = text.StartsWith(titleText, StringComparison.Ordinal) ? text[titleText.Length..].Trim() : text;
                text = rest.Length == 0 ? titleText : titleText + " - " + rest;
            }
        }

        return text.Length == 0 ? null : Shorten(text);
    }

    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = result.Length > 0;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static string Shorten(string text) => text.Length <= MaxText ? text : text[..MaxText] + "…";

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"<(script|style|head)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptsAndStyles();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
