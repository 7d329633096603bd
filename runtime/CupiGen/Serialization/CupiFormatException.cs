using System;
using System.Globalization;

namespace CupiGen;

/// <summary>The wire format a payload was written in.</summary>
public enum CupiWireFormat
{
    /// <summary>CUPI's JSON dialect.</summary>
    Json,

    /// <summary>CUPI's XML dialect.</summary>
    Xml,
}

/// <summary>
/// A CUPI payload could not be read or written: malformed JSON or XML, a value of the wrong type, or a
/// document over the reader's limits. The message names the field (wire name) and the position; it never
/// carries the value of a secret field, and control characters from the document (a line feed, an escape
/// sequence) are shown as <c>\u001B</c>, so a hostile payload cannot forge log lines or drive a terminal.
/// </summary>
public sealed class CupiFormatException : FormatException
{
    internal CupiFormatException(CupiWireFormat format, string? field, string reason, int line, int column, Exception? inner = null)
        : base(BuildMessage(format, field, Visible(reason), line, column), inner)
    {
        Format = format;
        Field = field;
        Reason = Visible(reason);
        Line = line;
        Column = column;
    }

    /// <summary>The wire format being read or written.</summary>
    public CupiWireFormat Format { get; }

    /// <summary>The wire name of the field at fault, or <see langword="null"/> when the fault is structural.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without position information (control characters shown as <c>\uXXXX</c>).</summary>
    public string Reason { get; }

    /// <summary>The 1-based line of the fault, or 0 when unknown (for example while writing).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the fault, or 0 when unknown.</summary>
    public int Column { get; }

    // Positions are filled in by the entry points in CupiSerializer, which own the input buffer.
    internal long ByteOffset { get; init; } = -1;

    internal CupiFormatException WithPosition(int line, int column) =>
        new(Format, Field, Reason, line, column, InnerException);

    // Text quoted from a document (a value, a name, a parser's message that quotes a character), with control
    // characters spelled out.
    private static string Visible(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') && !text.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
        {
            return text;
        }

        var visible = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                visible.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                visible.Append(c);
            }
        }

        return visible.ToString();
    }

    private static string BuildMessage(CupiWireFormat format, string? field, string reason, int line, int column)
    {
        field = field is null ? null : Visible(field);
        var where = line > 0
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line}, column {column}")
            : string.Empty;
        var what = format == CupiWireFormat.Json ? "JSON" : "XML";
        return field is null
            ? $"Invalid CUPI {what}{where}: {reason}"
            : $"Invalid CUPI {what} for field '{field}'{where}: {reason}";
    }
}
