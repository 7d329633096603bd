using System;
using System.Text;

namespace CupiGen.Generator.Emit;

/// <summary>A small indenting writer: generated code stays readable without a formatter pass.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }

        _text.Append('\n');
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
    }

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Writes documentation as XML comment lines, escaping markup and keeping line breaks.</summary>
    public void Doc(string tag, string? text, string? attributes = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var open = attributes is null ? $"<{tag}>" : $"<{tag} {attributes}>";
        // Every character C# ends a line at, not only '\n': text after any of them would become code.
        var lines = Escape(text!.Trim()).Split(["\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029"], StringSplitOptions.None);
        if (lines.Length == 1)
        {
            Line($"/// {open}{lines[0]}</{tag}>");
            return;
        }

        Line($"/// {open}");
        foreach (var line in lines)
        {
            Line("/// " + line.TrimEnd());
        }

        Line($"/// </{tag}>");
    }

    /// <summary>Writes documentation whose text is already valid XML-doc markup.</summary>
    public void DocRaw(string line) => Line("/// " + line);

    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public override string ToString() => _text.ToString();
}
