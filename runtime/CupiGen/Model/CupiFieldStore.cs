using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CupiGen;

/// <summary>
/// The presence, change, has-value and true bits of one generated model, and its additional fields. The field
/// values themselves live in the model, in fixed-size inline arrays the generator sizes from the table (texts
/// and numbers, see <see cref="ICupiModel.TextSlots"/>), so a model is one allocation. The first 64 fields' bits
/// are inline; a larger model keeps the rest in one array. Generated properties are one call into this type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CupiFieldStore
{
    private const int Present = 0;
    private const int Changed = 1;
    private const int HasValue = 2;
    private const int True = 3;

    private ulong _present;
    private ulong _changed;
    private ulong _hasValue;
    private ulong _true;

    // For fields 64 and up: four groups (present, changed, has-value, true) of (fields - 64 + 63) / 64 words.
    private readonly ulong[]? _more;

    internal CupiAdditionalFields? Additional;

    /// <summary>A store for a model of <paramref name="fieldCount"/> fields: no field present.</summary>
    /// <param name="fieldCount">The number of fields; beyond 64 the extra bits take one array.</param>
    public CupiFieldStore(int fieldCount)
    {
        _present = _changed = _hasValue = _true = 0;
        _more = fieldCount > 64 ? new ulong[(fieldCount - 1) / 64 * 4] : null;
        Additional = null;
    }

    /// <summary>Sets a text field: present unless null, and changed.</summary>
    /// <param name="slot">The field's text slot in the model.</param>
    /// <param name="index">The field's index.</param>
    /// <param name="value">The value, or null to make the field absent.</param>
    public void SetText(ref string? slot, int index, string? value)
    {
        slot = value;
        Mark(index, value is not null);
    }

    /// <summary>An integer or enum field's value.</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="slot">The field's number slot in the model.</param>
    /// <returns>The value, or null when absent or empty.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int? GetInt32(int index, int slot) => Test(HasValue, index) ? slot : null;

    /// <summary>Sets an integer or enum field: present unless null, and changed.</summary>
    /// <param name="slot">The field's number slot in the model.</param>
    /// <param name="index">The field's index.</param>
    /// <param name="value">The value, or null to make the field absent.</param>
    public void SetInt32(ref int slot, int index, int? value)
    {
        slot = value.GetValueOrDefault();
        Assign(HasValue, index, value.HasValue);
        Mark(index, value.HasValue);
    }

    /// <summary>A boolean field's value.</summary>
    /// <param name="index">The field's index.</param>
    /// <returns>The value, or null when absent or empty.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool? GetBoolean(int index) => Test(HasValue, index) ? Test(True, index) : null;

    /// <summary>Sets a boolean field: present unless null, and changed.</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="value">The value, or null to make the field absent.</param>
    public void SetBoolean(int index, bool? value)
    {
        Assign(HasValue, index, value.HasValue);
        Assign(True, index, value == true);
        Mark(index, value.HasValue);
    }

    /// <summary>Whether the field at an index is present.</summary>
    /// <param name="index">The field's index.</param>
    /// <returns>True when it was received or set.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsPresent(int index) => Test(Present, index);

    /// <summary>Whether the field at an index was set since the object was created, parsed or accepted.</summary>
    /// <param name="index">The field's index.</param>
    /// <returns>True when an update would consider it.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsChanged(int index) => Test(Changed, index);

    /// <summary>Whether a field, by wire name, was set since the object was created, parsed or accepted.</summary>
    /// <param name="info">The model's table.</param>
    /// <param name="wireName">A wire name of the model, or of an additional field.</param>
    /// <returns>True when an update would consider it.</returns>
    public readonly bool IsChanged(CupiModelInfo info, string wireName)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(wireName);
        var index = info.IndexOf(wireName);
        return index >= 0 ? IsChanged(index) : CupiAdditionalFields.IsChangedIn(Additional, wireName);
    }

    /// <summary>Whether a field, by wire name, is present.</summary>
    /// <param name="info">The model's table.</param>
    /// <param name="wireName">A wire name of the model, or of an additional field.</param>
    /// <returns>True when it will be written.</returns>
    public readonly bool IsPresent(CupiModelInfo info, string wireName)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(wireName);
        var index = info.IndexOf(wireName);
        return index >= 0 ? IsPresent(index) : Additional?.ContainsKey(wireName) == true;
    }

    /// <summary>Whether any field (or additional field) was set since the object was created, parsed or accepted.</summary>
    public readonly bool HasChanges
    {
        get
        {
            if (_changed != 0UL)
            {
                return true;
            }

            if (_more is { } more)
            {
                var words = more.Length / 4;
                for (var w = 0; w < words; w++)
                {
                    if (more[(Changed * words) + w] != 0UL)
                    {
                        return true;
                    }
                }
            }

            return CupiAdditionalFields.HasChangesIn(Additional);
        }
    }

    /// <summary>Forgets which fields were set; presence and values stay.</summary>
    public void AcceptChanges()
    {
        _changed = 0UL;
        if (_more is { } more)
        {
            Array.Clear(more, Changed * (more.Length / 4), more.Length / 4);
        }

        CupiAdditionalFields.AcceptChanges(Additional);
    }

    /// <summary>The fields the schema does not know.</summary>
    public readonly IReadOnlyDictionary<string, string> AdditionalFields =>
        (IReadOnlyDictionary<string, string>?)Additional ?? CupiAdditionalFields.Empty;

    /// <summary>Sets a field the schema does not know; a null value removes it.</summary>
    /// <param name="info">The model's table.</param>
    /// <param name="wireName">The wire name, which must not be one of the model's own (or an alias).</param>
    /// <param name="value">The text to send, or null.</param>
    public void SetAdditionalField(CupiModelInfo info, string wireName, string? value)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(wireName);
        if (info.IsKnownName(wireName))
        {
            throw new ArgumentException("'" + wireName + "' is a field of " + info.TypeName + "; set its property instead.", nameof(wireName));
        }

        CupiAdditionalFields.Set(ref Additional, wireName, value, changed: true);
    }

    /// <summary>Gives a text field a value as if it had been received: present, not changed (model factories).</summary>
    /// <param name="model">The model.</param>
    /// <param name="index">The field's index.</param>
    /// <param name="value">The value.</param>
    public static void LoadText(ICupiModel model, int index, string value) => new CupiValues(model).ReadText(index, value);

    /// <summary>Gives an integer or enum field a value as if it had been received: present, not changed.</summary>
    /// <param name="model">The model.</param>
    /// <param name="index">The field's index.</param>
    /// <param name="value">The value.</param>
    public static void LoadInt32(ICupiModel model, int index, int value) => new CupiValues(model).ReadInt32(index, value);

    /// <summary>Gives a boolean field a value as if it had been received: present, not changed.</summary>
    /// <param name="model">The model.</param>
    /// <param name="index">The field's index.</param>
    /// <param name="value">The value.</param>
    public static void LoadBoolean(ICupiModel model, int index, bool value) => new CupiValues(model).ReadBoolean(index, value);

    // ---------------------------------------------------------------- for readers

    // What a reader or a factory does: the field is present (received), not changed.
    internal void MarkReceived(int index) => Assign(Present, index, true);

    internal void SetHasValue(int index, bool on) => Assign(HasValue, index, on);

    internal void SetTrue(int index, bool on) => Assign(True, index, on);

    private readonly bool Test(int group, int index)
    {
        var bit = 1UL << (index & 63);
        if (index < 64)
        {
            var word = group switch { Present => _present, Changed => _changed, HasValue => _hasValue, _ => _true };
            return (word & bit) != 0UL;
        }

        var more = _more!;
        return (more[(group * (more.Length / 4)) + ((index - 64) >> 6)] & bit) != 0UL;
    }

    private void Assign(int group, int index, bool on)
    {
        var bit = 1UL << (index & 63);
        if (index < 64)
        {
            switch (group)
            {
                case Present:
                    _present = on ? _present | bit : _present & ~bit;
                    break;
                case Changed:
                    _changed = on ? _changed | bit : _changed & ~bit;
                    break;
                case HasValue:
                    _hasValue = on ? _hasValue | bit : _hasValue & ~bit;
                    break;
                default:
                    _true = on ? _true | bit : _true & ~bit;
                    break;
            }

            return;
        }

        var more = _more!;
        ref var slot = ref more[(group * (more.Length / 4)) + ((index - 64) >> 6)];
        slot = on ? slot | bit : slot & ~bit;
    }

    private void Mark(int index, bool present)
    {
        Assign(Present, index, present);
        Assign(Changed, index, true);
    }
}

