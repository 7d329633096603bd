using System.Text.Json;

namespace CupiGen;

/// <summary>
/// Reads and writes any generated model as CUPI JSON from its <see cref="CupiModelInfo"/> alone.
/// </summary>
internal static class CupiJsonModel
{
    // The reader is on the object's StartObject; it is left on the matching EndObject.
    public static T Read<T>(ref Utf8JsonReader reader) where T : class, ICupiModel<T>
    {
        var result = T.CreateEmpty();
        ref var store = ref result.FieldStore;
        var fields = store.Info.Fields;
        while (CupiJson.NextProperty(ref reader))
        {
            var index = store.Info.ReadIndex(CupiJson.PropertyName(ref reader));
            if (index < 0)
            {
                CupiJson.ReadUnknown(ref reader, ref store.Additional);
                continue;
            }

            var field = fields[index];
            var bit = CupiFieldStore.Bit(index);
            switch (field.Kind)
            {
                case CupiFieldKind.String:
                    store.Texts[field.Slot] = CupiJson.ReadString(ref reader, field.WireName);
                    break;
                case CupiFieldKind.Boolean:
                    CupiJson.ReadBoolean(ref reader, field.WireName, ref store.HasValueWord(index), ref store.TrueWord(index), bit);
                    break;
                default:
                    CupiJson.ReadInt32(ref reader, field.WireName, ref store.Numbers[field.Slot], ref store.HasValueWord(index), bit);
                    break;
            }

            store.MarkReceived(index);
        }

        return result;
    }

    // The fast path for a flat object of plain strings (what servers send); null hands the document to Read.
    public static T? ReadFields<T>(ref CupiJsonFields members) where T : class, ICupiModel<T>
    {
        var result = T.CreateEmpty();
        ref var store = ref result.FieldStore;
        var fields = store.Info.Fields;
        while (members.Next(out var name, out var value))
        {
            var index = store.Info.ReadIndex(name);
            if (index < 0)
            {
                return null;
            }

            var field = fields[index];
            var bit = CupiFieldStore.Bit(index);
            switch (field.Kind)
            {
                case CupiFieldKind.String:
                    if ((store.Texts[field.Slot] = CupiJsonFields.Text(value)) is null)
                    {
                        return null;
                    }

                    break;
                case CupiFieldKind.Boolean:
                    if (!CupiJsonFields.Boolean(value, ref store.HasValueWord(index), ref store.TrueWord(index), bit))
                    {
                        return null;
                    }

                    break;
                default:
                    if (!CupiJsonFields.Int32(value, ref store.Numbers[field.Slot], ref store.HasValueWord(index), bit))
                    {
                        return null;
                    }

                    break;
            }

            store.MarkReceived(index);
        }

        return members.Completed ? result : null;
    }

    public static void Write(CupiJsonWriter writer, in CupiFieldStore store, CupiWriteMode mode)
    {
        writer.WriteStartObject();
        var fields = store.Info.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!store.Selects(field, mode))
            {
                continue;
            }

            switch (field.Kind)
            {
                case CupiFieldKind.String:
                    writer.WriteString(field.JsonName, store.Texts[field.Slot]);
                    break;
                case CupiFieldKind.Boolean:
                    writer.WriteBoolean(field.JsonName, store.GetBoolean(i));
                    break;
                default:
                    writer.WriteInt32(field.JsonName, store.GetInt32(i, field.Slot));
                    break;
            }
        }

        writer.WriteAdditional(store.Additional, mode);
        writer.WriteEndObject();
    }
}
