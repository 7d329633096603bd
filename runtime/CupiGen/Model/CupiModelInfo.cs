using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace CupiGen;

/// <summary>How a field's value is typed on the wire and in the model.</summary>
public enum CupiFieldKind
{
    /// <summary>Text (<c>string?</c>).</summary>
    String,

    /// <summary>A 32-bit integer (<c>int?</c>).</summary>
    Integer,

    /// <summary>A boolean (<c>bool?</c>).</summary>
    Boolean,

    /// <summary>An integer that a generated enum names.</summary>
    Enum,
}

/// <summary>Who may write a field.</summary>
public enum CupiFieldAccess
{
    /// <summary>Readable and writable.</summary>
    ReadWrite,

    /// <summary>Set by Cisco Unity Connection only.</summary>
    ReadOnly,

    /// <summary>Given when the object is created; fixed afterwards.</summary>
    CreateOnly,
}

/// <summary>
/// A rule on another field's value. For pertinence the field matters only while <see cref="Field"/> equals
/// <see cref="Values"/>[0]; for applicability while it is one of <see cref="Values"/>. With
/// <see cref="LookupModel"/>, <see cref="Field"/> holds the id of an object of that model, whose field
/// <see cref="LookupField"/> is compared instead.
/// </summary>
/// <param name="Field">The index of the field of the same model the condition reads.</param>
/// <param name="Values">The values as raw text (<c>true</c>, <c>5061</c>, <c>x</c>), compared with the field's wire text.</param>
/// <param name="Text">The condition in words, for messages and documentation.</param>
/// <param name="LookupModel">The type name of the related model, or null.</param>
/// <param name="LookupField">The wire name of the related model's field, or null.</param>
public sealed record CupiCondition(int Field, IReadOnlyList<string> Values, string Text, string? LookupModel = null, string? LookupField = null);

/// <summary>One field of a generated model: everything serializers, validation and display need to know.</summary>
public sealed class CupiFieldInfo
{
    /// <summary>Describes a field.</summary>
    /// <param name="index">The position of the field in its model (presence and change bits).</param>
    /// <param name="wireName">The XML element / JSON member name.</param>
    /// <param name="kind">The value kind.</param>
    /// <param name="slot">The storage slot: an index into the text slots for strings, into the number slots for integers and enums; unused for booleans.</param>
    /// <param name="propertyName">The C# property name, when it is not the wire name.</param>
    public CupiFieldInfo(int index, string wireName, CupiFieldKind kind, int slot, string? propertyName = null)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        Index = index;
        WireName = wireName;
        PropertyName = propertyName ?? wireName;
        Kind = kind;
        Slot = slot;
        JsonName = IsPlainAscii(wireName) ? System.Text.Encoding.UTF8.GetBytes("\"" + wireName + "\":") : CupiJsonWriter.EncodeName(wireName);
        XmlName = IsPlainAscii(wireName) ? System.Text.Encoding.UTF8.GetBytes(wireName) : CupiXmlWriter.EncodeName(wireName);
    }

    /// <summary>The position of the field in its model.</summary>
    public int Index { get; }

    /// <summary>The XML element / JSON member name.</summary>
    public string WireName { get; }

    /// <summary>The C# property name.</summary>
    public string PropertyName { get; }

    /// <summary>The value kind.</summary>
    public CupiFieldKind Kind { get; }

    /// <summary>The storage slot (see the constructor).</summary>
    public int Slot { get; }

    /// <summary>Who may write the field.</summary>
    public CupiFieldAccess Access { get; init; }

    /// <summary>Whether the value must never be shown (ToString, messages).</summary>
    public bool IsSecret { get; init; }

    /// <summary>Other names the field is read from.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The generated enum's type name, for <see cref="CupiFieldKind.Enum"/>.</summary>
    public string? EnumType { get; init; }

    /// <summary>The values the enum names, for <see cref="CupiFieldKind.Enum"/>.</summary>
    public IReadOnlyList<int> EnumValues { get; init; } = [];

    /// <summary>The least length of a text, if any.</summary>
    public int? MinLength { get; init; }

    /// <summary>The greatest length of a text, if any.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The ECMA-262 pattern a text must match, if any.</summary>
    public string? Pattern { get; init; }

    /// <summary>The allowed characters in words, if the schema gives them.</summary>
    public string? Charset { get; init; }

    /// <summary>Whether the text is a 36-character object id.</summary>
    public bool IsObjectId { get; init; }

    /// <summary>The least value of an integer, if any.</summary>
    public long? Minimum { get; init; }

    /// <summary>The greatest value of an integer, if any.</summary>
    public long? Maximum { get; init; }

    /// <summary>The allowed values as wire text, if the schema restricts them.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>The default value as wire text, if the schema gives one.</summary>
    public string? Default { get; init; }

    /// <summary>The type name of the model this field refers to by id, if any.</summary>
    public string? References { get; init; }

    /// <summary>When the field has an effect, if not always.</summary>
    public CupiCondition? PertinentWhen { get; init; }

    /// <summary>When the field applies to the object, if not always.</summary>
    public CupiCondition? AppliesTo { get; init; }

    /// <summary>A field of the referenced object that must equal a field of this one (on a reference field).</summary>
    public CupiCondition? Matches { get; init; }

    // The pattern compiled on first use by the validator (a race compiles it twice, harmlessly).
    internal System.Text.RegularExpressions.Regex? CompiledPattern { get; set; }

    // '"Name":' and 'Name' in UTF-8, encoded once per field for the writers.
    internal byte[] JsonName { get; }

    internal byte[] XmlName { get; }

    /// <inheritdoc />
    public override string ToString() => WireName;

    // Names neither JSON nor XML escapes (what CUPI's names are): encoded without a writer, which keeps the
    // first use of a model cheap.
    internal static bool IsPlainAscii(string name)
    {
        foreach (var c in name)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}

