using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace CupiGen.Emulator.Engine;

/// <summary>
/// CUPI's error body: <c>&lt;ErrorDetails&gt;&lt;errors&gt;&lt;code&gt;…&lt;/code&gt;&lt;message&gt;…&lt;/message&gt;&lt;/errors&gt;&lt;/ErrorDetails&gt;</c>
/// in XML, <c>{"errors":{"code":"…","message":"…"}}</c> in JSON.
/// </summary>
internal static class ErrorBody
{
    public static string Write(CupiWireFormat format, string code, string message)
    {
        // A message may quote what the client sent: control characters and broken surrogates, which neither XML
        // nor a JSON writer accepts, are shown as U+FFFD rather than failing the answer.
        message = Printable(message);
        if (format == CupiWireFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartObject("errors");
                json.WriteString("code", code);
                json.WriteString("message", message);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        var text = new StringBuilder(256);
        var settings = new XmlWriterSettings { OmitXmlDeclaration = false, Indent = false, Encoding = new UTF8Encoding(false) };
        using (var stringWriter = new Utf8StringWriter(text))
        using (var xml = XmlWriter.Create(stringWriter, settings))
        {
            xml.WriteStartDocument(standalone: true);
            xml.WriteStartElement("ErrorDetails");
            xml.WriteStartElement("errors");
            xml.WriteElementString("code", code);
            xml.WriteElementString("message", message);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString();
    }

    private static string Printable(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var ok = pair || (!char.IsSurrogate(c) && XmlConvert.IsXmlChar(c));
            if (ok && clean is null)
            {
                if (pair)
                {
                    i++;
                }

                continue;
            }

            clean ??= new StringBuilder(text, 0, i, text.Length);
            if (pair)
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(ok ? c : '\uFFFD');
            }
        }

        return clean?.ToString() ?? text;
    }

    // A StringWriter that declares UTF-8, so the XML declaration says what the response really is.
    private sealed class Utf8StringWriter(StringBuilder text) : StringWriter(text, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
