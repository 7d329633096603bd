using System.ComponentModel;
using System.Text.Json;
using System.Xml;

namespace CupiGen;

/// <summary>
/// What every generated model provides to the runtime, so that <see cref="CupiSerializer"/> can read and
/// write it without reflection. Generated code implements it explicitly; user code rarely calls it.
/// </summary>
/// <typeparam name="TSelf">The model type itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public interface ICupiModel<TSelf> where TSelf : class, ICupiModel<TSelf>
{
    /// <summary>The element name of one object (XML element, JSON list member), e.g. <c>PortGroup</c>.</summary>
    static abstract string ElementName { get; }

    /// <summary>The XML root element of a list, e.g. <c>PortGroups</c>.</summary>
    static abstract string ListElementName { get; }

    /// <summary>Reads one object; the reader is positioned on its <see cref="JsonTokenType.StartObject"/>
    /// and is left on the matching <see cref="JsonTokenType.EndObject"/>.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);

    /// <summary>Reads one object from a flat JSON object of plain string members (the fast path of
    /// <see cref="CupiSerializer.FromJson{T}(System.ReadOnlySpan{byte})"/>); <see langword="null"/> hands the
    /// document to <see cref="ReadJson"/>. The default takes nothing.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static virtual TSelf? ReadJsonFields(ref CupiJsonFields fields) => null;

    /// <summary>Reads one object; the reader is positioned on its start element and is left just past its end.</summary>
    static abstract TSelf ReadXml(XmlReader reader);

    /// <summary>Writes this object as a JSON object, with the fields <paramref name="mode"/> selects.</summary>
    void WriteJson(Utf8JsonWriter writer, CupiWriteMode mode);

    /// <summary>Writes this object as an XML element named <see cref="ElementName"/>, with the fields <paramref name="mode"/> selects.</summary>
    void WriteXml(XmlWriter writer, CupiWriteMode mode);

    /// <summary>Writes this object as a JSON object through CupiGen's fast writer (what <see cref="CupiSerializer"/> uses).
    /// Generated models implement it; the default writes what <see cref="WriteJson(Utf8JsonWriter, CupiWriteMode)"/> writes.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void WriteJson(CupiJsonWriter writer, CupiWriteMode mode) => writer.WriteThroughUtf8JsonWriter(this, mode);

    /// <summary>Writes this object as an XML element through CupiGen's fast writer (what <see cref="CupiSerializer"/> uses).
    /// Generated models implement it; the default writes what <see cref="WriteXml(XmlWriter, CupiWriteMode)"/> writes.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void WriteXml(CupiXmlWriter writer, CupiWriteMode mode) => writer.WriteThroughXmlWriter(this, mode);
}