/// <summary>
/// The metadata table of one generated model: its names, fields and rules. The runtime's readers, writers,
/// validation and <c>ToString</c> work from it, so each rule exists once. Generated code builds one per model
/// (<c>PortGroup.ModelInfo</c>); a namespace's <c>CupiModels.All</c> lists them.
/// </summary>
public sealed class CupiModelInfo
{
    private readonly Func<ICupiModel> _create;
    private NameMaps? _maps;

    /// <summary>Describes a model.</summary>
    /// <param name="ns">The C# namespace.</param>
    /// <param name="typeName">The C# type name.</param>
    /// <param name="elementName">The element name of one object (e.g. <c>PortGroup</c>).</param>
    /// <param name="listElementName">The XML root element of a list (e.g. <c>PortGroups</c>).</param>
    /// <param name="fields">The fields, in index order.</param>
    /// <param name="create">Creates an empty instance.</param>
    public CupiModelInfo(string ns, string typeName, string elementName, string listElementName, IReadOnlyList<CupiFieldInfo> fields, Func<ICupiModel> create)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(typeName);
        ArgumentNullException.ThrowIfNull(elementName);
        ArgumentNullException.ThrowIfNull(listElementName);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(create);
        Namespace = ns;
        TypeName = typeName;
        ElementName = elementName;
        ListElementName = listElementName;
        Fields = fields;
        _create = create;
        var texts = 0;
        var numbers = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Index != i)
            {
                throw new ArgumentException($"Field '{fields[i].WireName}' has index {fields[i].Index} at position {i}.", nameof(fields));
            }

            if (fields[i].Kind == CupiFieldKind.String)
            {
                texts = Math.Max(texts, fields[i].Slot + 1);
            }
            else if (fields[i].Kind != CupiFieldKind.Boolean)
            {
                numbers = Math.Max(numbers, fields[i].Slot + 1);
            }
        }

        TextSlots = texts;
        NumberSlots = numbers;
        BitWords = (fields.Count + 63) / 64;
        ElementXmlName = CupiFieldInfo.IsPlainAscii(elementName) ? System.Text.Encoding.UTF8.GetBytes(elementName) : CupiXmlWriter.EncodeName(elementName);
    }

    /// <summary>The C# namespace.</summary>
    public string Namespace { get; }

    /// <summary>The C# type name.</summary>
    public string TypeName { get; }

    /// <summary>The element name of one object.</summary>
    public string ElementName { get; }

    /// <summary>The XML root element of a list.</summary>
    public string ListElementName { get; }

    /// <summary>The description from the schema, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The fields, in index order.</summary>
    public IReadOnlyList<CupiFieldInfo> Fields { get; }

    /// <summary>The indexes of the fields a create request must carry.</summary>
    public IReadOnlyList<int> RequiredOnCreate { get; init; } = [];

    internal int TextSlots { get; }

    internal int NumberSlots { get; }

    internal int BitWords { get; }

    internal byte[] ElementXmlName { get; }

    /// <summary>Creates an empty instance of the model.</summary>
    /// <returns>A model with no field present.</returns>
    public ICupiModel CreateInstance() => _create();

    /// <summary>Finds a field by its wire name (not an alias).</summary>
    /// <param name="wireName">The wire name.</param>
    /// <returns>The field, or null.</returns>
    public CupiFieldInfo? FindField(string wireName)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        var index = IndexOf(wireName);
        return index < 0 ? null : Fields[index];
    }

    // Wire names only; aliases are read but never answer IsPresent/IsChanged.
    internal int IndexOf(string wireName) => Maps().WireNames.TryGetValue(wireName, out var index) ? index : -1;

    // Wire names and aliases: what SetAdditionalField refuses.
    internal bool IsKnownName(string name) => Maps().AllNames.ContainsKey(name);

    /// <summary>The index of the field a wire name or alias reads into (what the XML reader asks), or -1.</summary>
    internal int ReadIndex(string name) => Maps().AllNames.TryGetValue(name, out var index) ? index : -1;

    /// <summary>The index of the field a UTF-8 wire name or alias reads into (what the JSON readers ask), or -1.</summary>
    /// <remarks>Names are grouped by byte length, so a lookup compares only the few names of that length.</remarks>
    internal int ReadIndex(ReadOnlySpan<byte> name)
    {
        var byLength = Maps().Utf8ByLength;
        if (name.Length >= byLength.Length || byLength[name.Length] is not { } candidates)
        {
            return -1;
        }

        foreach (var (bytes, index) in candidates)
        {
            if (name.SequenceEqual(bytes))
            {
                return index;
            }
        }

        return -1;
    }

    private NameMaps Maps() => _maps ?? BuildMaps();

    private NameMaps BuildMaps()
    {
        var wire = new Dictionary<string, int>(Fields.Count, StringComparer.Ordinal);
        var all = new Dictionary<string, int>(Fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            wire.TryAdd(Fields[i].WireName, i);
            all.TryAdd(Fields[i].WireName, i);
            foreach (var alias in Fields[i].Aliases)
            {
                all.TryAdd(alias, i);
            }
        }

        // Bucketed by byte length without LINQ: this runs on a model's first read, where start-up time counts.
        var encoded = new (byte[] Name, int Index)[all.Count];
        var counts = new List<int>();
        var at = 0;
        foreach (var pair in all)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(pair.Key);
            encoded[at++] = (bytes, pair.Value);
            while (counts.Count <= bytes.Length)
            {
                counts.Add(0);
            }

            counts[bytes.Length]++;
        }

        var byLength = new (byte[] Name, int Index)[]?[counts.Count];
        var filled = new int[counts.Count];
        foreach (var entry in encoded)
        {
            var length = entry.Name.Length;
            var bucket = byLength[length] ??= new (byte[] Name, int Index)[counts[length]];
            bucket[filled[length]++] = entry;
        }

        // Built once; a race builds equal maps twice, harmlessly.
        return _maps = new NameMaps(wire, all, byLength);
    }

    private sealed record NameMaps(Dictionary<string, int> WireNames, Dictionary<string, int> AllNames, (byte[] Name, int Index)[]?[] Utf8ByLength);

    /// <inheritdoc />
    public override string ToString() => Namespace + "." + TypeName;
}

/// <summary>What every generated model is to the runtime, whatever its type: its table and its field values.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public interface ICupiModel
{
    /// <summary>The model's metadata table.</summary>
    CupiModelInfo ModelInfo { get; }

    /// <summary>The model's presence and change bits and additional fields, for the runtime.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    ref CupiFieldStore FieldStore { get; }

    /// <summary>The model's text values, one slot per text field (<see cref="CupiFieldInfo.Slot"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    Span<string?> TextSlots { get; }

    /// <summary>The model's integer and enum values, one slot per such field (<see cref="CupiFieldInfo.Slot"/>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    Span<int> NumberSlots { get; }
}