/// <summary>What the fast JSON and XML writers have in common: a field's value under its pre-encoded name.</summary>
internal interface ICupiFieldWriter
{
    void WriteText(CupiFieldInfo field, string? value);

    void WriteInt32(CupiFieldInfo field, int? value);

    void WriteBoolean(CupiFieldInfo field, bool? value);
}

/// <summary>
/// One model's values as the runtime works with them: its table, its bits and its text and number slots.
/// Readers, writers, validation and display go through it, so none of them knows a model type.
/// </summary>
internal readonly ref struct CupiValues
{
    private readonly ref CupiFieldStore _store;
    private readonly Span<string?> _texts;
    private readonly Span<int> _numbers;

    public CupiValues(ICupiModel model)
    {
        Info = model.ModelInfo;
        _store = ref model.FieldStore;
        _texts = model.TextSlots;
        _numbers = model.NumberSlots;
    }

    public CupiModelInfo Info { get; }

    public ref CupiFieldStore Store => ref _store;

    public bool IsPresent(int index) => _store.IsPresent(index);

    public string? Text(CupiFieldInfo field) => _texts[field.StorageSlot];

    public int? Int32(CupiFieldInfo field) => _store.GetInt32(field.FieldIndex, _numbers[field.StorageSlot]);

    public bool? Boolean(CupiFieldInfo field) => _store.GetBoolean(field.FieldIndex);

    public void ReadText(int index, string? value)
    {
        _texts[Info.FieldArray[index].StorageSlot] = value;
        _store.MarkReceived(index);
    }

    public void ReadInt32(int index, int? value)
    {
        _numbers[Info.FieldArray[index].StorageSlot] = value.GetValueOrDefault();
        _store.SetHasValue(index, value.HasValue);
        _store.MarkReceived(index);
    }

    public void ReadBoolean(int index, bool? value)
    {
        _store.SetHasValue(index, value.HasValue);
        _store.SetTrue(index, value == true);
        _store.MarkReceived(index);
    }

    // A field's value as the wire carries it (true, 5061, text), or null when it has none.
    public string? WireText(CupiFieldInfo field) => field.ValueKind switch
    {
        CupiFieldKind.String => Text(field),
        CupiFieldKind.Boolean => Boolean(field) is { } flag ? (flag ? "true" : "false") : null,
        _ => Int32(field)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // Whether a write in a mode selects the field: every present field, a create's non-server fields, an
    // update's changed read/write fields.
    public bool Selects(CupiFieldInfo field, CupiWriteMode mode)
    {
        var index = field.FieldIndex;
        if (!_store.IsPresent(index))
        {
            return false;
        }

        return mode switch
        {
            CupiWriteMode.Create => field.Access != CupiFieldAccess.ReadOnly,
            CupiWriteMode.Update => field.Access == CupiFieldAccess.ReadWrite && _store.IsChanged(index),
            _ => true,
        };
    }

    // The fields a write mode selects, through either format's fast writer: one loop for JSON and XML.
    public void WriteSelected(ICupiFieldWriter writer, CupiWriteMode mode)
    {
        var fields = Info.FieldArray;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (!Selects(field, mode))
            {
                continue;
            }

            switch (field.ValueKind)
            {
                case CupiFieldKind.String:
                    writer.WriteText(field, Text(field));
                    break;
                case CupiFieldKind.Boolean:
                    writer.WriteBoolean(field, Boolean(field));
                    break;
                default:
                    writer.WriteInt32(field, Int32(field));
                    break;
            }
        }
    }

    /// <summary>The present fields as one line, secrets masked.</summary>
    public string Describe()
    {
        var text = new CupiDisplay(Info.ElementName);
        var fields = Info.FieldArray;
        for (var i = 0; i < fields.Length; i++)
        {
            if (!IsPresent(i))
            {
                continue;
            }

            var field = fields[i];
            if (field.IsSecret)
            {
                text.AddSecret(field.Wire);
                continue;
            }

            switch (field.ValueKind)
            {
                case CupiFieldKind.String:
                    text.Add(field.Wire, Text(field));
                    break;
                case CupiFieldKind.Boolean:
                    text.Add(field.Wire, Boolean(field));
                    break;
                default:
                    text.Add(field.Wire, Int32(field));
                    break;
            }
        }

        text.AddAdditional(_store.Additional);
        return text.ToString();
    }
}
