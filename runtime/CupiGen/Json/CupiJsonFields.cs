using System;
using System.Buffers.Text;
using System.ComponentModel;
using System.Text;

namespace CupiGen;

/// <summary>
/// The fast path of reading one CUPI JSON object: a flat object whose members are all plain strings
/// (<c>{"Name": "value", …}</c>, no escapes), which is what CUPI servers send. Generated models take the
/// members one by one and give up (<see langword="false"/>/<see langword="null"/>) on anything else: an
/// unknown member, a value that does not convert. Whatever the fast path does not take, the full reader
/// (<see cref="System.Text.Json.Utf8JsonReader"/>) reads from the start, so results and errors are the same.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct CupiJsonFields
{
    private readonly ReadOnlySpan<byte> _json;
    private int _at;
    private bool _started;
    private bool _ended;

    // Reading an object inside a list: its closing brace ends the object, not the document.
    private bool _nested;

    internal CupiJsonFields(ReadOnlySpan<byte> json)
    {
        _json = json;
        _at = 0;
        _started = false;
        _ended = false;
        _nested = false;
    }

    /// <summary>True once the closing brace and only white space after it were read: the whole document was taken.</summary>
    public readonly bool Completed => _ended;

    /// <summary>Moves to the next member; <see langword="false"/> at the end of the object or when the document leaves the fast path.</summary>
    /// <param name="name">The member name (raw UTF-8, no escapes).</param>
    /// <param name="value">The string value's content (raw UTF-8, no escapes, valid UTF-8 not yet checked).</param>
    /// <returns>Whether a member was read.</returns>
    public bool Next(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = default;
        value = default;
        if (_ended)
        {
            return false;
        }

        var json = _json;
        var at = Skip(json, _at);
        if (!_started)
        {
            _started = true;
            if ((uint)at >= (uint)json.Length || json[at] != (byte)'{')
            {
                return false;
            }

            at = Skip(json, at + 1);
            if ((uint)at < (uint)json.Length && json[at] == (byte)'}')
            {
                return End(at + 1);
            }
        }
        else
        {
            if ((uint)at >= (uint)json.Length)
            {
                return false;
            }

            if (json[at] == (byte)'}')
            {
                return End(at + 1);
            }

            if (json[at] != (byte)',')
            {
                return false;
            }

            at = Skip(json, at + 1);
        }

        // "name"
        if ((uint)at >= (uint)json.Length || json[at] != (byte)'"')
        {
            return false;
        }

        var rest = json[(at + 1)..];
        var end = IndexOfStringStop(rest);
        if (end < 0 || rest[end] != (byte)'"')
        {
            return false;
        }

        name = rest[..end];
        at = Skip(json, at + end + 2);

        // :
        if ((uint)at >= (uint)json.Length || json[at] != (byte)':')
        {
            return false;
        }

        // "value"
        at = Skip(json, at + 1);
        if ((uint)at >= (uint)json.Length || json[at] != (byte)'"')
        {
            return false;
        }

        rest = json[(at + 1)..];
        end = IndexOfStringStop(rest);
        if (end < 0 || rest[end] != (byte)'"')
        {
            return false;
        }

        value = rest[..end];
        _at = at + end + 2;
        return true;
    }

    /// <summary>A text value, as <see cref="CupiJson.ReadString"/> reads it (white space trimmed); <see langword="null"/> if it is not valid UTF-8.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The text, or null to leave the fast path.</returns>
    public static string? Text(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (Ascii.IsValid(value))
        {
            // ASCII widens as Latin-1 (one pass, no validation); without white space at either end there is nothing to trim.
            var text = Encoding.Latin1.GetString(value);
            return value[0] > (byte)' ' && value[^1] > (byte)' ' ? text : text.Trim();
        }

        return System.Text.Unicode.Utf8.IsValid(value) ? Encoding.UTF8.GetString(value).Trim() : null;
    }

    /// <summary>An integer (or enum) value, as <see cref="CupiJson.ReadInt32(ref System.Text.Json.Utf8JsonReader, string)"/> reads it: empty is no value.</summary>
    /// <param name="text">The raw value.</param>
    /// <param name="value">The value, or null for an empty one.</param>
    /// <returns>False when the value is not an integer (the full reader then reports it).</returns>
    internal static bool TryInt32(ReadOnlySpan<byte> text, out int? value)
    {
        text = CupiText.TrimAscii(text);
        value = null;
        if (text.IsEmpty)
        {
            return true;
        }

        if (Utf8Parser.TryParse(text, out int number, out var consumed) && consumed == text.Length)
        {
            value = number;
            return true;
        }

        return false;
    }

    // The first byte that ends a plain string's content: the closing quote, an escape, or a control character.
    // Two vectorized scans of fixed values, not SearchValues: SearchValues' vector code is compiled at start-up,
    // where it was most of a first read's cost (benchmarks/RESULTS.md, "Cold start").
    private static int IndexOfStringStop(ReadOnlySpan<byte> text)
    {
        var end = text.IndexOfAny((byte)'"', (byte)'\\');
        var control = (end < 0 ? text : text[..end]).IndexOfAnyInRange((byte)0, (byte)0x1F);
        return control >= 0 ? control : end;
    }

    private static int Skip(ReadOnlySpan<byte> json, int at)
    {
        while ((uint)at < (uint)json.Length && CupiText.IsSpace(json[at]))
        {
            at++;
        }

        return at;
    }

    private bool End(int at)
    {
        _at = at;
        _ended = _nested || Skip(_json, at) == _json.Length;
        return false;
    }

    // ------------------------------------------------------------------ the list document around the objects

    /// <summary>The next non-space byte (0 at the end).</summary>
    internal byte Peek()
    {
        _at = Skip(_json, _at);
        return _at < _json.Length ? _json[_at] : (byte)0;
    }

    /// <summary>Consumes the byte <see cref="Peek"/> returned.</summary>
    internal void Advance() => _at++;

    /// <summary>Prepares to read one object of a list (the reader is on its '{').</summary>
    internal void BeginObject()
    {
        _started = false;
        _ended = false;
        _nested = true;
    }

    /// <summary>Whether only white space is left.</summary>
    internal bool AtEnd() => Skip(_json, _at) == _json.Length;

    /// <summary>A member name and its ':' (after a ',' unless <paramref name="first"/>); <paramref name="end"/> when the object closes instead.</summary>
    internal bool Member(bool first, out ReadOnlySpan<byte> name, out bool end)
    {
        name = default;
        end = false;
        var b = Peek();
        if (b == (byte)'}')
        {
            _at++;
            end = true;
            return true;
        }

        if (!first)
        {
            if (b != (byte)',')
            {
                return false;
            }

            _at++;
        }

        if (!StringToken(out name) || Peek() != (byte)':')
        {
            return false;
        }

        _at++;
        return true;
    }

    /// <summary>A plain string value.</summary>
    internal bool StringToken(out ReadOnlySpan<byte> content)
    {
        content = default;
        if (Peek() != (byte)'"')
        {
            return false;
        }

        var rest = _json[(_at + 1)..];
        var end = IndexOfStringStop(rest);
        if (end < 0 || rest[end] != (byte)'"')
        {
            return false;
        }

        content = rest[..end];
        _at += end + 2;
        return true;
    }
}
