using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace CupiGen;

/// <summary>
/// Fields a payload carried that the schema does not know, kept in arrival order and written back unchanged,
/// so that parse → write → parse loses nothing when a server is newer than the schema.
/// </summary>
/// <remarks>
/// Scalar values are stored as their text. A structured value (a JSON object or array, an XML element with
/// child elements) is stored as its raw JSON or inner XML and written back verbatim in the same format.
/// </remarks>
public sealed class CupiAdditionalFields : IReadOnlyDictionary<string, string>
{
    // Past this many entries a name → position map answers lookups, so a payload of n unknown fields is read in
    // O(n), not O(n²) (a hostile server can send hundreds of thousands).
    private const int IndexFrom = 8;

    private readonly List<Entry> _entries = [];

    // Built once the list reaches IndexFrom entries; dropped (and rebuilt on demand) when an entry is removed.
    private Dictionary<string, int>? _index;

    // Names set through SetAdditionalField since the object was parsed or AcceptChanges ran: what an update sends.
    private HashSet<string>? _changed;

    /// <summary>An empty, shared instance.</summary>
    public static IReadOnlyDictionary<string, string> Empty { get; } = new CupiAdditionalFields();

    /// <summary>How a value is held.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public enum ValueKind
    {
        /// <summary>Plain text.</summary>
        Text,

        /// <summary>Raw JSON (an object, an array or <c>null</c>).</summary>
        RawJson,

        /// <summary>Raw inner XML of an element with child elements.</summary>
        RawXml,
    }

    /// <summary>One field.</summary>
    /// <param name="Name">The wire name.</param>
    /// <param name="Value">The text, or raw JSON/XML.</param>
    /// <param name="Kind">How <paramref name="Value"/> is held.</param>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public readonly record struct Entry(string Name, string Value, ValueKind Kind);

    /// <summary>The fields in arrival order, with how each value is held.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public IReadOnlyList<Entry> Entries => _entries;

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No additional field named '{key}'.");

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var e in _entries)
            {
                yield return e.Name;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> Values
    {
        get
        {
            foreach (var e in _entries)
            {
                yield return e.Value;
            }
        }
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : null;
        return i >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var e in _entries)
        {
            yield return new KeyValuePair<string, string>(e.Name, e.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether any field was set by code (not parsed) since the last <see cref="AcceptChanges(CupiAdditionalFields?)"/>.</summary>
    internal bool HasChanges => _changed is { Count: > 0 };

    /// <summary>Whether the field was set by code (not parsed) since the last accept.</summary>
    internal bool IsChanged(string name) => _changed?.Contains(name) == true;

    /// <summary>Adds or replaces a field; a <see langword="null"/> value removes it.</summary>
    internal void Set(string name, string? value, ValueKind kind, bool changed)
    {
        if (changed)
        {
            (_changed ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        }

        var i = IndexOf(name);
        if (value is null)
        {
            if (i >= 0)
            {
                _entries.RemoveAt(i);
                _index = null;
            }

            return;
        }

        var entry = new Entry(name, value, kind);
        if (i >= 0)
        {
            _entries[i] = entry;
        }
        else
        {
            _index?.Add(name, _entries.Count);
            _entries.Add(entry);
        }
    }

    /// <summary>Sets a field on a model's (lazily created) store. Used by generated code.</summary>
    /// <param name="store">The model's store, created on first use.</param>
    /// <param name="name">The wire name.</param>
    /// <param name="value">The value; <see langword="null"/> removes the field.</param>
    /// <param name="kind">How the value is held.</param>
    /// <param name="changed">True when code sets the field (it is then sent by an update), false when parsing.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Set(ref CupiAdditionalFields? store, string name, string? value, ValueKind kind = ValueKind.Text, bool changed = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (value is null && store is null)
        {
            return;
        }

        store ??= new CupiAdditionalFields();
        store.Set(name, value, kind, changed);
    }

    /// <summary>Forgets which fields were set by code. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void AcceptChanges(CupiAdditionalFields? store) => store?._changed?.Clear();

    /// <summary>Whether code set any field since the last accept. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool HasChangesIn(CupiAdditionalFields? store) => store?.HasChanges == true;

    /// <summary>Whether code set the named field since the last accept. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool IsChangedIn(CupiAdditionalFields? store, string name) => store?.IsChanged(name) == true;

    /// <summary>Whether the entry belongs in a payload written with <paramref name="mode"/>.</summary>
    internal bool Includes(in Entry entry, CupiWriteMode mode) => mode != CupiWriteMode.Update || IsChanged(entry.Name);

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null || _entries.Count >= IndexFrom)
        {
            return (_index ??= BuildIndex()).TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Name, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count; i++)
        {
            index[_entries[i].Name] = i;
        }

        return index;
    }
}
