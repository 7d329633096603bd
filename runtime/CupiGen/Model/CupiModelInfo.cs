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
/// <param name="LookupModel">The type name of the related model (<c>Namespace.Type</c> when it is another schema's namespace), or null.</param>
/// <param name="LookupField">The wire name of the related model's field, or null.</param>
public sealed record CupiCondition(int Field, IReadOnlyList<string> Values, string Text, string? LookupModel = null, string? LookupField = null);

/// <summary>One field of a generated model: everything serializers, validation and display need to know.</summary>
public sealed class CupiFieldInfo
{
    // The same values as Index, WireName, Kind and Slot, as fields: the runtime reads these on every value, and a
    // field read needs no method to compile at start-up.
    internal readonly int FieldIndex;
    internal readonly string Wire;
    internal readonly CupiFieldKind ValueKind;
    internal readonly int StorageSlot;

    private byte[]? _jsonName;
    private byte[]? _xmlName;

    /// <summary>Describes a field. Every rule is a constructor argument, so building a table at start-up is one call per field.</summary>
    /// <param name="index">The position of the field in its model (presence and change bits).</param>
    /// <param name="wireName">The XML element / JSON member name.</param>
    /// <param name="kind">The value kind.</param>
    /// <param name="slot">The storage slot: an index into the text slots for strings, into the number slots for integers and enums; unused for booleans.</param>
    /// <param name="propertyName">The C# property name, when it is not the wire name.</param>
    /// <param name="access">See <see cref="Access"/>.</param>
    /// <param name="isSecret">See <see cref="IsSecret"/>.</param>
    /// <param name="aliases">See <see cref="Aliases"/>.</param>
    /// <param name="enumType">See <see cref="EnumType"/>.</param>
    /// <param name="enumValues">See <see cref="EnumValues"/>.</param>
    /// <param name="minLength">See <see cref="MinLength"/>.</param>
    /// <param name="maxLength">See <see cref="MaxLength"/>.</param>
    /// <param name="pattern">See <see cref="Pattern"/>.</param>
    /// <param name="charset">See <see cref="Charset"/>.</param>
    /// <param name="isObjectId">See <see cref="IsObjectId"/>.</param>
    /// <param name="minimum">See <see cref="Minimum"/>.</param>
    /// <param name="maximum">See <see cref="Maximum"/>.</param>
    /// <param name="allowedValues">See <see cref="AllowedValues"/>.</param>
    /// <param name="defaultValue">See <see cref="Default"/>.</param>
    /// <param name="references">See <see cref="References"/>.</param>
    /// <param name="pertinentWhen">See <see cref="PertinentWhen"/>.</param>
    /// <param name="appliesTo">See <see cref="AppliesTo"/>.</param>
    /// <param name="matches">See <see cref="Matches"/>.</param>
    public CupiFieldInfo(
        int index,
        string wireName,
        CupiFieldKind kind,
        int slot,
        string? propertyName = null,
        CupiFieldAccess access = default,
        bool isSecret = false,
        IReadOnlyList<string>? aliases = null,
        string? enumType = null,
        IReadOnlyList<int>? enumValues = null,
        int? minLength = null,
        int? maxLength = null,
        string? pattern = null,
        string? charset = null,
        bool isObjectId = false,
        long? minimum = null,
        long? maximum = null,
        IReadOnlyList<string>? allowedValues = null,
        string? defaultValue = null,
        string? references = null,
        CupiCondition? pertinentWhen = null,
        CupiCondition? appliesTo = null,
        CupiCondition? matches = null)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        Index = FieldIndex = index;
        WireName = Wire = wireName;
        PropertyName = propertyName ?? wireName;
        Kind = ValueKind = kind;
        Slot = StorageSlot = slot;
        Access = access;
        IsSecret = isSecret;
        Aliases = aliases ?? [];
        EnumType = enumType;
        EnumValues = enumValues ?? [];
        MinLength = minLength;
        MaxLength = maxLength;
        Pattern = pattern;
        Charset = charset;
        IsObjectId = isObjectId;
        Minimum = minimum;
        Maximum = maximum;
        AllowedValues = allowedValues ?? [];
        Default = defaultValue;
        References = references;
        PertinentWhen = pertinentWhen;
        AppliesTo = appliesTo;
        Matches = matches;
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
    public CupiFieldAccess Access { get; }

    /// <summary>Whether the value must never be shown (ToString, messages).</summary>
    public bool IsSecret { get; }

    /// <summary>Other names the field is read from.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The generated enum's type name, for <see cref="CupiFieldKind.Enum"/>.</summary>
    public string? EnumType { get; }

    /// <summary>The values the enum names, for <see cref="CupiFieldKind.Enum"/>.</summary>
    public IReadOnlyList<int> EnumValues { get; }

