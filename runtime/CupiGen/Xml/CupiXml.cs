using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;

namespace CupiGen;

/// <summary>
/// Helpers that generated XML readers and writers call. Readers are hardened (no DTDs, no resolver, bounded
/// depth and size), trim the indentation servers put around values, and treat <c>&lt;X/&gt;</c> as present but empty.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CupiXml
{
    [ThreadStatic]
    private static XmlReaderSettings? t_readerSettings;

    [ThreadStatic]
    private static BoundedNameTable? t_names;

    // Settings per thread, with a name table that outlives one document: element names are atomized once per
    // thread, not allocated again by every reader (XmlReader.Create only reads its settings). The table is
    // replaced once documents have brought it more than BoundedNameTable.Limit distinct names.
    internal static XmlReaderSettings CreateReaderSettings()
    {
        var settings = t_readerSettings;
        if (settings is null || t_names!.Full)
        {
            t_names = new BoundedNameTable();
            settings = ReaderSettings.Clone();
            settings.NameTable = t_names;
            t_readerSettings = settings;
        }

        return settings;
    }

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = CupiLimits.MaxDocumentBytes,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = true,
        CloseInput = false,
    };

    // Writer settings are held apart from the reader's: a program that only reads never builds them.
    internal static XmlWriterSettings WriterSettings => Writing.Settings;

    private static XmlWriterSettings FragmentSettings => Writing.Fragment;

    /// <summary>Steps into the element the reader is on; <see langword="false"/> (and past it) when it is empty.</summary>
    public static bool EnterElement(XmlReader reader)
    {
        var empty = reader.IsEmptyElement;
        reader.Read();
        return !empty;
    }

    /// <summary>
    /// Moves to the next child element of the element being read; <see langword="false"/> once its end tag is
    /// reached (and consumed).
    /// </summary>
    public static bool NextField(XmlReader reader) => NextField(reader, 0);

    // objectDepth is the depth of the object's own element: the limit counts from there, so an object that
    // reads alone also reads inside the list the writer makes of it.
    internal static bool NextField(XmlReader reader, int objectDepth)
    {
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth - objectDepth > CupiLimits.MaxDepth)
                    {
                        throw Error(reader, null, $"the document is nested deeper than {CupiLimits.MaxDepth} levels");
                    }

                    return true;
                case XmlNodeType.EndElement:
                    reader.Read();
                    return false;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    throw Error(reader, null, "unexpected text between fields");
                case XmlNodeType.None:
                    throw Error(reader, null, "unexpected end of the document");
                default:
                    if (!reader.Read())
                    {
                        throw Error(reader, null, "unexpected end of the document");
                    }

                    break;
            }
        }
    }

    /// <summary>Reads the text of a field element; an empty element reads as <c>""</c>. White space around the value is trimmed.</summary>
    public static string ReadString(XmlReader reader, string field) => ReadText(reader, field).Trim();

    /// <summary>Reads an integer field; an empty element reads as <see langword="null"/>.</summary>
    public static int? ReadInt32(XmlReader reader, string field)
    {
        var (line, column) = Position(reader);
        var text = ReadText(reader, field).AsSpan().Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new CupiFormatException(CupiWireFormat.Xml, field, $"'{Printable(text)}' is not an integer", line, column);
    }

    /// <summary>Reads a boolean field: <c>true</c>/<c>false</c> in any case, or <c>1</c>/<c>0</c>; an empty element reads as <see langword="null"/>.</summary>
    public static bool? ReadBoolean(XmlReader reader, string field)
    {
        var (line, column) = Position(reader);
        var text = ReadText(reader, field).AsSpan().Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (CupiText.TryParseBoolean(text, out var value))
        {
            return value;
        }

        throw new CupiFormatException(CupiWireFormat.Xml, field, $"'{Printable(text)}' is not a boolean (expected true, false, 1 or 0)", line, column);
    }

    /// <summary>Keeps an element the schema does not know: its trimmed text, or its inner XML when it has child elements.</summary>
    public static void ReadUnknown(XmlReader reader, ref CupiAdditionalFields? store) => ReadUnknown(reader, ref store, 0);

    internal static void ReadUnknown(XmlReader reader, ref CupiAdditionalFields? store, int objectDepth)
    {
        // A name XML cannot carry (a JSON "@odata") was written encoded (_x0040_odata); read it back as it was.
        var name = XmlConvert.DecodeName(reader.LocalName);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            CupiAdditionalFields.Set(ref store, name, string.Empty);
            return;
        }

        var baseDepth = reader.Depth;
        var text = new TextPieces();

        // Created at the first child element only: most unknown fields are text, and a writer per field is what
        // made 80,000 unknown fields cost a gigabyte.
        StringBuilder? markup = null;
        XmlWriter? writer = null;
        try
        {
            reader.Read();
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == baseDepth))
            {
                if (reader.Depth - objectDepth > CupiLimits.MaxDepth)
                {
                    throw Error(reader, name, $"the document is nested deeper than {CupiLimits.MaxDepth} levels");
                }

                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (writer is null)
                        {
                            markup = new StringBuilder();
                            writer = XmlWriter.Create(markup, FragmentSettings);
                            if (text.ToString() is { Length: > 0 } before)
                            {
                                writer.WriteString(before);
                            }
                        }

                        var empty = reader.IsEmptyElement;
                        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                        writer.WriteAttributes(reader, defattr: false);
                        if (empty)
                        {
                            writer.WriteEndElement();
                        }

                        break;
                    case XmlNodeType.EndElement:
                        writer!.WriteFullEndElement();
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.SignificantWhitespace:
                    case XmlNodeType.Whitespace:
                        if (writer is null)
                        {
                            text.Add(reader.Value);
                        }
                        else
                        {
                            writer.WriteString(reader.Value);
                        }

                        break;
                    case XmlNodeType.CDATA:
                        if (writer is null)
                        {
                            text.Add(reader.Value);
                        }
                        else
                        {
                            writer.WriteCData(reader.Value);
                        }

                        break;
                    case XmlNodeType.None:
                        throw Error(reader, name, "unexpected end of the document");
                }

                if (!reader.Read())
                {
                    throw Error(reader, name, "unexpected end of the document");
                }
            }

            reader.Read();
            if (writer is not null)
            {
                writer.Dispose();
                writer = null;
                CupiAdditionalFields.Set(ref store, name, markup!.ToString(), CupiAdditionalFields.ValueKind.RawXml);
            }
            else
            {
                CupiAdditionalFields.Set(ref store, name, text.ToString().Trim());
            }
        }
        finally
        {
            writer?.Dispose();
        }
    }

    /// <summary>Writes back the elements the schema does not know.</summary>
    public static void WriteAdditional(XmlWriter writer, CupiAdditionalFields? store, CupiWriteMode mode)
    {
        if (store is null)
        {
            return;
        }

        foreach (var entry in store.Entries)
        {
            if (!store.Includes(entry, mode))
            {
                continue;
            }

            // A JSON property name need not be a valid XML name ("@foo"); encode it reversibly (ReadUnknown decodes).
            var name = XmlConvert.EncodeLocalName(entry.Name)!;
            if (name.Length == 0)
            {
                throw new CupiFormatException(CupiWireFormat.Xml, entry.Name, "an empty name cannot be an XML element", 0, 0);
            }

            if (entry.Kind == CupiAdditionalFields.ValueKind.RawXml)
            {
                writer.WriteStartElement(name);
                writer.WriteRaw(entry.Value);
                writer.WriteEndElement();
            }
            else
            {
                WriteText(writer, name, entry.Value);
            }
        }
    }

    private static void WriteText(XmlWriter writer, string name, string value)
    {
        try
        {
            writer.WriteElementString(name, value);
        }
        catch (ArgumentException ex)
        {
            throw new CupiFormatException(CupiWireFormat.Xml, name, "the value contains a character XML cannot carry", 0, 0, ex);
        }
    }

    // XmlReader.Skip, but within CupiLimits.MaxDepth like every other element the readers visit.
    internal static void Skip(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.Depth > CupiLimits.MaxDepth)
            {
                throw Error(reader, null, $"the document is nested deeper than {CupiLimits.MaxDepth} levels");
            }
        }

        reader.Read();
    }

    internal static CupiFormatException Error(XmlReader reader, string? field, string reason)
    {
        var (line, column) = Position(reader);
        return new CupiFormatException(CupiWireFormat.Xml, field, reason, line, column);
    }

    internal static (int Line, int Column) Position(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    // The concatenated text content of the field element the reader is on; the reader ends past its end tag.
    private static string ReadText(XmlReader reader, string field)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        reader.Read();
        var text = new TextPieces();
        while (true)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                case XmlNodeType.Whitespace:
                    text.Add(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    reader.Read();
                    return text.ToString();
                case XmlNodeType.Element:
                    throw Error(reader, field, $"expected a text value, found element <{reader.LocalName}>");
                case XmlNodeType.None:
                    throw Error(reader, field, "unexpected end of the document");
            }

            if (!reader.Read())
            {
                throw Error(reader, field, "unexpected end of the document");
            }
        }
    }

    // The text of an element as it arrives in pieces (text, CDATA, entity boundaries): one piece is kept as it
    // is, more go into one builder, so n pieces cost O(n) and not the O(n²) of string concatenation.
    private struct TextPieces
    {
        private string? _first;
        private StringBuilder? _more;

        public void Add(string piece)
        {
            if (_first is null)
            {
                _first = piece;
            }
            else
            {
                (_more ??= new StringBuilder(_first)).Append(piece);
            }
        }

        public override readonly string ToString() => _more?.ToString() ?? _first ?? string.Empty;
    }

    private static class Writing
    {
        // Entitize: a carriage return is written as &#xD;, which a reader keeps, where a raw one would be read
        // back as a line feed.
        public static readonly XmlWriterSettings Settings = new()
        {
            OmitXmlDeclaration = true,
            Indent = false,
            CheckCharacters = true,
            NewLineHandling = NewLineHandling.Entitize,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            CloseOutput = false,
        };

        public static readonly XmlWriterSettings Fragment = new()
        {
            OmitXmlDeclaration = true,
            ConformanceLevel = ConformanceLevel.Fragment,
            CheckCharacters = true,
            NewLineHandling = NewLineHandling.Entitize,
        };
    }

    // A NameTable that counts the names it holds, so that a thread's table cannot grow without bound.
    private sealed class BoundedNameTable : NameTable
    {
        private const int Limit = 2048;
        private int _count;

        public bool Full => _count > Limit;

        public override string Add(char[] key, int start, int len) =>
            Get(key, start, len) ?? Added(base.Add(key, start, len));

        public override string Add(string key) => Get(key) ?? Added(base.Add(key));

        private string Added(string name)
        {
            _count++;
            return name;
        }
    }

    private static string Printable(ReadOnlySpan<char> text) =>
        text.Length > 40 ? string.Concat(text[..40], "…") : text.ToString();
}
