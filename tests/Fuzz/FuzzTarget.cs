using System;
using System.IO;
using CupiGen;

namespace CupiGen.Fuzz;

/// <summary>
/// What the fuzzer checks on one input: the first byte picks the model (PortGroup, PortGroupTemplate,
/// PortGroupServer, SipSecurityProfile), the rest is a document given to every read API of one format, single and
/// list. A <see cref="CupiFormatException"/> is a fine answer; any other exception is a finding. A document that
/// reads must also write, read back equal, and (JSON) read the same through the fast path and the full reader.
/// Shared by the harness and by CupiGen.Tests, which replays the corpus and every finding through it.
/// </summary>
public static class FuzzTarget
{
    public const int Models = 4;

    /// <summary>Runs one JSON input; throws <see cref="FuzzFindingException"/> or lets another exception escape on a finding.</summary>
    public static void Json(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var document = data[1..].ToArray();
        switch (data[0] % Models)
        {
            case 0:
                Json<Cupi.PortGroup>(document);
                break;
            case 1:
                Json<Cupi.PortGroupTemplate>(document);
                break;
            case 2:
                Json<Cupi.PortGroupServer>(document);
                break;
            default:
                Json<Cupi.SipSecurityProfile>(document);
                break;
        }
    }

    /// <summary>Runs one XML input.</summary>
    public static void Xml(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var document = data[1..].ToArray();
        switch (data[0] % Models)
        {
            case 0:
                Xml<Cupi.PortGroup>(document);
                break;
            case 1:
                Xml<Cupi.PortGroupTemplate>(document);
                break;
            case 2:
                Xml<Cupi.PortGroupServer>(document);
                break;
            default:
                Xml<Cupi.SipSecurityProfile>(document);
                break;
        }
    }

    private static void Json<T>(byte[] document)
        where T : class, ICupiModel<T>
    {
        // Reading may refuse; writing what was read may not (a CupiFormatException from a writer escapes: a finding).
        var model = Read(() => CupiSerializer.FromJson<T>(document.AsSpan()));
        var written = model is null ? null : CupiSerializer.ToJson(model);
        if (written is not null)
        {
            var again = CupiSerializer.ToJson(CupiSerializer.FromJson<T>(written));
            Expect(again == written, "JSON round trip changed the document", written, again);
        }

        var full = FullJson<T>(document);
        Expect(full == written, "the fast path and the full JSON reader disagree", written, full);

        if (Read(() => CupiSerializer.ListFromJson<T>(document.AsSpan())) is { } list)
        {
            var listWritten = CupiSerializer.ListToJson(list);
            var listAgain = CupiSerializer.ListToJson(CupiSerializer.ListFromJson<T>(listWritten));
            Expect(listAgain == listWritten, "JSON list round trip changed the document", listWritten, listAgain);
        }
    }

    private static void Xml<T>(byte[] document)
        where T : class, ICupiModel<T>
    {
        var model = Read(() => CupiSerializer.FromXml<T>(document.AsSpan()));
        var written = model is null ? null : CupiSerializer.ToXml(model);

        if (written is not null)
        {
            var again = CupiSerializer.ToXml(CupiSerializer.FromXml<T>(written));
            Expect(again == written, "XML round trip changed the document", written, again);
        }

        // The stream overload sees the same bytes as the span overload: same answer.
        var streamedModel = Read(() => CupiSerializer.FromXml<T>(new MemoryStream(document, writable: false)));
        var streamed = streamedModel is null ? null : CupiSerializer.ToXml(streamedModel);

        Expect(streamed == written, "the stream and span XML readers disagree", written, streamed);

        // The string overload reads with XmlReader only (no fast path): where it sees the same document, the same answer.
        if (System.Text.Unicode.Utf8.IsValid(document) && !document.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
            && document.AsSpan().IndexOf("encoding"u8) < 0 && document.AsSpan().IndexOf((byte)0) < 0)
        {
            var text = System.Text.Encoding.UTF8.GetString(document);
            var fromText = Read(() => CupiSerializer.FromXml<T>(text));
            var textWritten = fromText is null ? null : CupiSerializer.ToXml(fromText);
            Expect(textWritten == written, "the string (XmlReader) and span (fast path) XML readers disagree", written, textWritten);
            var listText = Read(() => CupiSerializer.ListFromXml<T>(text));
            var listSpan = Read(() => CupiSerializer.ListFromXml<T>(document.AsSpan()));
            var listTextWritten = listText is null ? null : CupiSerializer.ListToXml(listText);
            var listSpanWritten = listSpan is null ? null : CupiSerializer.ListToXml(listSpan);
            Expect(listTextWritten == listSpanWritten, "the string and span XML list readers disagree", listSpanWritten, listTextWritten);
        }

        if (Read(() => CupiSerializer.ListFromXml<T>(document.AsSpan())) is { } list)
        {
            var listWritten = CupiSerializer.ListToXml(list);
            var listAgain = CupiSerializer.ListToXml(CupiSerializer.ListFromXml<T>(listWritten));
            Expect(listAgain == listWritten, "XML list round trip changed the document", listWritten, listAgain);
        }
    }

    // The full reader alone, as CupiSerializer runs it when the fast path gives up.
    private static string? FullJson<T>(ReadOnlySpan<byte> document)
        where T : class, ICupiModel<T>
    {
        if (document.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            document = document[3..];
        }

        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(document, new System.Text.Json.JsonReaderOptions { MaxDepth = CupiLimits.MaxDepth });
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }

            var model = T.ReadJson(ref reader);
            return reader.Read() ? null : CupiSerializer.ToJson(model);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (CupiFormatException)
        {
            return null;
        }
    }

    // A reader's answer: the result, or null when it refused the input with a CupiFormatException.
    private static TResult? Read<TResult>(Func<TResult> read)
        where TResult : class
    {
        try
        {
            return read();
        }
        catch (CupiFormatException)
        {
            return null;
        }
    }

    private static void Expect(bool condition, string what, string? expected, string? actual)
    {
        if (!condition)
        {
            throw new FuzzFindingException($"{what}:\n  expected: {expected ?? "(refused)"}\n  actual:   {actual ?? "(refused)"}");
        }
    }
}

/// <summary>An input broke an invariant without an exception of its own.</summary>
public sealed class FuzzFindingException(string message) : Exception(message);