    /// <summary>The least length of a text, if any.</summary>
    public int? MinLength { get; }

    /// <summary>The greatest length of a text, if any.</summary>
    public int? MaxLength { get; }

    /// <summary>The ECMA-262 pattern a text must match, if any.</summary>
    public string? Pattern { get; }

    /// <summary>The allowed characters in words, if the schema gives them.</summary>
    public string? Charset { get; }

    /// <summary>Whether the text is a 36-character object id.</summary>
    public bool IsObjectId { get; }

    /// <summary>The least value of an integer, if any.</summary>
    public long? Minimum { get; }

    /// <summary>The greatest value of an integer, if any.</summary>
    public long? Maximum { get; }

    /// <summary>The allowed values as wire text, if the schema restricts them.</summary>
    public IReadOnlyList<string> AllowedValues { get; }

    /// <summary>The default value as wire text, if the schema gives one.</summary>
    public string? Default { get; }

    /// <summary>The type name of the model this field refers to by id (<c>Namespace.Type</c> when it is another schema's namespace), if any.</summary>
    public string? References { get; }

    /// <summary>When the field has an effect, if not always.</summary>
    public CupiCondition? PertinentWhen { get; }

    /// <summary>When the field applies to the object, if not always.</summary>
    public CupiCondition? AppliesTo { get; }

    /// <summary>A field of the referenced object that must equal a field of this one (on a reference field).</summary>
    public CupiCondition? Matches { get; }

    // The pattern compiled on first use by the validator (a race compiles it twice, harmlessly).
    internal System.Text.RegularExpressions.Regex? CompiledPattern { get; set; }

    // '"Name":' and 'Name' in UTF-8, encoded on a field's first write (not at start-up, which readers pay for).
    internal byte[] JsonName => _jsonName ??= IsPlainAscii(WireName) ? System.Text.Encoding.UTF8.GetBytes("\"" + WireName + "\":") : CupiJsonWriter.EncodeName(WireName);

    internal byte[] XmlName => _xmlName ??= IsPlainAscii(WireName) ? System.Text.Encoding.UTF8.GetBytes(WireName) : CupiXmlWriter.EncodeName(WireName);

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
    private readonly Func<IReadOnlyList<CupiEndpointInfo>>? _buildEndpoints;

    // Built on first use (a race builds equal lists twice, harmlessly).
    private IReadOnlyList<CupiEndpointInfo>? _endpoints;
    private Dictionary<string, int>? _wireNames;
    private Dictionary<string, int>? _allNames;
    private byte[][]?[]? _utf8Names;
    private int[]?[]? _utf8Indexes;
    private byte[]? _elementXmlName;
    private byte[]? _elementJsonName;
    private byte[]? _listElementXmlName;

    /// <summary>Describes a model.</summary>
    /// <param name="ns">The C# namespace.</param>
    /// <param name="typeName">The C# type name.</param>
    /// <param name="elementName">The element name of one object (e.g. <c>PortGroup</c>).</param>
    /// <param name="listElementName">The XML root element of a list (e.g. <c>PortGroups</c>).</param>
    /// <param name="fields">The fields, in index order.</param>
    /// <param name="create">Creates an empty instance.</param>
    /// <param name="description">The description from the schema, if any.</param>
    /// <param name="requiredOnCreate">The indexes of the fields a create request must carry.</param>
    /// <param name="endpoints">Builds the documented endpoints, if any; called on the first read of <see cref="Endpoints"/>, so a process that only serializes never builds them.</param>
    /// <param name="client">Where the model's endpoint client sits, if it has one.</param>
    public CupiModelInfo(
        string ns,
        string typeName,
        string elementName,
        string listElementName,
        IReadOnlyList<CupiFieldInfo> fields,
        Func<ICupiModel> create,
        string? description = null,
        IReadOnlyList<int>? requiredOnCreate = null,
        Func<IReadOnlyList<CupiEndpointInfo>>? endpoints = null,
        CupiClientPlacement? client = null)
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
        FieldArray = fields as CupiFieldInfo[] ?? [.. fields];
        _create = create;
        Description = description;
        RequiredOnCreate = requiredOnCreate ?? [];
        _buildEndpoints = endpoints;
        Client = client;
        for (var i = 0; i < FieldArray.Length; i++)
        {
            if (FieldArray[i].FieldIndex != i)
            {
                throw new ArgumentException($"Field '{FieldArray[i].Wire}' has index {FieldArray[i].FieldIndex} at position {i}.", nameof(fields));
            }
        }
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
    public string? Description { get; }

    /// <summary>The fields, in index order.</summary>
    public IReadOnlyList<CupiFieldInfo> Fields { get; }

    // Fields as an array, for the runtime's loops (no interface call per field).
    internal readonly CupiFieldInfo[] FieldArray;

