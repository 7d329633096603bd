using System.Text.Json;

namespace CupiGen;

/// <summary>Reads and writes any generated model as CUPI JSON from its <see cref="CupiModelInfo"/> alone.</summary>
internal static class CupiJsonModel
{
    // The reader is on the object's StartObject; it is left on the matching EndObject.
    public static T Read<T>(ref Utf8JsonReader reader) where T : class, ICupiModel<T>
    {
        var result = T.CreateEmpty();
        ReadInto(result, ref reader);
        return result;
    }

    // The same loop for a model known only by its table (CupiTableSerializer): one reader for both.
    public static void ReadInto(ICupiModel result, ref Utf8JsonReader reader)
    {
        var values = new CupiValues(result);
        var info = values.Info;
        while (CupiJson.NextProperty(ref reader))
        {
            var index = info.ReadIndex(CupiJson.PropertyName(ref reader));
            if (index < 0)
            {
                CupiJson.ReadUnknown(ref reader, ref values.Store.Additional);
                continue;
            }

            var field = info.FieldArray[index];
            switch (field.ValueKind)
            {
                case CupiFieldKind.String:
                    values.ReadText(index, CupiJson.ReadString(ref reader, field.Wire));
                    break;
                case CupiFieldKind.Boolean:
                    values.ReadBoolean(index, CupiJson.ReadBoolean(ref reader, field.Wire));
                    break;
                default:
                    values.ReadInt32(index, CupiJson.ReadInt32(ref reader, field.Wire));
                    break;
            }
        }

    }

    // The fast path for a flat object of plain strings (what servers send); null hands the document to Read.
    public static T? ReadFields<T>(ref CupiJsonFields members) where T : class, ICupiModel<T>
    {
        var result = T.CreateEmpty();
        var values = new CupiValues(result);
        var info = values.Info;
        while (members.Next(out var name, out var value))
        {
            var index = info.ReadIndex(name);
            if (index < 0)
            {
                return null;
            }

            switch (info.FieldArray[index].ValueKind)
            {
                case CupiFieldKind.String:
                    if (CupiJsonFields.Text(value) is not { } text)
                    {
                        return null;
                    }

                    values.ReadText(index, text);
                    break;
                case CupiFieldKind.Boolean:
                    if (!CupiText.TryBoolean(value, out var flag))
                    {
                        return null;
                    }

                    values.ReadBoolean(index, flag);
                    break;
                default:
                    if (!CupiJsonFields.TryInt32(value, out var number))
                    {
                        return null;
                    }

                    values.ReadInt32(index, number);
                    break;
            }
        }

        return members.Completed ? result : null;
    }

    public static void Write(CupiJsonWriter writer, ICupiModel model, CupiWriteMode mode)
    {
        var values = new CupiValues(model);
        writer.WriteStartObject();
        values.WriteSelected(writer, mode);
        writer.WriteAdditional(values.Store.Additional, mode);
        writer.WriteEndObject();
    }
}
