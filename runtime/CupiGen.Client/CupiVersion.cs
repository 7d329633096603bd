using System;
using System.IO;
using System.Text.Json;
using System.Xml;

namespace CupiGen;

/// <summary>
/// What <c>GET /vmrest/version</c> answers: the API's name (<c>vmrest</c>) and the server's version, e.g.
/// <c>14.0.1.10000-10</c>. Real servers send <c>&lt;VersionInformation&gt;&lt;name&gt;vmrest&lt;/name&gt;&lt;version&gt;…&lt;/version&gt;&lt;/VersionInformation&gt;</c>
/// or <c>{"name":"vmrest","version":"…"}</c>.
/// </summary>
/// <param name="Name">The API's name, <c>vmrest</c>.</param>
/// <param name="Version">The server's version text.</param>
public sealed record CupiVersion(string Name, string Version)
{
    /// <summary>The leading numeric part of <see cref="Version"/> (<c>14.0.1.10000</c> of <c>14.0.1.10000-10</c>), or null when it has none.</summary>
    public Version? Number
    {
        get
        {
            var end = 0;
            while (end < Version.Length && (char.IsAsciiDigit(Version[end]) || Version[end] == '.'))
            {
                end++;
            }

            return System.Version.TryParse(Version.AsSpan(0, end).TrimEnd('.'), out var number) ? number : null;
        }
    }

    /// <summary>Reads the version document in either format; throws <see cref="FormatException"/> when it is not one.</summary>
    /// <param name="body">The UTF-8 body.</param>
    /// <param name="json">Whether it is JSON (else XML).</param>
    internal static CupiVersion Parse(ReadOnlySpan<byte> body, bool json)
    {
        string? name = null;
        string? version = null;
        try
        {
            if (json)
            {
                var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = CupiLimits.MaxDepth });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new FormatException("the version answer is not a JSON object");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var property = reader.GetString();
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (string.Equals(property, "name", StringComparison.OrdinalIgnoreCase))
                    {
                        name = value;
                    }
                    else if (string.Equals(property, "version", StringComparison.OrdinalIgnoreCase))
                    {
                        version = value;
                    }
                }
            }
            else
            {
                var settings = new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Prohibit,
                    XmlResolver = null,
                    MaxCharactersInDocument = CupiLimits.MaxDocumentBytes,
                    IgnoreComments = true,
                    IgnoreWhitespace = true,
                };
                using var stream = new MemoryStream(body.ToArray(), writable: false);
                using var reader = XmlReader.Create(stream, settings);
                reader.MoveToContent();
                if (reader.LocalName != "VersionInformation")
                {
                    throw new FormatException($"the version answer is <{reader.LocalName}>, not <VersionInformation>");
                }

                var depth = reader.Depth;
                reader.Read();
                while (!reader.EOF && reader.Depth > depth)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName is "name" or "version")
                    {
                        var field = reader.LocalName;
                        var value = reader.ReadElementContentAsString();
                        if (field == "name")
                        {
                            name = value;
                        }
                        else
                        {
                            version = value;
                        }
                    }
                    else
                    {
                        reader.Read();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or XmlException or InvalidOperationException)
        {
            throw new FormatException("the version answer is not well-formed: " + ex.Message, ex);
        }

        if (string.IsNullOrWhiteSpace(version))
        {
            throw new FormatException("the version answer has no version");
        }

        return new CupiVersion(string.IsNullOrWhiteSpace(name) ? "vmrest" : name.Trim(), version.Trim());
    }
}
