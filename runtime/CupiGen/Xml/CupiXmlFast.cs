using System;
using System.Text;

namespace CupiGen;

/// <summary>
/// The fast path of reading CUPI XML from UTF-8, as <see cref="CupiJsonFields"/> is for JSON: the shape servers
/// send (an optional UTF-8 declaration, the object or list element, known fields of plain text, no entities,
/// comments, CDATA, attributes other than the list's <c>total</c>, or unknown fields). Anything else, valid or not,
/// returns <see langword="null"/> and <see cref="System.Xml.XmlReader"/> reads the document from the start, so the
/// results and errors are the same as without the fast path. Every check here is a subset of what XmlReader
/// accepts: what the fast path takes, XmlReader reads the same.
/// </summary>
internal ref struct CupiXmlFast
{
    private readonly ReadOnlySpan<byte> _xml;
    private int _at;

    private CupiXmlFast(ReadOnlySpan<byte> xml)
    {
        _xml = xml;
        _at = 0;
    }

    /// <summary>One object, or null to hand the document to XmlReader.</summary>
    public static T? ReadObject<T>(ReadOnlySpan<byte> xml)
        where T : class, ICupiModel<T>
    {
        var cursor = new CupiXmlFast(xml);
        if (!cursor.Prolog() || !cursor.StartTag(T.Metadata.ElementXmlName, out var empty) || cursor.ReadBody<T>(empty) is not { } result)
        {
            return null;
        }

        return cursor.Epilog() ? result : null;
    }

    /// <summary>A list (or a bare object as a list of one, as the full reader takes it), or null to hand the document to XmlReader.</summary>
    public static CupiList<T>? ReadList<T>(ReadOnlySpan<byte> xml)
        where T : class, ICupiModel<T>
    {
        var cursor = new CupiXmlFast(xml);
        if (!cursor.Prolog())
        {
            return null;
        }

        var info = T.Metadata;
        var start = cursor._at;
        if (cursor.StartTag(info.ElementXmlName, out var bare))
        {
            return cursor.ReadBody<T>(bare) is { } single && cursor.Epilog() ? new CupiList<T>([single], 1) : null;
        }

        cursor._at = start;
        if (!cursor.ListStartTag(ListName<T>.Value, out var empty, out var total))
        {
            return null;
        }

        var items = new System.Collections.Generic.List<T>();
        if (!empty)
        {
            while (true)
            {
                cursor.SkipSpace();
                if (cursor.EndTag(ListName<T>.Value))
                {
                    break;
                }

                if (!cursor.StartTag(info.ElementXmlName, out var itemEmpty) || cursor.ReadBody<T>(itemEmpty) is not { } item)
                {
                    return null;
                }

                items.Add(item);
            }
        }

        return cursor.Epilog() ? new CupiList<T>([.. items], total ?? items.Count) : null;
    }

    // The fields of the object whose start tag was read, through its end tag.
    private T? ReadBody<T>(bool empty)
        where T : class, ICupiModel<T>
    {
        var result = T.CreateEmpty();
        if (empty)
        {
            return result;
        }

        var values = new CupiValues(result);
        var info = values.Info;
        while (true)
        {
            SkipSpace();
            if (EndTag(info.ElementXmlName))
            {
                return result;
            }

            if (!FieldStart(out var name, out var fieldEmpty))
            {
                return null;
            }

            var index = info.ReadIndex(name);
            if (index < 0)
            {
                return null;
            }

            var text = ReadOnlySpan<byte>.Empty;
            if (!fieldEmpty)
            {
                var rest = _xml[_at..];
                var stop = IndexOfTextStop(rest);
                if (stop < 0 || rest[stop] != (byte)'<')
                {
                    return null;
                }

                text = rest[..stop];
                _at += stop;
                if (!EndTag(name))
                {
                    return null;
                }
            }

            switch (info.FieldArray[index].ValueKind)
            {
                case CupiFieldKind.String:
                    if (Text(text) is not { } value)
                    {
                        return null;
                    }

                    values.ReadText(index, value);
                    break;
                case CupiFieldKind.Boolean:
                    if (!CupiText.TryBoolean(text, out var flag))
                    {
                        return null;
                    }

                    values.ReadBoolean(index, flag);
                    break;
                default:
                    text = CupiText.TrimAscii(text);
                    if (text.IsEmpty)
                    {
                        values.ReadInt32(index, null);
                    }
                    else if (TryInt32(text, out var number))
                    {
                        values.ReadInt32(index, number);
                    }
                    else
                    {
                        return null;
                    }

                    break;
            }
        }
    }

    // Text as CupiXml.ReadString gives it (trimmed); null when it is not valid UTF-8 or holds a character XML refuses.
    private static string? Text(ReadOnlySpan<byte> text)
    {
        if (Ascii.IsValid(text))
        {
            return Encoding.Latin1.GetString(CupiText.TrimAscii(text));
        }

        // U+FFFE and U+FFFF are not XML characters (EF BF BE, EF BF BF); everything else valid UTF-8 is.
        if (!System.Text.Unicode.Utf8.IsValid(text) || text.IndexOf((ReadOnlySpan<byte>)[0xEF, 0xBF, 0xBE]) >= 0 || text.IndexOf((ReadOnlySpan<byte>)[0xEF, 0xBF, 0xBF]) >= 0)
        {
            return null;
        }

        return Encoding.UTF8.GetString(text).Trim();
    }

    // int.TryParse with AllowLeadingSign, for ASCII digits only; anything else goes to the full reader.
    private static bool TryInt32(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        var negative = text[0] == (byte)'-';
        var i = text[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (i == text.Length)
        {
            return false;
        }

        long number = 0;
        for (; i < text.Length; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
            if (number > 2147483648L)
            {
                return false;
            }
        }

        number = negative ? -number : number;
        if (number > int.MaxValue)
        {
            return false;
        }

        value = (int)number;
        return true;
    }

    // The first byte that ends plain text content: markup, an entity, ']' (for "]]>", which content may not hold),
    // a carriage return (XmlReader normalizes it) or a control character XML 1.0 does not allow. Vectorized scans
    // of fixed values, not SearchValues: SearchValues' vector code is compiled at start-up, where it was most of a
    // first read's cost (benchmarks/RESULTS.md, "Cold start").
    private static int IndexOfTextStop(ReadOnlySpan<byte> text)
    {
        var end = text.IndexOfAny((byte)'<', (byte)'&', (byte)']');
        var plain = end < 0 ? text : text[..end];
        for (var at = 0; ;)
        {
            var control = plain[at..].IndexOfAnyInRange((byte)0, (byte)0x1F);
            if (control < 0)
            {
                return end;
            }

            at += control;
            if (plain[at] is not ((byte)'\t' or (byte)'\n'))
            {
                return at;
            }

            at++;
        }
    }

    // The first byte that ends an element name in a tag.
    private static int IndexOfNameStop(ReadOnlySpan<byte> tag)
    {
        for (var i = 0; i < tag.Length; i++)
        {
            if (tag[i] is (byte)'/' or (byte)'>' || CupiText.IsSpace(tag[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void SkipSpace()
    {
        while (_at < _xml.Length && CupiText.IsSpace(_xml[_at]))
        {
            _at++;
        }
    }

    private readonly bool At(ReadOnlySpan<byte> text) => _xml[_at..].StartsWith(text);

    // An optional byte order mark and XML declaration (version 1.0, UTF-8, standalone), then white space.
    private bool Prolog()
    {
        if (At([0xEF, 0xBB, 0xBF]))
        {
            _at += 3;
        }

        if (At("<?xml"u8))
        {
            _at += 5;
            if (!PseudoAttribute("version"u8, out var version) || !version.SequenceEqual("1.0"u8))
            {
                return false;
            }

            if (PseudoAttribute("encoding"u8, out var encoding) && !Ascii.EqualsIgnoreCase(encoding, "utf-8"u8))
            {
                return false;
            }

            if (PseudoAttribute("standalone"u8, out var standalone) && !standalone.SequenceEqual("yes"u8) && !standalone.SequenceEqual("no"u8))
            {
                return false;
            }

            SkipSpace();
            if (!At("?>"u8))
            {
                return false;
            }

            _at += 2;
        }

        SkipSpace();
        return _at < _xml.Length && _xml[_at] == (byte)'<';
    }

    // ' name="value"' in the declaration; false (and nothing read) when the next one is not that name.
    private bool PseudoAttribute(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var start = _at;
        var spaced = _at < _xml.Length && CupiText.IsSpace(_xml[_at]);
        SkipSpace();
        if (!spaced || !At(name))
        {
            _at = start;
            return false;
        }

        _at += name.Length;
        SkipSpace();
        if (!At("="u8))
        {
            _at = start;
            return false;
        }

        _at++;
        SkipSpace();
        if (_at >= _xml.Length || _xml[_at] is not ((byte)'"' or (byte)'\''))
        {
            _at = start;
            return false;
        }

        var quote = _xml[_at];
        var end = _xml[(_at + 1)..].IndexOf(quote);
        if (end < 0)
        {
            _at = start;
            return false;
        }

        value = _xml.Slice(_at + 1, end);
        _at += end + 2;
        return true;
    }

    // Only white space after the root element.
    private bool Epilog()
    {
        SkipSpace();
        return _at == _xml.Length;
    }

    // '<Name>', '<Name >', '<Name/>' or '<Name />' for exactly this name.
    private bool StartTag(ReadOnlySpan<byte> name, out bool empty)
    {
        empty = false;
        if (!At("<"u8) || !_xml[(_at + 1)..].StartsWith(name))
        {
            return false;
        }

        _at += 1 + name.Length;
        return TagEnd(out empty);
    }

    // The list's start tag, with an optional total="n" (digits only; anything else is the full reader's to judge).
    private bool ListStartTag(ReadOnlySpan<byte> name, out bool empty, out int? total)
    {
        total = null;
        empty = false;
        if (!At("<"u8) || !_xml[(_at + 1)..].StartsWith(name))
        {
            return false;
        }

        _at += 1 + name.Length;
        var spaced = _at < _xml.Length && CupiText.IsSpace(_xml[_at]);
        SkipSpace();
        if (spaced && At("total"u8))
        {
            _at += 5;
            SkipSpace();
            if (!At("="u8))
            {
                return false;
            }

            _at++;
            SkipSpace();
            if (_at >= _xml.Length || _xml[_at] is not ((byte)'"' or (byte)'\''))
            {
                return false;
            }

            var quote = _xml[_at];
            var end = _xml[(_at + 1)..].IndexOf(quote);
            if (end <= 0 || end > 9)
            {
                return false;
            }

            var digits = _xml.Slice(_at + 1, end);
            var value = 0;
            foreach (var b in digits)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                value = (value * 10) + (b - '0');
            }

            total = value;
            _at += end + 2;
        }

        return TagEnd(out empty);
    }

    // After a tag's name: white space, then '>' or '/>'.
    private bool TagEnd(out bool empty)
    {
        empty = false;
        SkipSpace();
        if (At(">"u8))
        {
            _at++;
            return true;
        }

        if (At("/>"u8))
        {
            _at += 2;
            empty = true;
            return true;
        }

        return false;
    }

    // A field's start tag: its name (up to white space, '/' or '>') and whether it is empty.
    private bool FieldStart(out ReadOnlySpan<byte> name, out bool empty)
    {
        name = default;
        empty = false;
        if (!At("<"u8))
        {
            return false;
        }

        var rest = _xml[(_at + 1)..];
        var end = IndexOfNameStop(rest);
        if (end <= 0)
        {
            return false;
        }

        name = rest[..end];
        _at += 1 + end;
        return TagEnd(out empty);
    }

    // '</Name>' or '</Name >' for exactly this name.
    private bool EndTag(ReadOnlySpan<byte> name)
    {
        var start = _at;
        if (!At("</"u8) || !_xml[(_at + 2)..].StartsWith(name))
        {
            return false;
        }

        _at += 2 + name.Length;
        SkipSpace();
        if (At(">"u8))
        {
            _at++;
            return true;
        }

        _at = start;
        return false;
    }

    // The list element's name as the writer writes it, per model type.
    private static class ListName<T>
        where T : class, ICupiModel<T>
    {
        public static readonly byte[] Value = CupiXmlWriter.EncodeName(T.ListElementName);
    }
}
