// The three baselines, each configured for CUPI's dialect as a careful hand-written client would be:
// every scalar read from and written as a string, booleans as "true"/"false", a list of one as a bare object.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using System.Xml.Serialization;

namespace CupiGen.Benchmarks.Baselines;

/// <summary>A CUPI list in JSON: <c>{"@total":"3","PortGroup":[…]}</c> (a bare object for a list of one).</summary>
public sealed class PortGroupListJson
{
    [JsonPropertyName("@total")]
    [Newtonsoft.Json.JsonProperty("@total")]
    [Newtonsoft.Json.JsonConverter(typeof(NewtonsoftIntAsStringConverter))]
    public int? Total { get; set; }

    [JsonPropertyName("PortGroup")]
    [JsonConverter(typeof(StjSingleOrArrayConverter))]
    [Newtonsoft.Json.JsonProperty("PortGroup")]
    [Newtonsoft.Json.JsonConverter(typeof(NewtonsoftSingleOrArrayConverter))]
    public List<PortGroupPoco>? PortGroup { get; set; }
}

/// <summary>A CUPI list in XML: <c>&lt;PortGroups total="3"&gt;…</c>.</summary>
[XmlRoot("PortGroups")]
public sealed class PortGroupListXml
{
    [XmlAttribute("total")]
    public int Total { get; set; }

    [XmlElement("PortGroup")]
    public List<PortGroupPoco> PortGroup { get; set; } = [];
}

// ------------------------------------------------------------------ System.Text.Json (source generation)

/// <summary>The System.Text.Json baseline: source-generated metadata and serializers, CUPI's string scalars.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(StjBooleanAsStringConverter)])]
[JsonSerializable(typeof(PortGroupPoco))]
[JsonSerializable(typeof(PortGroupListJson))]
public sealed partial class CupiStjContext : JsonSerializerContext;

/// <summary>Reads <c>"true"</c>/<c>"false"</c> (or literals, or 1/0) and writes booleans as strings.</summary>
public sealed class StjBooleanAsStringConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                if (reader.ValueTextEquals("true"u8) || reader.ValueTextEquals("1"u8))
                {
                    return true;
                }

                if (reader.ValueTextEquals("false"u8) || reader.ValueTextEquals("0"u8))
                {
                    return false;
                }

                return bool.Parse(reader.GetString()!.Trim());
            default:
                throw new JsonException($"expected a boolean, found {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value ? "true"u8 : "false"u8);
}

/// <summary>A list member that is one object or an array of objects, read and written through the context's metadata.</summary>
public sealed class StjSingleOrArrayConverter : JsonConverter<List<PortGroupPoco>>
{
    public override List<PortGroupPoco>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var info = CupiStjContext.Default.PortGroupPoco;
        var list = new List<PortGroupPoco>();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            list.Add(JsonSerializer.Deserialize(ref reader, info)!);
            return list;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected an object or an array of objects");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(JsonSerializer.Deserialize(ref reader, info)!);
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<PortGroupPoco> value, JsonSerializerOptions options)
    {
        var info = CupiStjContext.Default.PortGroupPoco;
        if (value.Count == 1)
        {
            JsonSerializer.Serialize(writer, value[0], info);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, info);
        }

        writer.WriteEndArray();
    }
}

// ------------------------------------------------------------------ Newtonsoft.Json

/// <summary>The Newtonsoft.Json baseline: one cached serializer, converters for CUPI's string scalars.</summary>
public static class CupiNewtonsoft
{
    public static readonly Newtonsoft.Json.JsonSerializer Serializer = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
    {
        NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
        Culture = CultureInfo.InvariantCulture,
        Converters = [new NewtonsoftIntAsStringConverter(), new NewtonsoftBooleanAsStringConverter()],
    });

    public static T Read<T>(byte[] utf8)
    {
        using var stream = new MemoryStream(utf8, writable: false);
        using var text = new StreamReader(stream, Encoding.UTF8);
        using var reader = new Newtonsoft.Json.JsonTextReader(text);
        return Serializer.Deserialize<T>(reader)!;
    }

    public static string Write<T>(T value)
    {
        var text = new StringWriter(new StringBuilder(1024), CultureInfo.InvariantCulture);
        using (var writer = new Newtonsoft.Json.JsonTextWriter(text))
        {
            Serializer.Serialize(writer, value, typeof(T));
        }

        return text.ToString();
    }
}

