namespace CupiGen;

/// <summary>
/// The one rule for a wire name (the XML element name and JSON property name of a field, alias or resource): a
/// non-colonized XML name (NCName) as .NET's own XML stack defines its characters, not starting with "xml" in any
/// case. Shared source: the generator compiles this file too (netstandard2.0), so a schema name the runtime's
/// XmlWriter or XmlReader would refuse is reported at its schema line and column instead of failing in ToXml.
/// </summary>
/// <remarks>
/// The characters come from <see cref="System.Xml.XmlConvert"/>, not from a hand-written table: .NET classifies
/// name characters by XML 1.0 fourth edition (Appendix B), so some letters the fifth edition allows (U+0132 'Ĳ',
/// characters outside the BMP) are refused by XmlWriter, and a fifth-edition table would let them through to
/// fail at run time. A ':' would need a namespace prefix, which CUPI does not use. Names starting with "xml" are
/// reserved by the XML specification. Every such name is also a safe JSON property name: no control characters,
/// quotes, backslashes or surrogates.
/// </remarks>
internal static class CupiWireNames
{
    /// <summary>Whether <paramref name="name"/> is a usable wire name.</summary>
    public static bool IsValidWireName(string? name) => Problem(name) is null;

    /// <summary>Why <paramref name="name"/> is not a usable wire name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (name is null || name.Length == 0)
        {
            return "a wire name cannot be empty";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsSurrogate(c))
            {
                return i + 1 < name.Length && char.IsHighSurrogate(c) && char.IsLowSurrogate(name[i + 1])
                    ? $"the character at position {i} is outside the Basic Multilingual Plane, which .NET's XmlWriter refuses in names"
                    : $"it has an unpaired surrogate at position {i}";
            }

            if (c == ':')
            {
                return "':' would make it a namespace-prefixed XML name";
            }

            if (i == 0 ? !System.Xml.XmlConvert.IsStartNCNameChar(c) : !System.Xml.XmlConvert.IsNCNameChar(c))
            {
                var shown = char.IsWhiteSpace(c) || char.IsControl(c)
                    ? "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)
                    : "'" + c + "'";
                return i == 0
                    ? $"an XML name cannot start with {shown}"
                    : $"{shown} (at position {i}) is not allowed in an XML name";
            }
        }

        if (name.Length >= 3 &&
            (name[0] | 0x20) == 'x' && (name[1] | 0x20) == 'm' && (name[2] | 0x20) == 'l')
        {
            return "XML reserves names starting with 'xml' in any case";
        }

        return null;
    }
}
