using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace CupiGen.Emulator.Engine;

internal sealed partial class EmulatorEngine
{
    // One fixed id for the one server of this "cluster".
    private const string ServerObjectId = "5c6a1e2d-3b4f-4a7e-9c1d-0e2f3a4b5c6d";

    /// <summary>
    /// What every Unity Connection answers whatever models it serves, and what clients read at sign-in:
    /// <c>GET /vmrest/version</c> (CUPI API -- Version) and <c>GET /vmrest/vmsservers</c>, this one server
    /// (the fields of the VmsServer example in CUPI API -- Cluster).
    /// </summary>
    private EmulatorResponse? SystemEndpoint(EmulatorRequest request)
    {
        if (!string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = request.Path.TrimEnd('/');
        if (path.Equals("/vmrest/version", StringComparison.OrdinalIgnoreCase))
        {
            return Document(request.ResponseFormat, "VersionInformation", null, [("name", "vmrest"), ("version", Version)]);
        }

        var serverUri = "/vmrest/vmsservers/" + ServerObjectId;
        (string, string)[] server =
        [
            ("URI", serverUri),
            ("ObjectId", ServerObjectId),
            ("ServerName", ServerName),
            ("IpAddress", "127.0.0.1"),
            ("VmsServerObjectId", ServerObjectId),
            ("ClusterMemberId", "0"),
            ("ServerState", "1"),
            ("HostName", ServerName),
            ("ServerDisplayState", "3"),
        ];
        if (path.Equals("/vmrest/vmsservers", StringComparison.OrdinalIgnoreCase))
        {
            return Document(request.ResponseFormat, "VmsServer", "VmsServers", server);
        }

        if (path.Equals(serverUri, StringComparison.OrdinalIgnoreCase))
        {
            return Document(request.ResponseFormat, "VmsServer", null, server);
        }

        return null;
    }

    // One object, or a list of one (<List total="1"><Element>…, {"@total":"1","Element":{…}}), every value a string.
    private static EmulatorResponse Document(CupiWireFormat format, string element, string? list, (string Name, string Value)[] fields)
    {
        if (format == CupiWireFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                if (list is not null)
                {
                    json.WriteString("@total", "1");
                    json.WriteStartObject(element);
                }

                foreach (var (name, value) in fields)
                {
                    json.WriteString(name, value);
                }

                if (list is not null)
                {
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            return new EmulatorResponse(200, Encoding.UTF8.GetString(buffer.WrittenSpan), ContentType(format));
        }

        var text = new StringBuilder(XmlDeclaration);
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            if (list is not null)
            {
                xml.WriteStartElement(list);
                xml.WriteAttributeString("total", "1");
            }

            xml.WriteStartElement(element);
            foreach (var (name, value) in fields)
            {
                xml.WriteElementString(name, value);
            }

            xml.WriteEndElement();
            if (list is not null)
            {
                xml.WriteEndElement();
            }
        }

        return new EmulatorResponse(200, text.ToString(), ContentType(format));
    }
}
