using System;

namespace CupiGen;

// Scalar parsing shared by the JSON and XML readers, so both dialects accept exactly the same spellings.
internal static class CupiText
{
    public static ReadOnlySpan<byte> TrimAscii(ReadOnlySpan<byte> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    public static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        if (text.Length == 1 && (text[0] == (byte)'1' || text[0] == (byte)'0'))
        {
            value = text[0] == (byte)'1';
            return true;
        }

        if (EqualsIgnoreAsciiCase(text, "true"u8))
        {
            value = true;
            return true;
        }

        if (EqualsIgnoreAsciiCase(text, "false"u8))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>A boolean value as the fast paths read it: trimmed, empty is no value.</summary>
    /// <returns>False when the value is not a boolean (the full reader then reports it).</returns>
    public static bool TryBoolean(ReadOnlySpan<byte> text, out bool? value)
    {
        text = TrimAscii(text);
        value = null;
        if (text.IsEmpty)
        {
            return true;
        }

        if (!TryParseBoolean(text, out var flag))
        {
            return false;
        }

        value = flag;
        return true;
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        if (text is "1" or "0")
        {
            value = text[0] == '1';
            return true;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>White space in both dialects: space, tab, carriage return, line feed.</summary>
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool EqualsIgnoreAsciiCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lower)
    {
        if (text.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if ((text[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }
}
