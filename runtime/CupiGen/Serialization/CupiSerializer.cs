using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace CupiGen;

/// <summary>
/// Reads and writes generated models in CUPI's JSON and XML dialects. Generated models expose the same
/// operations as static <c>FromJson</c>/<c>FromXml</c>/<c>ListFromJson</c>/<c>ListFromXml</c> and instance
/// <c>ToJson</c>/<c>ToXml</c> methods; this class is what they call.
/// </summary>
/// <remarks>Every failure to read is a <see cref="CupiFormatException"/> that names the field and position.</remarks>
public static class CupiSerializer
{
    // ---------------------------------------------------------------- JSON: reading

    /// <summary>Reads one object from JSON text.</summary>
    public static T FromJson<T>(string json) where T : class, ICupiModel<T>
    {
        using var utf8 = PooledUtf8.FromText(json, CupiWireFormat.Json);
        return FromJson<T>(utf8.Span);
    }

    /// <summary>Reads one object from UTF-8 JSON.</summary>
    public static T FromJson<T>(ReadOnlySpan<byte> utf8Json) where T : class, ICupiModel<T>
    {
        PooledUtf8.CheckSize(utf8Json.Length, CupiWireFormat.Json);

        // CUPI servers send a flat object of plain strings: the model takes it member by member. Anything else
        // (escapes, numbers, unknown or malformed members, any error) is read again by the full reader.
        var fields = new CupiJsonFields(SkipByteOrderMark(utf8Json));
        if (T.ReadJsonFields(ref fields) is { } fast && fields.Completed)
        {
            return fast;
        }

        return ReadJsonDocument(utf8Json, CupiJson.ReaderOptions, static (ref Utf8JsonReader reader) =>
        {
            CupiJson.ExpectStartObject(ref reader, T.ElementName);
            return T.ReadJson(ref reader);
        });
    }

    /// <summary>Reads one object from a stream of UTF-8 JSON.</summary>
    public static T FromJson<T>(Stream utf8Json) where T : class, ICupiModel<T>
    {
        using var utf8 = PooledUtf8.Read(utf8Json, CupiWireFormat.Json);
        return FromJson<T>(utf8.Span);
    }

