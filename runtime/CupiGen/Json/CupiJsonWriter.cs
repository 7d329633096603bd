using System;
using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace CupiGen;

/// <summary>
/// The fast JSON writer generated models write through: UTF-8 straight into a pooled buffer, property names
/// pre-encoded by the generator (<c>"Name":</c>), integers formatted into the buffer. The bytes are exactly
/// those <see cref="Utf8JsonWriter"/> writes with CUPI's options: text that needs escaping is escaped by a
/// <see cref="Utf8JsonWriter"/> with those options, so the two can never disagree.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CupiJsonWriter : ICupiFieldWriter
{
    [ThreadStatic]
    private static CupiJsonWriter? t_cached;


    private CupiUtf8Buffer _buffer;
    private bool _needComma;
    private ArrayBufferWriter<byte>? _scratchBuffer;
    private Utf8JsonWriter? _scratch;

    private CupiJsonWriter()
    {
        _buffer = new CupiUtf8Buffer(1024);
    }

    internal ReadOnlySpan<byte> Written => _buffer.Written;

    /// <summary>A property name as the generator could not pre-encode it: quoted, escaped and followed by ':'.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The UTF-8 bytes of <c>"name":</c>.</returns>
    public static byte[] EncodeName(string name)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CupiJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(name);
            writer.WriteNullValue();
            writer.WriteEndObject();
        }

        // {"name":null}
        return buffer.WrittenSpan[1..^5].ToArray();
    }

    void ICupiFieldWriter.WriteText(CupiFieldInfo field, string? value) => WriteString(field.JsonName, value);

    void ICupiFieldWriter.WriteInt32(CupiFieldInfo field, int? value) => WriteInt32(field.JsonName, value);

    void ICupiFieldWriter.WriteBoolean(CupiFieldInfo field, bool? value) => WriteBoolean(field.JsonName, value);

    /// <summary>Starts an object (after a property name, or as an array element).</summary>
    public void WriteStartObject()
    {
        if (_needComma)
        {
            _buffer.Write((byte)',');
        }

        _buffer.Write((byte)'{');
        _needComma = false;
    }

    /// <summary>Ends an object.</summary>
    public void WriteEndObject()
    {
        _buffer.Write((byte)'}');
        _needComma = true;
    }

    /// <summary>Writes a text field; a present field without a value (JSON <c>null</c> was read) is written as <c>null</c>.</summary>
    /// <param name="quotedName">The pre-encoded <c>"Name":</c>.</param>
    /// <param name="value">The value.</param>
    public void WriteString(ReadOnlySpan<byte> quotedName, string? value)
    {
        if (value is null)
        {
            // null and "" are different answers in JSON; a round trip keeps which one came.
            WriteLiteral(quotedName, "null"u8);
            return;
        }

        var text = value.AsSpan();
        if (!IsPlain(text))
        {
            WriteEscapedString(quotedName, value!);
            return;
        }

        var span = _buffer.GetSpan(quotedName.Length + text.Length + 3);
        var at = 0;
        if (_needComma)
        {
            span[at++] = (byte)',';
        }

        quotedName.CopyTo(span[at..]);
        at += quotedName.Length;
        span[at++] = (byte)'"';
        at += Encoding.UTF8.GetBytes(text, span[at..]);
        span[at++] = (byte)'"';
        _buffer.Advance(at);
        _needComma = true;
    }

    /// <summary>Writes an integer field as a JSON string, as CUPI does.</summary>
    /// <param name="quotedName">The pre-encoded <c>"Name":</c>.</param>
    /// <param name="value">The value; <see langword="null"/> is written as <c>""</c>.</param>
    public void WriteInt32(ReadOnlySpan<byte> quotedName, int? value)
    {
        var span = _buffer.GetSpan(quotedName.Length + 16);
        var at = 0;
        if (_needComma)
        {
            span[at++] = (byte)',';
        }

        quotedName.CopyTo(span[at..]);
        at += quotedName.Length;
        span[at++] = (byte)'"';
        if (value is int number)
        {
            Utf8Formatter.TryFormat(number, span[at..], out var written);
            at += written;
        }

        span[at++] = (byte)'"';
        _buffer.Advance(at);
        _needComma = true;
    }

    /// <summary>Writes a boolean field as a JSON string, as CUPI does.</summary>
    /// <param name="quotedName">The pre-encoded <c>"Name":</c>.</param>
    /// <param name="value">The value; <see langword="null"/> is written as <c>""</c>.</param>
    public void WriteBoolean(ReadOnlySpan<byte> quotedName, bool? value)
    {
        WriteLiteral(quotedName, value switch { true => "\"true\""u8, false => "\"false\""u8, null => "\"\""u8 });
    }

    private void WriteLiteral(ReadOnlySpan<byte> quotedName, ReadOnlySpan<byte> literal)
    {
        var span = _buffer.GetSpan(quotedName.Length + literal.Length + 1);
        var at = 0;
        if (_needComma)
        {
            span[at++] = (byte)',';
        }

        quotedName.CopyTo(span[at..]);
        at += quotedName.Length;
        literal.CopyTo(span[at..]);
        at += literal.Length;
        _buffer.Advance(at);
        _needComma = true;
    }

    /// <summary>Writes back the fields the schema does not know, exactly as <see cref="CupiJson.WriteAdditional"/> does.</summary>
    /// <param name="store">The model's additional fields.</param>
    /// <param name="mode">The write mode.</param>
    public void WriteAdditional(CupiAdditionalFields? store, CupiWriteMode mode)
    {
        if (store is null || store.Count == 0)
        {
            return;
        }

        var scratch = Scratch();
        try
        {
            scratch.WriteStartObject();
            CupiJson.WriteAdditional(scratch, store, mode);
            scratch.WriteEndObject();
            scratch.Flush();
        }
        catch (ArgumentException ex)
        {
            // A field set by code with a lone surrogate, or raw JSON that is not JSON: never an unreadable document.
            throw new CupiFormatException(CupiWireFormat.Json, null, "an additional field is not valid JSON text (for example a lone surrogate)", 0, 0, ex);
        }
        catch (JsonException ex)
        {
            throw new CupiFormatException(CupiWireFormat.Json, null, "an additional field's raw JSON is not valid JSON", 0, 0, ex);
        }
        var members = _scratchBuffer!.WrittenSpan[1..^1];
        if (members.IsEmpty)
        {
            return;
        }

        if (_needComma)
        {
            _buffer.Write((byte)',');
        }

        _buffer.Write(members);
        _needComma = true;
    }

    internal void WriteStartArray()
    {
        if (_needComma)
        {
            _buffer.Write((byte)',');
        }

        _buffer.Write((byte)'[');
        _needComma = false;
    }

    internal void WriteEndArray()
    {
        _buffer.Write((byte)']');
        _needComma = true;
    }

    // A property name followed by a value the caller writes next (an object or an array).
    internal void WritePropertyName(ReadOnlySpan<byte> quotedName)
    {
        if (_needComma)
        {
            _buffer.Write((byte)',');
        }

        _buffer.Write(quotedName);
        _needComma = false;
    }

    internal void WriteModel<T>(T value, CupiWriteMode mode) where T : class, ICupiModel<T> => value.WriteJson(this, mode);

    // A model written into a caller's Utf8JsonWriter: the bytes of the fast writer, as one raw value, so the
    // two paths cannot differ.
    internal static void WriteInto<T>(Utf8JsonWriter target, ICupiModel<T> value, CupiWriteMode mode) where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(target);
        var writer = Rent();
        try
        {
            value.WriteJson(writer, mode);
            target.WriteRawValue(writer.Written, skipInputValidation: true);
        }
        finally
        {
            Return(writer);
        }
    }

    /// <summary>Takes this thread's cached writer (or a new one when it is in use).</summary>
    internal static CupiJsonWriter Rent()
    {
        var writer = t_cached ?? new CupiJsonWriter();
        t_cached = null;
        return writer;
    }

    /// <summary>Gives a writer back to this thread's cache, emptied.</summary>
    internal static void Return(CupiJsonWriter writer)
    {
        writer._buffer.Reset();
        writer._needComma = false;
        t_cached = writer;
    }

    // Text Utf8JsonWriter with UnsafeRelaxedJsonEscaping writes as is: printable ASCII, except '"' and '\'.
    // Fixed-value scans, not SearchValues, whose vector code is compiled at start-up (see CupiXmlFast.IndexOfTextStop).
    private static bool IsPlain(ReadOnlySpan<char> text) =>
        !text.ContainsAnyExceptInRange(' ', '~') && !text.ContainsAny('"', '\\');

    // Text with characters JSON escapes (or non-ASCII): escaped by Utf8JsonWriter itself, with CUPI's options.
    private void WriteEscapedString(ReadOnlySpan<byte> quotedName, string value)
    {
        var scratch = Scratch();
        try
        {
            scratch.WriteStringValue(value);
            scratch.Flush();
        }
        catch (ArgumentException ex)
        {
            throw new CupiFormatException(CupiWireFormat.Json, Encoding.UTF8.GetString(quotedName[1..^2]), "the value is not valid text (for example a lone surrogate)", 0, 0, ex);
        }

        if (_needComma)
        {
            _buffer.Write((byte)',');
        }

        _buffer.Write(quotedName);
        _buffer.Write(_scratchBuffer!.WrittenSpan);
        _needComma = true;
    }

    private Utf8JsonWriter Scratch()
    {
        _scratchBuffer ??= new ArrayBufferWriter<byte>(256);
        _scratchBuffer.ResetWrittenCount();
        if (_scratch is null)
        {
            _scratch = new Utf8JsonWriter(_scratchBuffer, CupiJson.WriterOptions);
        }
        else
        {
            _scratch.Reset(_scratchBuffer);
        }

        return _scratch;
    }
}