/// <summary>Reads an integer given as a string or a number; writes it as a string.</summary>
public sealed class NewtonsoftIntAsStringConverter : Newtonsoft.Json.JsonConverter<int?>
{
    public override int? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, int? existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer) =>
        reader.TokenType switch
        {
            Newtonsoft.Json.JsonToken.Null => null,
            Newtonsoft.Json.JsonToken.Integer => Convert.ToInt32(reader.Value, CultureInfo.InvariantCulture),
            Newtonsoft.Json.JsonToken.String => ((string)reader.Value!).Trim() is { Length: > 0 } s ? int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null,
            _ => throw new Newtonsoft.Json.JsonSerializationException($"expected an integer, found {reader.TokenType}"),
        };

    public override void WriteJson(Newtonsoft.Json.JsonWriter writer, int? value, Newtonsoft.Json.JsonSerializer serializer)
    {
        if (value is int number)
        {
            writer.WriteValue(number.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull();
        }
    }
}

/// <summary>Reads a boolean given as a string, a literal or 1/0; writes it as a string.</summary>
public sealed class NewtonsoftBooleanAsStringConverter : Newtonsoft.Json.JsonConverter<bool?>
{
    public override bool? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, bool? existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer) =>
        reader.TokenType switch
        {
            Newtonsoft.Json.JsonToken.Null => null,
            Newtonsoft.Json.JsonToken.Boolean => (bool)reader.Value!,
            Newtonsoft.Json.JsonToken.String => ((string)reader.Value!).Trim() switch
            {
                "" => null,
                "1" => true,
                "0" => false,
                var s => bool.Parse(s),
            },
            _ => throw new Newtonsoft.Json.JsonSerializationException($"expected a boolean, found {reader.TokenType}"),
        };

    public override void WriteJson(Newtonsoft.Json.JsonWriter writer, bool? value, Newtonsoft.Json.JsonSerializer serializer)
    {
        if (value is bool flag)
        {
            writer.WriteValue(flag ? "true" : "false");
        }
        else
        {
            writer.WriteNull();
        }
    }
}

/// <summary>A list member that is one object or an array of objects.</summary>
public sealed class NewtonsoftSingleOrArrayConverter : Newtonsoft.Json.JsonConverter<List<PortGroupPoco>>
{
    public override List<PortGroupPoco>? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, List<PortGroupPoco>? existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case Newtonsoft.Json.JsonToken.Null:
                return null;
            case Newtonsoft.Json.JsonToken.StartObject:
                return [serializer.Deserialize<PortGroupPoco>(reader)!];
            case Newtonsoft.Json.JsonToken.StartArray:
                var list = new List<PortGroupPoco>();
                while (reader.Read() && reader.TokenType != Newtonsoft.Json.JsonToken.EndArray)
                {
                    list.Add(serializer.Deserialize<PortGroupPoco>(reader)!);
                }

                return list;
            default:
                throw new Newtonsoft.Json.JsonSerializationException($"expected an object or an array, found {reader.TokenType}");
        }
    }

    public override void WriteJson(Newtonsoft.Json.JsonWriter writer, List<PortGroupPoco>? value, Newtonsoft.Json.JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else if (value.Count == 1)
        {
            serializer.Serialize(writer, value[0], typeof(PortGroupPoco));
        }
        else
        {
            serializer.Serialize(writer, value, typeof(List<PortGroupPoco>));
        }
    }
}

// ------------------------------------------------------------------ XmlSerializer

/// <summary>The XmlSerializer baseline: cached instances, no declaration, no xsi/xsd namespaces.</summary>
public static class CupiXmlSerializer
{
    public static readonly XmlSerializer One = new(typeof(PortGroupPoco));
    public static readonly XmlSerializer List = new(typeof(PortGroupListXml));

    private static readonly XmlSerializerNamespaces NoNamespaces = CreateNoNamespaces();

    private static readonly XmlWriterSettings WriterSettings = new() { OmitXmlDeclaration = true, Indent = false };

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
    };

    public static T Read<T>(XmlSerializer serializer, byte[] utf8)
    {
        using var stream = new MemoryStream(utf8, writable: false);
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return (T)serializer.Deserialize(reader)!;
    }

    public static string Write(XmlSerializer serializer, object value)
    {
        var text = new StringBuilder(1024);
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), WriterSettings))
        {
            serializer.Serialize(writer, value, NoNamespaces);
        }

        return text.ToString();
    }

    private static XmlSerializerNamespaces CreateNoNamespaces()
    {
        var namespaces = new XmlSerializerNamespaces();
        namespaces.Add(string.Empty, string.Empty);
        return namespaces;
    }
}