    /// <summary>The indexes of the fields a create request must carry.</summary>
    public IReadOnlyList<int> RequiredOnCreate { get; }

    /// <summary>The documented endpoints (schema keyword <c>x-cupi-endpoints</c>), in schema order.</summary>
    public IReadOnlyList<CupiEndpointInfo> Endpoints => _endpoints ??= _buildEndpoints?.Invoke() ?? [];

    /// <summary>Where the model's endpoint client sits (schema keyword <c>x-cupi-client</c>), or null.</summary>
    public CupiClientPlacement? Client { get; }

    /// <summary>Finds an endpoint by its name.</summary>
    /// <param name="name">The endpoint's name, e.g. <c>Create</c>.</param>
    /// <returns>The endpoint, or null.</returns>
    public CupiEndpointInfo? FindEndpoint(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var endpoint in Endpoints)
        {
            if (string.Equals(endpoint.Name, name, StringComparison.Ordinal))
            {
                return endpoint;
            }
        }

        return null;
    }

    internal byte[] ElementXmlName => _elementXmlName ??= CupiFieldInfo.IsPlainAscii(ElementName) ? System.Text.Encoding.UTF8.GetBytes(ElementName) : CupiXmlWriter.EncodeName(ElementName);

    // The list writers' names, encoded on first use (typed and table-driven lists alike).
    internal byte[] ElementJsonName => _elementJsonName ??= CupiJsonWriter.EncodeName(ElementName);

    internal byte[] ListElementXmlName => _listElementXmlName ??= CupiXmlWriter.EncodeName(ListElementName);

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
    internal int IndexOf(string wireName) => (_wireNames ??= NameMap(aliases: false)).TryGetValue(wireName, out var index) ? index : -1;

    // Wire names and aliases: what SetAdditionalField refuses.
    internal bool IsKnownName(string name) => (_allNames ??= NameMap(aliases: true)).ContainsKey(name);

    /// <summary>The index of the field a wire name or alias reads into (what the XML reader asks), or -1.</summary>
    internal int ReadIndex(string name) => (_allNames ??= NameMap(aliases: true)).TryGetValue(name, out var index) ? index : -1;

    /// <summary>The index of the field a UTF-8 wire name or alias reads into (what the JSON readers ask), or -1.</summary>
    /// <remarks>Names are grouped by byte length, so a lookup compares only the few names of that length.</remarks>
    internal int ReadIndex(ReadOnlySpan<byte> name)
    {
        var names = _utf8Names;
        if (names is null)
        {
            BuildUtf8Names();
            names = _utf8Names!;
        }

        if (name.Length >= names.Length || names[name.Length] is not { } candidates)
        {
            return -1;
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            if (name.SequenceEqual(candidates[i]))
            {
                return _utf8Indexes![name.Length]![i];
            }
        }

        return -1;
    }

    // Each map is built on first use, so a process that only reads XML never builds the UTF-8 one (start-up
    // time counts here). A race builds equal maps twice, harmlessly.
    private Dictionary<string, int> NameMap(bool aliases)
    {
        var fields = FieldArray;
        var map = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            map.TryAdd(fields[i].Wire, i);
            if (aliases && fields[i].Aliases.Count > 0)
            {
                foreach (var alias in fields[i].Aliases)
                {
                    map.TryAdd(alias, i);
                }
            }
        }

        return map;
    }

    private void BuildUtf8Names()
    {
        // Each wire name and alias encoded once, grouped by byte length, in field order: ReadIndex returns the
        // first match, so the first field to claim a name keeps it, as in NameMap. Built from the fields, not from
        // NameMap: a first read builds no dictionary.
        var fields = FieldArray;
        var count = 0;
        foreach (var field in fields)
        {
            count += 1 + field.Aliases.Count;
        }

        var encoded = new byte[count][];
        var fieldOf = new int[count];
        var longest = 0;
        count = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            Add(fields[i].Wire, i);
            foreach (var alias in fields[i].Aliases)
            {
                Add(alias, i);
            }
        }

        var counts = new int[longest + 1];
        foreach (var name in encoded)
        {
            counts[name.Length]++;
        }

        var names = new byte[][]?[longest + 1];
        var indexes = new int[]?[longest + 1];
        var filled = new int[longest + 1];
        for (var i = 0; i < encoded.Length; i++)
        {
            var length = encoded[i].Length;
            var slot = filled[length]++;
            (names[length] ??= new byte[counts[length]][])[slot] = encoded[i];
            (indexes[length] ??= new int[counts[length]])[slot] = fieldOf[i];
        }

        _utf8Indexes = indexes;
        _utf8Names = names;

        void Add(string name, int field)
        {
            encoded[count] = System.Text.Encoding.UTF8.GetBytes(name);
            fieldOf[count++] = field;
            longest = Math.Max(longest, encoded[count - 1].Length);
        }
    }

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
