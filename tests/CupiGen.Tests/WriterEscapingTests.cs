using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Cupi;

namespace CupiGen.Tests;

/// <summary>
/// The writers copy text that needs no escaping straight to the output and hand everything else to
/// Utf8JsonWriter / XmlWriter. Whatever a character is, the output must be what those writers produce for it.
/// </summary>
public class WriterEscapingTests
{
    private static readonly string[] NonAscii = ["é", "\u00a0", "日", "€", "😀", "\u007f", "\u0080", "\ufffd"];

    public static TheoryData<string> Characters()
    {
        var data = new TheoryData<string>();
        for (var c = 1; c < 0x80; c++)
        {
            data.Add(((char)c).ToString());
        }

        foreach (var text in NonAscii)
        {
            data.Add(text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Characters))]
    public void Json_text_is_written_as_Utf8JsonWriter_writes_it(string character)
    {
        var value = "a" + character + "b";
        var expected = "{\"DisplayName\":" + Utf8JsonWriterString(value) + "}";
        Assert.Equal(expected, new PortGroup { DisplayName = value }.ToJson());
    }

    [Theory]
    [MemberData(nameof(Characters))]
    public void Xml_text_is_written_as_XmlWriter_writes_it(string character)
    {
        var value = "a" + character + "b";
        string expected;
        try
        {
            expected = XmlWriterElement("DisplayName", value);
        }
        catch (ArgumentException)
        {
            // XML 1.0 cannot carry it: ours refuses too.
            Assert.ThrowsAny<Exception>(() => new PortGroup { DisplayName = value }.ToXml());
            return;
        }

        Assert.Contains(expected, new PortGroup { DisplayName = value }.ToXml(), StringComparison.Ordinal);
    }

    private static string Utf8JsonWriterString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string XmlWriterElement(string name, string value)
    {
        var text = new StringWriter();
        // CUPI's settings: a carriage return entitized, so it reads back as itself (docs/wire-formats.md).
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment, NewLineHandling = NewLineHandling.Entitize };
        using (var writer = XmlWriter.Create(text, settings))
        {
            writer.WriteElementString(name, value);
        }

        return text.ToString();
    }
}
