using System;
using System.ComponentModel;
using System.Text.Json;
using System.Xml;

namespace CupiGen;

/// <summary>
/// What every generated model provides to the runtime, so that <see cref="CupiSerializer"/> can read and
/// write it without reflection: its metadata table and an empty instance. Everything else (readers, writers,
/// validation) is the runtime's, driven by the table. Generated code implements it explicitly; user
/// code rarely calls it.
/// </summary>
/// <typeparam name="TSelf">The model type itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public interface ICupiModel<TSelf> : ICupiModel where TSelf : class, ICupiModel<TSelf>
{
    /// <summary>The model's metadata table.</summary>
    static abstract CupiModelInfo Metadata { get; }

    /// <summary>The element name of one object (XML element, JSON list member), e.g. <c>PortGroup</c>.</summary>
    static virtual string ElementName => TSelf.Metadata.ElementName;

    /// <summary>The XML root element of a list, e.g. <c>PortGroups</c>.</summary>
    static virtual string ListElementName => TSelf.Metadata.ListElementName;

    /// <summary>Creates an empty instance: no field present.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf CreateEmpty();

    /// <summary>Reads one object; the reader is positioned on its <see cref="JsonTokenType.StartObject"/>
    /// and is left on the matching <see cref="JsonTokenType.EndObject"/>.</summary>
    static virtual TSelf ReadJson(ref Utf8JsonReader reader) => CupiJsonModel.Read<TSelf>(ref reader);

    /// <summary>Reads one object from a flat JSON object of plain string members (the fast path of
    /// <see cref="CupiSerializer.FromJson{T}(System.ReadOnlySpan{byte})"/>); <see langword="null"/> hands the
    /// document to <see cref="ReadJson"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static virtual TSelf? ReadJsonFields(ref CupiJsonFields fields) => CupiJsonModel.ReadFields<TSelf>(ref fields);

    /// <summary>Reads one object; the reader is positioned on its start element and is left just past its end.</summary>
    static virtual TSelf ReadXml(XmlReader reader) => CupiXmlModel.Read<TSelf>(reader);

    /// <summary>Writes this object as a JSON object into a caller's writer, with the fields <paramref name="mode"/> selects
    /// (the bytes CupiGen's own writer produces, so composing never changes them).</summary>
    void WriteJson(Utf8JsonWriter writer, CupiWriteMode mode) => CupiJsonWriter.WriteInto(writer, this, mode);

    /// <summary>Writes this object as an XML element named <see cref="ElementName"/> into a caller's writer, with the
    /// fields <paramref name="mode"/> selects (the markup CupiGen's own writer produces).</summary>
    void WriteXml(XmlWriter writer, CupiWriteMode mode) => CupiXmlWriter.WriteInto(writer, this, mode);

    /// <summary>Writes this object through CupiGen's fast JSON writer (what <see cref="CupiSerializer"/> uses).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void WriteJson(CupiJsonWriter writer, CupiWriteMode mode) => CupiJsonModel.Write(writer, this, mode);

    /// <summary>Writes this object through CupiGen's fast XML writer (what <see cref="CupiSerializer"/> uses).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void WriteXml(CupiXmlWriter writer, CupiWriteMode mode) => CupiXmlModel.Write(writer, this, mode);
}
