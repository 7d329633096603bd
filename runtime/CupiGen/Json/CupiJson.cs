using System;
using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CupiGen;

/// <summary>
/// Helpers that generated JSON readers and writers call. CUPI's JSON dialect writes every scalar as a string
/// (<c>"PortCount": "2"</c>); readers are lenient where servers are (numbers as strings or numbers, booleans as
/// <c>true</c>/<c>True</c>/<c>1</c>) and strict everywhere else.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CupiJson
{
    // One level over the limit, so that ReadUnknown's check (which names the field) meets a too-deep value first.
    internal static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = CupiLimits.MaxDepth + 1,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    // A list holds its objects two levels down ({"PortGroup": [ {…} ]}). The limit applies to each object from
    // its own brace (see ReadUnknown), so an object that reads alone also reads inside the list the writer
    // makes of it; this outer bound only backs that up.
    internal static readonly JsonReaderOptions ListReaderOptions = new()
    {
        MaxDepth = CupiLimits.MaxDepth + 3,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    // CUPI servers do not escape non-ASCII text; neither do we. The payload is never embedded in HTML.
    // Held apart from the reader's options: building the encoder is work a program that only reads never does.
    internal static JsonWriterOptions WriterOptions => Writing.Options;

    /// <summary>Fails unless the reader is on the start of an object.</summary>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string element)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(ref reader, null, $"expected a JSON object for {element}, found {Describe(reader.TokenType)}");
        }
    }

    /// <summary>Advances to the next property name of the current object; <see langword="false"/> at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>The current property name as unescaped UTF-8 (allocating only for an escaped name, which servers do not send).</summary>
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(Text(ref reader, null)) : reader.ValueSpan;

    /// <summary>The current string token or property name as text; invalid UTF-8 is a format error, not an InvalidOperationException.</summary>
    private static string Text(ref Utf8JsonReader reader, string? field)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Error(ref reader, field, "the text is not valid UTF-8 or holds a lone surrogate");
        }
    }

    /// <summary>Reads a text field. JSON <c>null</c> reads as <see langword="null"/>; surrounding white space is trimmed.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => Text(ref reader, field).Trim(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => null,
            _ => throw Error(ref reader, field, $"expected a text value, found {Describe(reader.TokenType)}"),
        };
    }

    /// <summary>Reads an integer written as a string or a number; an empty string or <c>null</c> reads as <see langword="null"/>.</summary>
    public static int? ReadInt32(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                {
                    var text = ScalarText(ref reader, field);
                    if (text.IsEmpty)
                    {
                        return null;
                    }

                    if (Utf8Parser.TryParse(text, out int value, out var consumed) && consumed == text.Length)
                    {
                        return value;
                    }

                    throw Error(ref reader, field, $"'{Printable(text)}' is not an integer");
                }

            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var number))
                {
                    return number;
                }

                throw Error(ref reader, field, $"'{Printable(reader.ValueSpan)}' is not a 32-bit integer");

            case JsonTokenType.Null:
                return null;

            default:
                throw Error(ref reader, field, $"expected an integer, found {Describe(reader.TokenType)}");
        }
    }

    /// <summary>Reads a boolean written as <c>true</c>/<c>false</c> (any case), <c>1</c>/<c>0</c>, as a string or a literal.</summary>
    public static bool? ReadBoolean(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
            case JsonTokenType.Number:
                {
                    var text = ScalarText(ref reader, field);
                    if (text.IsEmpty)
                    {
                        return null;
                    }

                    if (CupiText.TryParseBoolean(text, out var value))
                    {
                        return value;
                    }

                    throw Error(ref reader, field, $"'{Printable(text)}' is not a boolean (expected true, false, 1 or 0)");
                }

            default:
                throw Error(ref reader, field, $"expected a boolean, found {Describe(reader.TokenType)}");
        }
    }

    /// <summary>Keeps a property the schema does not know, as text or raw JSON, exactly as it came (JSON strings
    /// carry no indentation, so there is nothing to trim; the XML reader trims, see schema/DECISIONS.md B).</summary>
    public static void ReadUnknown(ref Utf8JsonReader reader, ref CupiAdditionalFields? store)
    {
        // On a property name the depth is the object's plus one.
        var objectDepth = reader.CurrentDepth - 1;
        var name = Text(ref reader, null);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                CupiAdditionalFields.Set(ref store, name, Text(ref reader, name));
                break;
            // Literals are kept as raw JSON, like numbers, so that true is not written back as "true".
            case JsonTokenType.True:
                CupiAdditionalFields.Set(ref store, name, "true", CupiAdditionalFields.ValueKind.RawJson);
                break;
            case JsonTokenType.False:
                CupiAdditionalFields.Set(ref store, name, "false", CupiAdditionalFields.ValueKind.RawJson);
                break;
            case JsonTokenType.Number:
                CupiAdditionalFields.Set(ref store, name, Encoding.UTF8.GetString(reader.ValueSpan), CupiAdditionalFields.ValueKind.RawJson);
                break;
            case JsonTokenType.Null:
                CupiAdditionalFields.Set(ref store, name, "null", CupiAdditionalFields.ValueKind.RawJson);
                break;
            default:
                {
                    // Check the value on a copy of the reader first: every string valid UTF-8 without lone
                    // surrogates (as for a scalar value), and no deeper than the limit counted from the object.
                    var check = reader;
                    CheckStructured(ref check, name, objectDepth);
                    using var document = JsonDocument.ParseValue(ref reader);
                    CupiAdditionalFields.Set(ref store, name, document.RootElement.GetRawText(), CupiAdditionalFields.ValueKind.RawJson);
                    break;
                }
        }
    }

    // The reader is on a structured value's start; walks to its end.
    private static void CheckStructured(ref Utf8JsonReader reader, string field, int objectDepth)
    {
        var depth = reader.CurrentDepth;
        do
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (reader.CurrentDepth - objectDepth >= CupiLimits.MaxDepth)
                    {
                        throw Error(ref reader, field, $"the value is nested deeper than {CupiLimits.MaxDepth} levels");
                    }

                    break;
                case JsonTokenType.String:
                case JsonTokenType.PropertyName:
                    if (reader.ValueIsEscaped)
                    {
                        _ = Text(ref reader, field);
                    }
                    else if (!System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
                    {
                        throw Error(ref reader, field, "the text is not valid UTF-8");
                    }

                    break;
            }
        }
        while (reader.Read() && reader.CurrentDepth > depth);
    }

    /// <summary>Skips the value of the current property.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Writes back the fields the schema does not know.</summary>
    public static void WriteAdditional(Utf8JsonWriter writer, CupiAdditionalFields? store, CupiWriteMode mode)
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

            if (entry.Kind == CupiAdditionalFields.ValueKind.RawJson)
            {
                writer.WritePropertyName(entry.Name);
                writer.WriteRawValue(entry.Value, skipInputValidation: false);
            }
            else
            {
                writer.WriteString(entry.Name, entry.Value);
            }
        }
    }

    private static class Writing
    {
        public static readonly JsonWriterOptions Options = new()
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = false,
            MaxDepth = CupiLimits.MaxDepth,
        };
    }

    internal static CupiFormatException Error(ref Utf8JsonReader reader, string? field, string reason) =>
        new(CupiWireFormat.Json, field, reason, 0, 0) { ByteOffset = reader.TokenStartIndex };

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.PropertyName => "a property name",
        _ => "nothing",
    };

    // The value's text, unescaped and with ASCII white space trimmed.
    private static ReadOnlySpan<byte> ScalarText(ref Utf8JsonReader reader, string field)
    {
        ReadOnlySpan<byte> text = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(Text(ref reader, field)) : reader.ValueSpan;
        return CupiText.TrimAscii(text);
    }

    // Only non-secret scalars (integers, booleans) and names reach error messages, shortened to keep messages readable.
    internal static string Printable(ReadOnlySpan<byte> text)
    {
        var s = Encoding.UTF8.GetString(text.Length > 40 ? text[..40] : text);
        return text.Length > 40 ? s + "…" : s;
    }
}
