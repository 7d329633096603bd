using System.Xml;

namespace CupiGen;

/// <summary>Reads and writes any generated model as CUPI XML from its <see cref="CupiModelInfo"/> alone.</summary>
internal static class CupiXmlModel
{
    // The reader is on the object's start element; it is left just past its end.
    public static T Read<T>(XmlReader reader) where T : class, ICupiModel<T>
    {
        var result = T.CreateEmpty();
        ReadInto(result, reader);
        return result;
    }

    // The same loop for a model known only by its table (CupiTableSerializer): one reader for both.
    public static void ReadInto(ICupiModel result, XmlReader reader)
    {
        var objectDepth = reader.Depth;
        if (!CupiXml.EnterElement(reader))
        {
            return;
        }

        var values = new CupiValues(result);
        var info = values.Info;
        while (CupiXml.NextField(reader, objectDepth))
        {
            var index = info.ReadIndex(reader.LocalName);
            if (index < 0)
            {
                CupiXml.ReadUnknown(reader, ref values.Store.Additional, objectDepth);
                continue;
            }

            var field = info.FieldArray[index];
            switch (field.ValueKind)
            {
                case CupiFieldKind.String:
                    values.ReadText(index, CupiXml.ReadString(reader, field.Wire));
                    break;
                case CupiFieldKind.Boolean:
                    values.ReadBoolean(index, CupiXml.ReadBoolean(reader, field.Wire));
                    break;
                default:
                    values.ReadInt32(index, CupiXml.ReadInt32(reader, field.Wire));
                    break;
            }
        }

    }

    public static void Write(CupiXmlWriter writer, ICupiModel model, CupiWriteMode mode)
    {
        var values = new CupiValues(model);
        var info = values.Info;
        writer.WriteStartElement(info.ElementXmlName);
        values.WriteSelected(writer, mode);
        writer.WriteAdditional(values.Store.Additional, mode);
        writer.WriteEndElement(info.ElementXmlName);
    }
}
