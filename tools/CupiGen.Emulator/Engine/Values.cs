using System.Collections.Generic;

namespace CupiGen.Emulator.Engine;

/// <summary>A model's fields by table, as wire text: what the store, queries and state files work with.</summary>
internal static class Values
{
    public static string? Get(ICupiModel model, CupiFieldInfo field) => CupiTableSerializer.GetWireText(model, field);

    public static string? Get(ICupiModel model, string wireName) =>
        model.ModelInfo.FindField(wireName) is { } field ? Get(model, field) : null;

    /// <summary>Sets a field as if received; null removes it. Throws <see cref="CupiFormatException"/> for text the kind cannot hold.</summary>
    public static void Set(ICupiModel model, CupiFieldInfo field, string? text) => CupiTableSerializer.SetWireText(model, field, text);

    public static bool IsPresent(ICupiModel model, CupiFieldInfo field) => model.FieldStore.IsPresent(field.Index);

    /// <summary>A copy with the table's fields only (fields the schema does not know are dropped, as a server drops them).</summary>
    public static ICupiModel Copy(ICupiModel source)
    {
        var copy = source.ModelInfo.CreateInstance();
        foreach (var field in source.ModelInfo.Fields)
        {
            if (IsPresent(source, field))
            {
                Set(copy, field, Get(source, field) ?? string.Empty);
            }
        }

        copy.FieldStore.AcceptChanges();
        return copy;
    }

    /// <summary>Applies every field present in <paramref name="body"/> to <paramref name="target"/> as a change (what an update checks).</summary>
    public static void ApplyAsChanges(ICupiModel target, ICupiModel body)
    {
        ref var store = ref target.FieldStore;
        foreach (var field in body.ModelInfo.Fields)
        {
            var index = field.Index;
            if (!body.FieldStore.IsPresent(index))
            {
                continue;
            }

            switch (field.Kind)
            {
                case CupiFieldKind.String:
                    store.SetText(ref target.TextSlots[field.Slot], index, body.TextSlots[field.Slot] ?? string.Empty);
                    break;
                case CupiFieldKind.Boolean:
                    store.SetBoolean(index, body.FieldStore.GetBoolean(index));
                    break;
                default:
                    store.SetInt32(ref target.NumberSlots[field.Slot], index, body.FieldStore.GetInt32(index, body.NumberSlots[field.Slot]));
                    break;
            }
        }
    }

    /// <summary>Every present field as wire text, in table order.</summary>
    public static Dictionary<string, string> ToDictionary(ICupiModel model)
    {
        var fields = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var field in model.ModelInfo.Fields)
        {
            if (IsPresent(model, field))
            {
                fields[field.WireName] = Get(model, field) ?? string.Empty;
            }
        }

        return fields;
    }
}
