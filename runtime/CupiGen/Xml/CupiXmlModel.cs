using System.Xml;

namespace CupiGen;

/// <summary>
/// Reads and writes any generated model as CUPI XML from its <see cref="CupiModelInfo"/> alone.
/// </summary>
internal static class CupiXmlModel
{
    // The reader is on the object's start element; it is left just past its end.
    public static T Read<T>(XmlReader reader) where T : class, ICupiModel<T>
    {
        var result = T.CreateEmpty();
        if (!CupiXml.EnterElement(reader))
        {
            return result;
        }

        ref var store = ref result.FieldStore;
        var fields = store.Info.Fields;
        while (CupiXml.NextField(reader))
        {
            var index = store.Info.ReadIndex(reader.LocalName);
            if (index < 0)
            {
                CupiXml.ReadUnknown(reader, ref store.Additional);
                continue;
            }

            var field = fields[index];
            var bit = CupiFieldStore.Bit(index);
            switch (field.Kind)
            {
                case CupiFieldKind.String:
                    store.Texts[field.Slot] = CupiXml.ReadString(reader, field.WireName);
                    break;
                case CupiFieldKind.Boolean:
                    CupiXml.ReadBoolean(reader, field.WireName, ref store.HasValueWord(index), ref store.TrueWord(index), bit);
                    break;
                default:
                    CupiXml.ReadInt32(reader, field.WireName, ref store.Numbers[field.Slot], ref store.HasValueWord(index), bit);
                    break;
            }

            store.MarkReceived(index);
        }

        return result;
    }

    public static void Write(CupiXmlWriter writer, in CupiFieldStore store, CupiWriteMode mode)
    {
        var info = store.Info;
        writer.WriteStartElement(info.ElementXmlName);
        var fields = info.Fields;
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
                    writer.WriteString(field.XmlName, store.Texts[field.Slot]);
                    break;
                case CupiFieldKind.Boolean:
                    writer.WriteBoolean(field.XmlName, store.GetBoolean(i));
                    break;
                default:
                    writer.WriteInt32(field.XmlName, store.GetInt32(i, field.Slot));
                    break;
            }
        }

        writer.WriteAdditional(store.Additional, mode);
        writer.WriteEndElement(info.ElementXmlName);
    }
}