    /// <summary>Reads one object from a stream of UTF-8 JSON without blocking on I/O.</summary>
    public static async ValueTask<T> FromJsonAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        using var utf8 = await PooledUtf8.ReadAsync(utf8Json, CupiWireFormat.Json, cancellationToken).ConfigureAwait(false);
        return FromJson<T>(utf8.Span);
    }

    /// <summary>Reads a list (<c>{"@total": "n", "PortGroup": [ … ]}</c>, a single object for a list of one) from JSON text.</summary>
    public static CupiList<T> ListFromJson<T>(string json) where T : class, ICupiModel<T>
    {
        using var utf8 = PooledUtf8.FromText(json, CupiWireFormat.Json);
        return ListFromJson<T>(utf8.Span);
    }

    /// <summary>Reads a list from UTF-8 JSON.</summary>
    public static CupiList<T> ListFromJson<T>(ReadOnlySpan<byte> utf8Json) where T : class, ICupiModel<T>
    {
        PooledUtf8.CheckSize(utf8Json.Length, CupiWireFormat.Json);
        return TryReadJsonListFields<T>(SkipByteOrderMark(utf8Json))
            ?? ReadJsonDocument(utf8Json, CupiJson.ListReaderOptions, static (ref Utf8JsonReader reader) => ReadJsonList<T>(ref reader));
    }

    /// <summary>Reads a list from a stream of UTF-8 JSON.</summary>
    public static CupiList<T> ListFromJson<T>(Stream utf8Json) where T : class, ICupiModel<T>
    {
        using var utf8 = PooledUtf8.Read(utf8Json, CupiWireFormat.Json);
        return ListFromJson<T>(utf8.Span);
    }

    /// <summary>Reads a list from a stream of UTF-8 JSON without blocking on I/O.</summary>
    public static async ValueTask<CupiList<T>> ListFromJsonAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        using var utf8 = await PooledUtf8.ReadAsync(utf8Json, CupiWireFormat.Json, cancellationToken).ConfigureAwait(false);
        return ListFromJson<T>(utf8.Span);
    }

    // ---------------------------------------------------------------- JSON: writing

    /// <summary>Writes one object as JSON text.</summary>
    public static string ToJson<T>(T value, CupiWriteMode mode = CupiWriteMode.Everything) where T : class, ICupiModel<T> =>
        ToJsonText(value, mode);

    // Any model, typed or known by its table (CupiTableSerializer): one writer for both.
    internal static string ToJsonText(ICupiModel value, CupiWriteMode mode)
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = CupiJsonWriter.Rent();
        try
        {
            CupiJsonModel.Write(writer, value, mode);
            return Encoding.UTF8.GetString(writer.Written);
        }
        finally
        {
            CupiJsonWriter.Return(writer);
        }
    }

    /// <summary>Writes one object as UTF-8 JSON.</summary>
    public static byte[] ToJsonUtf8<T>(T value, CupiWriteMode mode = CupiWriteMode.Everything) where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = CupiJsonWriter.Rent();
        try
        {
            value.WriteJson(writer, mode);
            return writer.Written.ToArray();
        }
        finally
        {
            CupiJsonWriter.Return(writer);
        }
    }

    /// <summary>Writes one object as UTF-8 JSON to a stream.</summary>
    public static void ToJson<T>(T value, Stream utf8Json, CupiWriteMode mode = CupiWriteMode.Everything) where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(utf8Json);
        var writer = CupiJsonWriter.Rent();
        try
        {
            value.WriteJson(writer, mode);
            utf8Json.Write(writer.Written);
        }
        finally
        {
            CupiJsonWriter.Return(writer);
        }
    }

    /// <summary>Writes a list in CUPI's JSON shape: <c>@total</c>, then the objects (a single object for a list of one).</summary>
    public static string ListToJson<T>(IReadOnlyList<T> items, int? total = null) where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(items);
        return ListToJson(T.Metadata.ElementJsonName, items, total ?? TotalOf(items));
    }

    // The list shape for any model (CupiTableSerializer too): '@total', then one object, or an array of several.
    internal static string ListToJson(byte[] elementName, IReadOnlyList<ICupiModel> items, int total)
    {
        var writer = CupiJsonWriter.Rent();
        try
        {
            writer.WriteStartObject();
            writer.WriteInt32("\"@total\":"u8, total);
            if (items.Count > 0)
            {
                writer.WritePropertyName(elementName);
                if (items.Count > 1)
                {
                    writer.WriteStartArray();
                }

                foreach (var item in items)
                {
                    CupiJsonModel.Write(writer, item, CupiWriteMode.Everything);
                }

                if (items.Count > 1)
                {
                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
            return Encoding.UTF8.GetString(writer.Written);
        }
        finally
        {
            CupiJsonWriter.Return(writer);
        }
    }

    // ---------------------------------------------------------------- XML

    /// <summary>Reads one object from XML text.</summary>
    public static T FromXml<T>(string xml) where T : class, ICupiModel<T>
    {
        PooledUtf8.CheckText(xml, CupiWireFormat.Xml);
        using var text = new StringReader(xml);
        return ReadXml(text, static reader => ReadXmlObject<T>(reader));
    }

    /// <summary>Reads one object from a stream of XML.</summary>
    public static T FromXml<T>(Stream xml) where T : class, ICupiModel<T>
    {
        // Gathered first, so the limit counts bytes whatever the encoding (XmlReader's own limit counts characters).
        using var bytes = PooledUtf8.Read(xml, CupiWireFormat.Xml);
        if (CupiXmlFast.ReadObject<T>(bytes.Span) is { } fast)
        {
            return fast;
        }

        using var stream = bytes.AsStream();
        return ReadXml(stream, static reader => ReadXmlObject<T>(reader));
    }

    /// <summary>Reads one object from UTF-8 XML.</summary>
    public static T FromXml<T>(ReadOnlySpan<byte> utf8Xml) where T : class, ICupiModel<T>
    {
        PooledUtf8.CheckSize(utf8Xml.Length, CupiWireFormat.Xml);

        // CUPI servers send plain fields: read them straight from the bytes; anything else goes to XmlReader.
        if (CupiXmlFast.ReadObject<T>(utf8Xml) is { } fast)
        {
            return fast;
        }

        using var bytes = PooledUtf8.FromSpan(utf8Xml, CupiWireFormat.Xml);
        using var stream = bytes.AsStream();
        return ReadXml(stream, static reader => ReadXmlObject<T>(reader));
    }

    /// <summary>Reads a list (<c>&lt;PortGroups total="n"&gt;…</c>) from XML text.</summary>
    public static CupiList<T> ListFromXml<T>(string xml) where T : class, ICupiModel<T>
    {
        PooledUtf8.CheckText(xml, CupiWireFormat.Xml);
        using var text = new StringReader(xml);
        return ReadXml(text, static reader => ReadXmlList<T>(reader));
    }

    /// <summary>Reads a list from a stream of XML.</summary>
    public static CupiList<T> ListFromXml<T>(Stream xml) where T : class, ICupiModel<T>
    {
        using var bytes = PooledUtf8.Read(xml, CupiWireFormat.Xml);
        if (CupiXmlFast.ReadList<T>(bytes.Span) is { } fast)
        {
            return fast;
        }

        using var stream = bytes.AsStream();
        return ReadXml(stream, static reader => ReadXmlList<T>(reader));
    }

    /// <summary>Reads a list from UTF-8 XML.</summary>
    public static CupiList<T> ListFromXml<T>(ReadOnlySpan<byte> utf8Xml) where T : class, ICupiModel<T>
    {
        PooledUtf8.CheckSize(utf8Xml.Length, CupiWireFormat.Xml);
        if (CupiXmlFast.ReadList<T>(utf8Xml) is { } fast)
        {
            return fast;
        }

        using var bytes = PooledUtf8.FromSpan(utf8Xml, CupiWireFormat.Xml);
        using var stream = bytes.AsStream();
        return ReadXml(stream, static reader => ReadXmlList<T>(reader));
    }

    /// <summary>Writes one object as XML text (no declaration).</summary>
    public static string ToXml<T>(T value, CupiWriteMode mode = CupiWriteMode.Everything) where T : class, ICupiModel<T> =>
        ToXmlText(value, mode);

    // Any model, typed or known by its table (CupiTableSerializer): one writer for both.
    internal static string ToXmlText(ICupiModel value, CupiWriteMode mode)
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = CupiXmlWriter.Rent();
        try
        {
            CupiXmlModel.Write(writer, value, mode);
            return Encoding.UTF8.GetString(writer.Written);
        }
        finally
        {
            CupiXmlWriter.Return(writer);
        }
    }

    /// <summary>Writes one object as UTF-8 XML to a stream.</summary>
    public static void ToXml<T>(T value, Stream xml, CupiWriteMode mode = CupiWriteMode.Everything) where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(xml);
        var writer = CupiXmlWriter.Rent();
        try
        {
            value.WriteXml(writer, mode);
            xml.Write(writer.Written);
        }
        finally
        {
            CupiXmlWriter.Return(writer);
        }
    }

    /// <summary>Writes a list in CUPI's XML shape: <c>&lt;PortGroups total="n"&gt;…&lt;/PortGroups&gt;</c>.</summary>
    public static string ListToXml<T>(IReadOnlyList<T> items, int? total = null) where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(items);
        return ListToXml(T.Metadata.ListElementXmlName, items, total ?? TotalOf(items));
    }

    // The list shape for any model (CupiTableSerializer too): the list element with 'total', then the objects.
    internal static string ListToXml(byte[] listElementName, IReadOnlyList<ICupiModel> items, int total)
    {
        var writer = CupiXmlWriter.Rent();
        try
        {
            writer.WriteStartElement(listElementName);
            writer.WriteAttribute("total"u8, total);
            foreach (var item in items)
            {
                CupiXmlModel.Write(writer, item, CupiWriteMode.Everything);
            }

            writer.WriteEndElement(listElementName);
            return Encoding.UTF8.GetString(writer.Written);
        }
        finally
        {
            CupiXmlWriter.Return(writer);
        }
    }

    // ---------------------------------------------------------------- by table (CupiTableSerializer)

    // The same size limit, document rules and error conversion as FromJson<T>, for a model known by its table.
    internal static ICupiModel FromJson(CupiModelInfo info, ReadOnlySpan<byte> utf8Json)
    {
        PooledUtf8.CheckSize(utf8Json.Length, CupiWireFormat.Json);
        return ReadJsonDocument(utf8Json, CupiJson.ReaderOptions, (ref Utf8JsonReader reader) =>
        {
            CupiJson.ExpectStartObject(ref reader, info.ElementName);
            var result = info.CreateInstance();
            CupiJsonModel.ReadInto(result, ref reader);
            return result;
        });
    }

    // The same size limit, hardened XmlReader settings and error conversion as FromXml<T>.
    internal static ICupiModel FromXml(CupiModelInfo info, ReadOnlySpan<byte> utf8Xml)
    {
        using var bytes = PooledUtf8.FromSpan(utf8Xml, CupiWireFormat.Xml); // checks the size
        using var stream = bytes.AsStream();
        return ReadXml(stream, reader =>
        {
            MoveToRootElement(reader, info.ElementName);
            var result = info.CreateInstance();
            CupiXmlModel.ReadInto(result, reader);
            return result;
        });
    }

    // ---------------------------------------------------------------- internals

    private static int TotalOf<T>(IReadOnlyList<T> items) => items is CupiList<T> list ? list.Total : items.Count;

    private static CupiList<T> ReadJsonList<T>(ref Utf8JsonReader reader) where T : class, ICupiModel<T>
    {
        CupiJson.ExpectStartObject(ref reader, T.ListElementName);
        var element = ElementNameUtf8<T>.Value;
        int? total = null;
        var items = new ItemsBuilder<T>();
        try
        {
            return ReadJsonListMembers(ref reader, element, ref total, ref items);
        }
        finally
        {
            items.Dispose();
        }
    }

    private static CupiList<T> ReadJsonListMembers<T>(ref Utf8JsonReader reader, byte[] element, ref int? total, ref ItemsBuilder<T> items)
        where T : class, ICupiModel<T>
    {
        while (CupiJson.NextProperty(ref reader))
        {
            var name = CupiJson.PropertyName(ref reader);
            if (name.SequenceEqual("@total"u8))
            {
                total = CupiJson.ReadInt32(ref reader, "@total");
                if (total < 0)
                {
                    throw CupiJson.Error(ref reader, "@total", "the total cannot be negative");
                }

                continue;
            }

            if (!name.SequenceEqual(element))
            {
                // '@' members are list attributes (as @total is); a newer server may add one. Any other member
                // means the objects are under a name this model does not have: an error, not an empty list.
                if (name.Length > 0 && name[0] == (byte)'@')
                {
                    CupiJson.SkipValue(ref reader);
                    continue;
                }

                throw CupiJson.Error(ref reader, null, $"expected the member \"{T.ElementName}\" or \"@total\" in the list, found \"{CupiJson.Printable(name)}\"");
            }

            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    items.Add(T.ReadJson(ref reader));
                    break;
                case JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        CupiJson.ExpectStartObject(ref reader, T.ElementName);
                        items.Add(T.ReadJson(ref reader));
                    }

                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    throw CupiJson.Error(ref reader, T.ElementName, $"expected an object or an array of objects, found {CupiJson.Describe(reader.TokenType)}");
            }
        }

        var array = items.ToArray();
        return new CupiList<T>(array, total ?? array.Length);
    }

    // The fast path of ListFromJson, as FromJson's: {"@total": "n", "Element": [ {…}, … ]} (or one object) of flat
    // objects of plain strings. Anything else (null, numbers, unknown members, any error) returns null, and the
    // full reader reads the document from the start.
    private static CupiList<T>? TryReadJsonListFields<T>(ReadOnlySpan<byte> utf8Json) where T : class, ICupiModel<T>
    {
        var fields = new CupiJsonFields(utf8Json);
        if (fields.Peek() != (byte)'{')
        {
            return null;
        }

        fields.Advance();
        var element = ElementNameUtf8<T>.Value;
        int? total = null;
        var items = new ItemsBuilder<T>();
        try
        {
            for (var first = true; ; first = false)
            {
                if (!fields.Member(first, out var name, out var end))
                {
                    return null;
                }

                if (end)
                {
                    break;
                }

                if (name.SequenceEqual("@total"u8))
                {
                    if (!fields.StringToken(out var text))
                    {
                        return null;
                    }

                    text = CupiText.TrimAscii(text);
                    if (text.IsEmpty)
                    {
                        total = null;
                    }
                    else if (System.Buffers.Text.Utf8Parser.TryParse(text, out int parsed, out var consumed) && consumed == text.Length && parsed >= 0)
                    {
                        total = parsed;
                    }
                    else
                    {
                        return null;
                    }

                    continue;
                }

                if (!name.SequenceEqual(element))
                {
                    return null;
                }

                var next = fields.Peek();
                if (next == (byte)'{')
                {
                    if (!ReadListItem(ref fields, ref items))
                    {
                        return null;
                    }
                }
                else if (next == (byte)'[')
                {
                    fields.Advance();
                    if (fields.Peek() == (byte)']')
                    {
                        fields.Advance();
                        continue;
                    }

                    while (true)
                    {
                        if (fields.Peek() != (byte)'{' || !ReadListItem(ref fields, ref items))
                        {
                            return null;
                        }

                        var after = fields.Peek();
                        fields.Advance();
                        if (after == (byte)']')
                        {
                            break;
                        }

                        if (after != (byte)',')
                        {
                            return null;
                        }
                    }
                }
                else
                {
                    return null;
                }
            }

            if (!fields.AtEnd())
            {
                return null;
            }

            var array = items.ToArray();
            return new CupiList<T>(array, total ?? array.Length);
        }
        finally
        {
            items.Dispose();
        }
    }

    private static bool ReadListItem<T>(ref CupiJsonFields fields, ref ItemsBuilder<T> items) where T : class, ICupiModel<T>
    {
        fields.BeginObject();
        if (T.ReadJsonFields(ref fields) is not { } item || !fields.Completed)
        {
            return false;
        }

        items.Add(item);
        return true;
    }

    private delegate TResult JsonRootReader<TResult>(ref Utf8JsonReader reader);

    // One JSON document: the root value read by 'read', nothing after it, and every failure located.
    private static TResult ReadJsonDocument<TResult>(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options, JsonRootReader<TResult> read)
    {
        utf8Json = SkipByteOrderMark(utf8Json);
        var reader = new Utf8JsonReader(utf8Json, options);
        try
        {
            MoveToRoot(ref reader);
            var result = read(ref reader);
            EnsureEnd(ref reader);
            return result;
        }
        catch (JsonException ex)
        {
            throw FromJsonException(ex, utf8Json);
        }
        catch (CupiFormatException ex) when (ex.ByteOffset >= 0)
        {
            throw Locate(ex, utf8Json);
        }
        catch (Exception ex) when (IsInputFault(ex))
        {
            // A reader API refusing the input in its own way (invalid UTF-8, a lone surrogate): still the one type.
            var fault = new CupiFormatException(CupiWireFormat.Json, null, "malformed JSON: " + ex.Message, 0, 0, ex) { ByteOffset = reader.TokenStartIndex };
            throw Locate(fault, utf8Json);
        }
    }

    // What framework readers throw for bad input besides their own exception type.
    private static bool IsInputFault(Exception ex) =>
        ex switch
        {
            CupiFormatException or ArgumentNullException => false,
            InvalidOperationException or FormatException or OverflowException or ArgumentException => true,
            _ => false,
        };

    private static void MoveToRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new CupiFormatException(CupiWireFormat.Json, null, "the document is empty", 0, 0) { ByteOffset = 0 };
        }
    }

    // Utf8JsonReader itself rejects a second root value; reading once more surfaces it.
    private static void EnsureEnd(ref Utf8JsonReader reader) => reader.Read();

    private static T ReadXmlObject<T>(XmlReader reader) where T : class, ICupiModel<T>
    {
        MoveToRootElement(reader, T.ElementName);
        return T.ReadXml(reader);
    }

    private static CupiList<T> ReadXmlList<T>(XmlReader reader) where T : class, ICupiModel<T>
    {
        // The document's own port group servers example answers a list request with one bare object:
        // accept that as a list of one rather than fail on a shape a server is known to send.
        if (reader.MoveToContent() == XmlNodeType.Element && reader.LocalName == T.ElementName)
        {
            return new CupiList<T>([T.ReadXml(reader)], 1);
        }

        MoveToRootElement(reader, T.ListElementName);
        var (line, column) = CupiXml.Position(reader);
        int? total = null;
        var totalText = reader.GetAttribute("total");
        if (totalText is not null)
        {
            if (!int.TryParse(totalText.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < 0)
            {
                throw new CupiFormatException(CupiWireFormat.Xml, "total", $"'{totalText}' is not a valid total", line, column);
            }

            total = parsed;
        }

        var items = new ItemsBuilder<T>();
        try
        {
            // Other elements beside the objects (paging, say) are skipped; a list of other elements only means
            // the objects are under a name this model does not have (a misspelled <PortGrup>): an error, not a
            // list of none.
            CupiFormatException? foreign = null;
            if (CupiXml.EnterElement(reader))
            {
                while (CupiXml.NextField(reader))
                {
                    if (reader.LocalName == T.ElementName)
                    {
                        items.Add(T.ReadXml(reader));
                    }
                    else
                    {
                        foreign ??= CupiXml.Error(reader, null, $"expected <{T.ElementName}> in <{T.ListElementName}>, found <{reader.LocalName}>");
                        CupiXml.Skip(reader);
                    }
                }
            }

            var array = items.ToArray();
            if (array.Length == 0 && foreign is not null)
            {
                throw foreign;
            }

            return new CupiList<T>(array, total ?? array.Length);
        }
        finally
        {
            items.Dispose();
        }
    }

    private static void MoveToRootElement(XmlReader reader, string expected)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw CupiXml.Error(reader, null, "the document has no root element");
        }

        if (reader.LocalName != expected)
        {
            throw CupiXml.Error(reader, null, $"expected the root element <{expected}>, found <{reader.LocalName}>");
        }
    }

    private static TResult ReadXml<TResult>(TextReader input, Func<XmlReader, TResult> read)
    {
        try
        {
            using var reader = XmlReader.Create(input, CupiXml.CreateReaderSettings());
            return Finish(reader, read(reader));
        }
        catch (XmlException ex)
        {
            throw FromXmlException(ex);
        }
        catch (Exception ex) when (IsInputFault(ex))
        {
            throw new CupiFormatException(CupiWireFormat.Xml, null, "malformed XML: " + ex.Message, 0, 0, ex);
        }
    }

    private static TResult ReadXml<TResult>(Stream input, Func<XmlReader, TResult> read)
    {
        try
        {
            using var reader = XmlReader.Create(input, CupiXml.CreateReaderSettings());
            return Finish(reader, read(reader));
        }
        catch (XmlException ex)
        {
            throw FromXmlException(ex);
        }
        catch (Exception ex) when (IsInputFault(ex))
        {
            throw new CupiFormatException(CupiWireFormat.Xml, null, "malformed XML: " + ex.Message, 0, 0, ex);
        }
    }

    // Reads to the end so that content after the root element (a second root, an unclosed tag) is reported.
    private static TResult Finish<TResult>(XmlReader reader, TResult result)
    {
        while (reader.Read())
        {
        }

        return result;
    }

    private static CupiFormatException FromXmlException(XmlException ex)
    {
        // XmlException appends " Line n, position m." to its message; the position is reported separately.
        var reason = ex.Message;
        var cut = reason.LastIndexOf(" Line ", StringComparison.Ordinal);
        if (cut > 0 && ex.LineNumber > 0)
        {
            reason = reason[..cut];
        }

        return new CupiFormatException(CupiWireFormat.Xml, null, "malformed XML: " + reason, ex.LineNumber, ex.LinePosition, ex);
    }

    private static CupiFormatException FromJsonException(JsonException ex, ReadOnlySpan<byte> utf8)
    {
        // JsonException appends " LineNumber: n | BytePositionInLine: m." to its message.
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        var line = (int)(ex.LineNumber ?? -1) + 1;
        var column = ex.LineNumber is long lineIndex && ex.BytePositionInLine is long bytes
            ? CharacterColumn(utf8, lineIndex, bytes)
            : 0;
        return new CupiFormatException(CupiWireFormat.Json, null, "malformed JSON: " + reason.TrimEnd(), line, column, ex);
    }

    // JsonException counts bytes within the line; report characters, as Locate does.
    private static int CharacterColumn(ReadOnlySpan<byte> utf8, long lineIndex, long bytePosition)
    {
        var start = 0;
        for (long i = 0; i < lineIndex; i++)
        {
            var next = utf8[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return (int)bytePosition + 1;
            }

            start += next + 1;
        }

        var end = (int)Math.Min(start + bytePosition, utf8.Length);
        return Encoding.UTF8.GetCharCount(utf8[start..end]) + 1;
    }

    // Utf8JsonReader rejects a UTF-8 byte order mark, which files and some servers put first.
    private static ReadOnlySpan<byte> SkipByteOrderMark(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;

    // Turns the byte offset a reader helper recorded into a 1-based line and column (in characters).
    private static CupiFormatException Locate(CupiFormatException ex, ReadOnlySpan<byte> utf8)
    {
        var offset = (int)Math.Min(ex.ByteOffset, utf8.Length);
        var before = utf8[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return ex.WithPosition(line, column);
    }

    // The UTF-8 element name per model type, computed once.
    private static class ElementNameUtf8<T> where T : class, ICupiModel<T>
    {
        public static readonly byte[] Value = Encoding.UTF8.GetBytes(T.ElementName);
    }

    // The objects of a list as they are read, in a pooled array: only the final, exactly sized array is allocated.
    private struct ItemsBuilder<T>
    {
        private T[]? _items;
        private int _count;

        public void Add(T item)
        {
            if (_items is null)
            {
                _items = ArrayPool<T>.Shared.Rent(16);
            }
            else if (_count == _items.Length)
            {
                var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
                _items.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<T>.Shared.Return(_items, clearArray: true);
                _items = larger;
            }

            _items[_count++] = item;
        }

        public readonly T[] ToArray() => _count == 0 ? [] : _items.AsSpan(0, _count).ToArray();

        public void Dispose()
        {
            if (_items is not null)
            {
                ArrayPool<T>.Shared.Return(_items, clearArray: true);
                _items = null;
                _count = 0;
            }
        }
    }
}
