using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CupiGen.Emulator.Schema;

namespace CupiGen.Emulator.Engine;

/// <summary>
/// Moves one resource between the emulator's store (wire name → canonical text) and the wire, always through
/// the generated model and <see cref="CupiSerializer"/>, so requests are read and responses written in exactly
/// the dialect the client library reads and writes.
/// </summary>
internal interface IResourceCodec
{
    /// <summary>Reads a request body into its present fields. Throws <see cref="CupiFormatException"/>.</summary>
    Dictionary<string, string> Read(ReadOnlySpan<byte> body, CupiWireFormat format);

    /// <summary>Writes one stored object.</summary>
    string Write(IReadOnlyDictionary<string, string> record, CupiWireFormat format);

    /// <summary>Writes one page of a list with the total of every match.</summary>
    string WriteList(IReadOnlyList<IReadOnlyDictionary<string, string>> records, int total, CupiWireFormat format);
}

internal static class ResourceCodec
{
    /// <summary>
    /// Pairs each schema resource with its generated model (namespace <c>CupiGen.Emulator.Wire</c>, named as the
    /// schema's <c>$defs</c> key). Spelled out rather than looked up by name so that trimming and Native AOT see
    /// every model; a resource added to the schema fails the start with a message that says where to add it.
    /// </summary>
    public static Dictionary<string, IResourceCodec> ForSchema(SchemaModel schema)
    {
        var codecs = new Dictionary<string, IResourceCodec>(StringComparer.Ordinal);
        foreach (var resource in schema.Resources.Values)
        {
            codecs[resource.Name] = resource.Name switch
            {
                nameof(Wire.PortGroup) => new ResourceCodec<Wire.PortGroup>(resource),
                nameof(Wire.PortGroupTemplate) => new ResourceCodec<Wire.PortGroupTemplate>(resource),
                nameof(Wire.PortGroupServer) => new ResourceCodec<Wire.PortGroupServer>(resource),
                nameof(Wire.PortGroupCodec) => new ResourceCodec<Wire.PortGroupCodec>(resource),
                nameof(Wire.RtpCodecDef) => new ResourceCodec<Wire.RtpCodecDef>(resource),
                nameof(Wire.PhoneSystem) => new ResourceCodec<Wire.PhoneSystem>(resource),
                nameof(Wire.SipSecurityProfile) => new ResourceCodec<Wire.SipSecurityProfile>(resource),
                nameof(Wire.SipCertificate) => new ResourceCodec<Wire.SipCertificate>(resource),
                _ => throw new InvalidOperationException(
                    $"The schema resource '{resource.Name}' has no codec: add it to ResourceCodec.ForSchema ({nameof(ResourceCodec)}.cs)."),
            };
        }

        return codecs;
    }
}

internal sealed class ResourceCodec<T> : IResourceCodec where T : class, ICupiModel<T>
{
    private readonly ResourceSpec _resource;

    public ResourceCodec(ResourceSpec resource) => _resource = resource;

    public Dictionary<string, string> Read(ReadOnlySpan<byte> body, CupiWireFormat format)
    {
        var model = format == CupiWireFormat.Json ? CupiSerializer.FromJson<T>(body) : CupiSerializer.FromXml<T>(body);

        // Every present field, known ones typed and normalised by the model (aliases resolved, booleans and
        // integers canonical), comes back as a CUPI JSON string.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(CupiSerializer.ToJsonUtf8(model, CupiWriteMode.Everything));
        foreach (var property in document.RootElement.EnumerateObject())
        {
            // Fields the schema does not know are ignored, as the schema's additionalProperties allows.
            if (_resource.Field(property.Name) is not null && property.Value.ValueKind == JsonValueKind.String)
            {
                fields[property.Name] = property.Value.GetString()!;
            }
        }

        return fields;
    }

    public string Write(IReadOnlyDictionary<string, string> record, CupiWireFormat format)
    {
        var model = ToModel(record);
        return format == CupiWireFormat.Json
            ? CupiSerializer.ToJson(model)
            : XmlDeclaration + CupiSerializer.ToXml(model);
    }

    public string WriteList(IReadOnlyList<IReadOnlyDictionary<string, string>> records, int total, CupiWireFormat format)
    {
        var models = records.Select(ToModel).ToArray();
        return format == CupiWireFormat.Json
            ? CupiSerializer.ListToJson(models, total)
            : XmlDeclaration + CupiSerializer.ListToXml(models, total);
    }

    // Real servers put a declaration first; the client's readers accept it.
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private static T ToModel(IReadOnlyDictionary<string, string> record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in record)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return CupiSerializer.FromJson<T>(buffer.WrittenSpan);
    }

    public override string ToString() => typeof(T).Name + " codec";
}
