using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace CupiGen;

/// <summary>
/// Reads and writes a model known only by its <see cref="CupiModelInfo"/>, for code that serves models it was
/// handed at run time (the CUPI emulator) rather than types it was compiled against. The same readers and writers
/// as <see cref="CupiSerializer"/>, so the dialect cannot differ; no reflection.
/// </summary>
/// <remarks>Every failure to read is a <see cref="CupiFormatException"/> that names the field and position.</remarks>
public static class CupiTableSerializer
{
    /// <summary>Reads one object of the model from UTF-8 JSON.</summary>
    /// <param name="info">The model's table.</param>
    /// <param name="utf8Json">The document.</param>
    /// <returns>A new instance with the fields the document carries present (received, not changed).</returns>
    public static ICupiModel FromJson(CupiModelInfo info, ReadOnlySpan<byte> utf8Json)
    {
        ArgumentNullException.ThrowIfNull(info);
        return CupiSerializer.FromJson(info, utf8Json);
    }

    /// <summary>Reads one object of the model from UTF-8 XML (DTDs prohibited, depth and size bounded).</summary>
    /// <param name="info">The model's table.</param>
    /// <param name="utf8Xml">The document.</param>
    /// <returns>A new instance with the fields the document carries present (received, not changed).</returns>
    public static ICupiModel FromXml(CupiModelInfo info, ReadOnlySpan<byte> utf8Xml)
    {
        ArgumentNullException.ThrowIfNull(info);
        return CupiSerializer.FromXml(info, utf8Xml);
    }

    /// <summary>Writes one object as JSON.</summary>
    /// <param name="model">The object.</param>
    /// <param name="mode">Which fields to write.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(ICupiModel model, CupiWriteMode mode = CupiWriteMode.Everything) =>
        CupiSerializer.ToJsonText(model, mode);

    /// <summary>Writes one object as XML (no declaration).</summary>
    /// <param name="model">The object.</param>
    /// <param name="mode">Which fields to write.</param>
    /// <returns>The XML text.</returns>
    public static string ToXml(ICupiModel model, CupiWriteMode mode = CupiWriteMode.Everything) =>
        CupiSerializer.ToXmlText(model, mode);

    /// <summary>Writes a list in CUPI's JSON shape: <c>@total</c>, then the objects (a single object for a list of one).</summary>
    /// <param name="info">The objects' table.</param>
    /// <param name="items">The objects of this page.</param>
    /// <param name="total">The number of objects in every page.</param>
    /// <returns>The JSON text.</returns>
    public static string ListToJson(CupiModelInfo info, IReadOnlyList<ICupiModel> items, int total)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(items);
        return CupiSerializer.ListToJson(info.ElementJsonName, items, total);
    }

    /// <summary>Writes a list in CUPI's XML shape: <c>&lt;PortGroups total="n"&gt;…&lt;/PortGroups&gt;</c>.</summary>
    /// <param name="info">The objects' table.</param>
    /// <param name="items">The objects of this page.</param>
    /// <param name="total">The number of objects in every page.</param>
    /// <returns>The XML text (no declaration).</returns>
    public static string ListToXml(CupiModelInfo info, IReadOnlyList<ICupiModel> items, int total)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(items);
        return CupiSerializer.ListToXml(info.ListElementXmlName, items, total);
    }

    /// <summary>A field's value as the wire carries it (<c>true</c>, <c>5061</c>, text), or null when it has none.</summary>
    /// <param name="model">The object.</param>
    /// <param name="field">One of its table's fields.</param>
    /// <returns>The text, or null when the field is absent or empty.</returns>
    public static string? GetWireText(ICupiModel model, CupiFieldInfo field)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(field);
        var values = new CupiValues(model);
        return values.IsPresent(field.FieldIndex) ? values.WireText(field) : null;
    }

    /// <summary>
    /// Gives a field a value from its wire text as if it had been received (present, not changed), read as the
    /// readers read it (<c>true</c>/<c>1</c>, <c>" 5 "</c>; empty text is present but empty), or makes it absent with null.
    /// </summary>
    /// <param name="model">The object.</param>
    /// <param name="field">One of its table's fields.</param>
    /// <param name="text">The wire text, or null.</param>
    /// <exception cref="CupiFormatException">The text is not a value of the field's kind.</exception>
    public static void SetWireText(ICupiModel model, CupiFieldInfo field, string? text)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(field);
        var index = field.FieldIndex;
        if (text is null)
        {
            ref var store = ref model.FieldStore;
            switch (field.ValueKind)
            {
                case CupiFieldKind.String:
                    store.SetText(ref model.TextSlots[field.StorageSlot], index, null);
                    break;
                case CupiFieldKind.Boolean:
                    store.SetBoolean(index, null);
                    break;
                default:
                    store.SetInt32(ref model.NumberSlots[field.StorageSlot], index, null);
                    break;
            }

            return;
        }

        var values = new CupiValues(model);
        var trimmed = text.AsSpan().Trim();
        switch (field.ValueKind)
        {
            case CupiFieldKind.String:
                values.ReadText(index, text);
                break;
            case CupiFieldKind.Boolean:
                if (trimmed.IsEmpty)
                {
                    values.ReadBoolean(index, null);
                }
                else if (CupiText.TryParseBoolean(trimmed, out var flag))
                {
                    values.ReadBoolean(index, flag);
                }
                else
                {
                    throw new CupiFormatException(CupiWireFormat.Json, field.Wire, $"'{text}' is not a boolean (expected true, false, 1 or 0)", 0, 0);
                }

                break;
            default:
                if (trimmed.IsEmpty)
                {
                    values.ReadInt32(index, null);
                }
                else if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    values.ReadInt32(index, number);
                }
                else
                {
                    throw new CupiFormatException(CupiWireFormat.Json, field.Wire, $"'{text}' is not an integer", 0, 0);
                }

                break;
        }
    }
}
