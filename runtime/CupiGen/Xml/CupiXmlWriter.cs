using System;
using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;

namespace CupiGen;

/// <summary>
/// The fast XML writer generated models write through: UTF-8 straight into a pooled buffer, element names
/// from the generator's constants, no <see cref="XmlWriter"/> on the common path. The text is exactly what
/// <see cref="XmlWriter"/> writes with CUPI's settings: a value that needs escaping (or any non-ASCII value) is
/// escaped by an <see cref="XmlWriter"/> with those settings, so the two can never disagree.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CupiXmlWriter : ICupiFieldWriter
{
    [ThreadStatic]
    private static CupiXmlWriter? t_cached;

    private static readonly XmlWriterSettings TextSettings = new()
    {
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Fragment,
        CheckCharacters = true,
        CloseOutput = false,

        // A carriage return as &#xD;: a raw one would be read back as a line feed.
        NewLineHandling = NewLineHandling.Entitize,
    };

    private CupiUtf8Buffer _buffer;

    // A start tag is open: '<Name' is written, its '>' (or ' />' when the element stays empty) is not.
    private bool _open;

    private CupiXmlWriter()
    {
        _buffer = new CupiUtf8Buffer(2048);
    }

    internal ReadOnlySpan<byte> Written => _buffer.Written;

    /// <summary>An element name the generator could not pass as plain ASCII: checked and encoded as UTF-8.</summary>
    /// <param name="name">The element name.</param>
    /// <returns>The UTF-8 bytes of the name.</returns>
    public static byte[] EncodeName(string name) => Encoding.UTF8.GetBytes(XmlConvert.VerifyNCName(name));

    /// <summary>Starts an element.</summary>
    /// <param name="name">The element name (UTF-8).</param>
    public void WriteStartElement(ReadOnlySpan<byte> name)
    {
        var span = _buffer.GetSpan(name.Length + 2);
        var at = 0;
        if (_open)
        {
            span[at++] = (byte)'>';
        }

        span[at++] = (byte)'<';
        name.CopyTo(span[at..]);
        _buffer.Advance(at + name.Length);
        _open = true;
    }

    /// <summary>Ends the element started with the same name: <c>&lt;/Name&gt;</c>, or <c> /&gt;</c> when it is empty.</summary>
    /// <param name="name">The element name (UTF-8).</param>
    public void WriteEndElement(ReadOnlySpan<byte> name)
    {
        if (_open)
        {
            _buffer.Write(" />"u8);
            _open = false;
            return;
        }

        var span = _buffer.GetSpan(name.Length + 3);
        span[0] = (byte)'<';
        span[1] = (byte)'/';
        name.CopyTo(span[2..]);
        span[2 + name.Length] = (byte)'>';
        _buffer.Advance(name.Length + 3);
    }

    void ICupiFieldWriter.WriteText(CupiFieldInfo field, string? value) => WriteString(field.XmlName, value);

    void ICupiFieldWriter.WriteInt32(CupiFieldInfo field, int? value) => WriteInt32(field.XmlName, value);

    void ICupiFieldWriter.WriteBoolean(CupiFieldInfo field, bool? value) => WriteBoolean(field.XmlName, value);

    /// <summary>Writes a text field; a present field without a value is written as an empty element.</summary>
    /// <param name="name">The element name (UTF-8).</param>
    /// <param name="value">The value.</param>
    public void WriteString(ReadOnlySpan<byte> name, string? value)
    {
        var text = (value ?? string.Empty).AsSpan();
        if (text.IsEmpty)
        {
            WriteEmpty(name);
            return;
        }

        // What XmlWriter writes as is in element content: printable ASCII except '<', '>' and '&'. Fixed-value
        // scans, not SearchValues, whose vector code is compiled at start-up (see CupiXmlFast.IndexOfTextStop).
        if (text.ContainsAnyExceptInRange(' ', '~') || text.ContainsAny('<', '>', '&'))
        {
            WriteEscaped(name, value!);
            return;
        }

        var span = Open(name, text.Length);
        var at = Encoding.UTF8.GetBytes(text, span);
        Close(name, span[at..]);
        _buffer.Advance(at + name.Length + 3);
    }

    /// <summary>Writes an integer field.</summary>
    /// <param name="name">The element name (UTF-8).</param>
    /// <param name="value">The value; <see langword="null"/> is written as an empty element.</param>
    public void WriteInt32(ReadOnlySpan<byte> name, int? value)
    {
        if (value is not int number)
        {
            WriteEmpty(name);
            return;
        }

        var span = Open(name, 11);
        Utf8Formatter.TryFormat(number, span, out var at);
        Close(name, span[at..]);
        _buffer.Advance(at + name.Length + 3);
    }

    /// <summary>Writes a boolean field as <c>true</c> or <c>false</c>.</summary>
    /// <param name="name">The element name (UTF-8).</param>
    /// <param name="value">The value; <see langword="null"/> is written as an empty element.</param>
    public void WriteBoolean(ReadOnlySpan<byte> name, bool? value)
    {
        if (value is not bool flag)
        {
            WriteEmpty(name);
            return;
        }

        var literal = flag ? "true"u8 : "false"u8;
        var span = Open(name, literal.Length);
        literal.CopyTo(span);
        Close(name, span[literal.Length..]);
        _buffer.Advance(literal.Length + name.Length + 3);
    }

    /// <summary>Writes back the elements the schema does not know, exactly as <see cref="CupiXml.WriteAdditional"/> does.</summary>
    /// <param name="store">The model's additional fields.</param>
    /// <param name="mode">The write mode.</param>
    public void WriteAdditional(CupiAdditionalFields? store, CupiWriteMode mode)
    {
        if (store is null || store.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        try
        {
            using var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), TextSettings);
            CupiXml.WriteAdditional(writer, store, mode);
        }
        catch (ArgumentException ex)
        {
            // Raw markup or a name XML cannot carry: never a document the reader refuses.
            throw new CupiFormatException(CupiWireFormat.Xml, null, "an additional field cannot be written as XML", 0, 0, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new CupiFormatException(CupiWireFormat.Xml, null, "an additional field cannot be written as XML", 0, 0, ex);
        }

        WriteMarkup(text);
    }

    // ' total="n"' on the open start tag.
    internal void WriteAttribute(ReadOnlySpan<byte> name, int value)
    {
        var span = _buffer.GetSpan(name.Length + 15);
        span[0] = (byte)' ';
        name.CopyTo(span[1..]);
        var at = 1 + name.Length;
        span[at++] = (byte)'=';
        span[at++] = (byte)'"';
        Utf8Formatter.TryFormat(value, span[at..], out var written);
        at += written;
        span[at++] = (byte)'"';
        _buffer.Advance(at);
    }

    // A model written into a caller's XmlWriter: the markup of the fast writer, as raw markup, so the two
    // paths cannot differ.
    internal static void WriteInto<T>(XmlWriter target, ICupiModel<T> value, CupiWriteMode mode) where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(target);
        var writer = Rent();
        try
        {
            value.WriteXml(writer, mode);
            target.WriteRaw(Encoding.UTF8.GetString(writer.Written));
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>Takes this thread's cached writer (or a new one when it is in use).</summary>
    internal static CupiXmlWriter Rent()
    {
        var writer = t_cached ?? new CupiXmlWriter();
        t_cached = null;
        return writer;
    }

    /// <summary>Gives a writer back to this thread's cache, emptied.</summary>
    internal static void Return(CupiXmlWriter writer)
    {
        writer._buffer.Reset();
        writer._open = false;
        t_cached = writer;
    }

    // '<Name />'
    private void WriteEmpty(ReadOnlySpan<byte> name)
    {
        var span = _buffer.GetSpan(name.Length + 5);
        var at = 0;
        if (_open)
        {
            span[at++] = (byte)'>';
            _open = false;
        }

        span[at++] = (byte)'<';
        name.CopyTo(span[at..]);
        at += name.Length;
        " />"u8.CopyTo(span[at..]);
        _buffer.Advance(at + 3);
    }

    // Writes '<Name>' (closing the parent's start tag first) and returns the span after it, with room for
    // 'valueBytes' bytes and '</Name>'. The caller advances by value + name.Length + 3 after Close.
    private Span<byte> Open(ReadOnlySpan<byte> name, int valueBytes)
    {
        if (_open)
        {
            _buffer.Write((byte)'>');
            _open = false;
        }

        var span = _buffer.GetSpan((2 * name.Length) + 5 + valueBytes);
        span[0] = (byte)'<';
        name.CopyTo(span[1..]);
        span[1 + name.Length] = (byte)'>';
        _buffer.Advance(name.Length + 2);
        return span[(name.Length + 2)..];
    }

    private static void Close(ReadOnlySpan<byte> name, Span<byte> span)
    {
        span[0] = (byte)'<';
        span[1] = (byte)'/';
        name.CopyTo(span[2..]);
        span[2 + name.Length] = (byte)'>';
    }

    // A value with characters XML escapes (or non-ASCII): escaped by an XmlWriter with CUPI's settings.
    private void WriteEscaped(ReadOnlySpan<byte> name, string value)
    {
        var text = new StringBuilder(value.Length + 16);
        try
        {
            using var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), TextSettings);
            writer.WriteString(value);
        }
        catch (ArgumentException ex)
        {
            throw new CupiFormatException(CupiWireFormat.Xml, Encoding.UTF8.GetString(name), "the value contains a character XML cannot carry", 0, 0, ex);
        }

        var escaped = text.ToString();
        var span = Open(name, Encoding.UTF8.GetMaxByteCount(escaped.Length));
        var at = Encoding.UTF8.GetBytes(escaped, span);
        Close(name, span[at..]);
        _buffer.Advance(at + name.Length + 3);
    }

    private void WriteMarkup(StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_open)
        {
            _buffer.Write((byte)'>');
            _open = false;
        }

        var markup = text.ToString();
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(markup.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(markup, span));
    }
}
