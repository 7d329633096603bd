using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CupiGen;

/// <summary>
/// The field values of one generated model, laid out by its <see cref="CupiModelInfo"/>: texts and numbers in
/// slots, and four bit sets (present, changed, has-value, true). A field is present when it was received or set;
/// a present integer, enum or boolean may have no value (an empty element). Generated properties are one call
/// into this type; readers, writers and validation use it through <see cref="ICupiModel.FieldStore"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CupiFieldStore
{
    private const int Present = 0;
    private const int Changed = 1;
    private const int HasValue = 2;
    private const int True = 3;

    internal readonly CupiModelInfo Info;
    internal readonly string?[] Texts;
    internal readonly int[] Numbers;

    // Four groups of Info.BitWords words: present, changed, has-value, true.
    internal readonly ulong[] Bits;
    internal CupiAdditionalFields? Additional;

    /// <summary>An empty store for a model: no field present.</summary>
    /// <param name="info">The model's table.</param>
    public CupiFieldStore(CupiModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        Texts = info.TextSlots == 0 ? [] : new string?[info.TextSlots];
        Numbers = info.NumberSlots == 0 ? [] : new int[info.NumberSlots];
        Bits = new ulong[Math.Max(1, info.BitWords) * 4];
        Additional = null;
    }

    /// <summary>A text field's value.</summary>
    /// <param name="slot">The field's text slot.</param>
    /// <returns>The value, or null.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly string? GetText(int slot) => Texts[slot];

    /// <summary>Sets a text field: present unless null, and changed.</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="slot">The field's text slot.</param>
    /// <param name="value">The value, or null to make the field absent.</param>
    public readonly void SetText(int index, int slot, string? value)
    {
        Texts[slot] = value;
        Mark(index, value is not null);
    }

    /// <summary>An integer or enum field's value.</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="slot">The field's number slot.</param>
    /// <returns>The value, or null when absent or empty.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int? GetInt32(int index, int slot) => Test(HasValue, index) ? Numbers[slot] : null;

    /// <summary>Sets an integer or enum field: present unless null, and changed.</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="slot">The field's number slot.</param>
    /// <param name="value">The value, or null to make the field absent.</param>
    public readonly void SetInt32(int index, int slot, int? value)
    {
        Numbers[slot] = value.GetValueOrDefault();
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
    public readonly void SetBoolean(int index, bool? value)
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
    /// <param name="wireName">A wire name of the model, or of an additional field.</param>
    /// <returns>True when an update would consider it.</returns>
    public readonly bool IsChanged(string wireName)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        var index = Info.IndexOf(wireName);
        return index >= 0 ? IsChanged(index) : CupiAdditionalFields.IsChangedIn(Additional, wireName);
    }

    /// <summary>Whether a field, by wire name, is present.</summary>
    /// <param name="wireName">A wire name of the model, or of an additional field.</param>
    /// <returns>True when it will be written.</returns>
    public readonly bool IsPresent(string wireName)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        var index = Info.IndexOf(wireName);
        return index >= 0 ? IsPresent(index) : Additional?.ContainsKey(wireName) == true;
    }

    /// <summary>Whether any field (or additional field) was set since the object was created, parsed or accepted.</summary>
    public readonly bool HasChanges
    {
        get
        {
            var words = Info.BitWords;
            for (var w = 0; w < words; w++)
            {
                if (Bits[(Changed * words) + w] != 0UL)
                {
                    return true;
                }
            }

            return CupiAdditionalFields.HasChangesIn(Additional);
        }
    }

    /// <summary>Forgets which fields were set; presence and values stay.</summary>
    public readonly void AcceptChanges()
    {
        Array.Clear(Bits, Changed * Info.BitWords, Info.BitWords);
        CupiAdditionalFields.AcceptChanges(Additional);
    }

    /// <summary>The fields the schema does not know.</summary>
    public readonly System.Collections.Generic.IReadOnlyDictionary<string, string> AdditionalFields =>
        (System.Collections.Generic.IReadOnlyDictionary<string, string>?)Additional ?? CupiAdditionalFields.Empty;

    /// <summary>Sets a field the schema does not know; a null value removes it.</summary>
    /// <param name="wireName">The wire name, which must not be one of the model's own (or an alias).</param>
    /// <param name="value">The text to send, or null.</param>
    public void SetAdditionalField(string wireName, string? value)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        if (Info.IsKnownName(wireName))
        {
            throw new ArgumentException("'" + wireName + "' is a field of " + Info.TypeName + "; set its property instead.", nameof(wireName));
        }

        CupiAdditionalFields.Set(ref Additional, wireName, value, changed: true);
    }

    /// <summary>The present fields as one line, secrets masked.</summary>
    /// <returns>The text.</returns>
    public readonly string Describe()
    {
        var text = new CupiDisplay(Info.ElementName);
        var fields = Info.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            if (!IsPresent(i))
            {
                continue;
            }

            var field = fields[i];
            if (field.IsSecret)
            {
                text.AddSecret(field.WireName);
                continue;
            }

            switch (field.Kind)
            {
                case CupiFieldKind.String:
                    text.Add(field.WireName, Texts[field.Slot]);
                    break;
                case CupiFieldKind.Boolean:
                    text.Add(field.WireName, GetBoolean(i));
                    break;
                default:
                    text.Add(field.WireName, GetInt32(i, field.Slot));
                    break;
            }
        }

        text.AddAdditional(Additional);
        return text.ToString();
    }

    // ---------------------------------------------------------------- for readers and factories

    /// <summary>Gives a text field a value as if it had been received: present, not changed (model factories).</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="slot">The field's text slot.</param>
    /// <param name="value">The value.</param>
    public readonly void LoadText(int index, int slot, string value)
    {
        Texts[slot] = value;
        MarkReceived(index);
    }

    /// <summary>Gives an integer or enum field a value as if it had been received: present, not changed.</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="slot">The field's number slot.</param>
    /// <param name="value">The value.</param>
    public readonly void LoadInt32(int index, int slot, int value)
    {
        Numbers[slot] = value;
        Assign(HasValue, index, true);
        MarkReceived(index);
    }

    /// <summary>Gives a boolean field a value as if it had been received: present, not changed.</summary>
    /// <param name="index">The field's index.</param>
    /// <param name="value">The value.</param>
    public readonly void LoadBoolean(int index, bool value)
    {
        Assign(HasValue, index, true);
        Assign(True, index, value);
        MarkReceived(index);
    }

    // What a reader or a factory does: the field is present (received), not changed.
    internal readonly void MarkReceived(int index) => Word(Present, index) |= Bit(index);

    internal readonly ref ulong Word(int group, int index) => ref Bits[(group * Info.BitWords) + (index >> 6)];

    internal readonly ref ulong HasValueWord(int index) => ref Word(HasValue, index);

    internal readonly ref ulong TrueWord(int index) => ref Word(True, index);

    internal static ulong Bit(int index) => 1UL << (index & 63);

    // Whether a write in a mode selects the field: every present field, a create's non-server fields, an
    // update's changed read/write fields.
    internal readonly bool Selects(CupiFieldInfo field, CupiWriteMode mode)
    {
        var index = field.Index;
        if (!IsPresent(index))
        {
            return false;
        }

        return mode switch
        {
            CupiWriteMode.Create => field.Access != CupiFieldAccess.ReadOnly,
            CupiWriteMode.Update => field.Access == CupiFieldAccess.ReadWrite && IsChanged(index),
            _ => true,
        };
    }

    private readonly bool Test(int group, int index) => (Bits[(group * Info.BitWords) + (index >> 6)] & Bit(index)) != 0UL;

    private readonly void Assign(int group, int index, bool on)
    {
        ref var word = ref Word(group, index);
        word = on ? word | Bit(index) : word & ~Bit(index);
    }

    private readonly void Mark(int index, bool present)
    {
        Assign(Present, index, present);
        Word(Changed, index) |= Bit(index);
    }
}
