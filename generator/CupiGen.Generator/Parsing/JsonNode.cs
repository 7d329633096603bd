using System;
using System.Collections.Generic;
using System.Globalization;

namespace CupiGen.Generator.Parsing;

/// <summary>The kind of a JSON value.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// An immutable JSON value together with its position in the source text.
/// Offsets are UTF-16 char offsets into the exact string given to <see cref="JsonParser.Parse"/>
/// (a skipped leading BOM still counts as offset 0).
/// </summary>
internal sealed class JsonNode
{
    private static readonly IReadOnlyList<JsonProperty> NoProperties = Array.Empty<JsonProperty>();
    private static readonly IReadOnlyList<JsonNode> NoItems = Array.Empty<JsonNode>();

    private JsonNode(
        JsonKind kind,
        int start,
        int end,
        string? stringValue,
        IReadOnlyList<JsonProperty> properties,
        IReadOnlyList<JsonNode> items)
    {
        Kind = kind;
        Start = start;
        End = end;
        StringValue = stringValue;
        Properties = properties;
        Items = items;
    }

    public JsonKind Kind { get; }

    /// <summary>Offset of the value's first character.</summary>
    public int Start { get; }

    /// <summary>Offset just past the value's last character.</summary>
    public int End { get; }

    /// <summary>The unescaped text of a string, or the raw text of a number; otherwise null.</summary>
    public string? StringValue { get; }

    /// <summary>The members of an object in document order (duplicate names are kept); empty otherwise.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>The items of an array; empty otherwise.</summary>
    public IReadOnlyList<JsonNode> Items { get; }

    /// <summary>A lower-case name of the kind, as JSON Schema spells types: for messages.</summary>
    public string KindName => GetKindName(Kind);

    public static string GetKindName(JsonKind kind) => kind switch
    {
        JsonKind.Object => "object",
        JsonKind.Array => "array",
        JsonKind.String => "string",
        JsonKind.Number => "number",
        JsonKind.True => "boolean",
        JsonKind.False => "boolean",
        _ => "null",
    };

    internal static JsonNode CreateObject(int start, int end, IReadOnlyList<JsonProperty> properties) =>
        new JsonNode(JsonKind.Object, start, end, null, properties.Count == 0 ? NoProperties : properties, NoItems);

    internal static JsonNode CreateArray(int start, int end, IReadOnlyList<JsonNode> items) =>
        new JsonNode(JsonKind.Array, start, end, null, NoProperties, items.Count == 0 ? NoItems : items);

    internal static JsonNode CreateString(int start, int end, string value) =>
        new JsonNode(JsonKind.String, start, end, value, NoProperties, NoItems);

    internal static JsonNode CreateNumber(int start, int end, string rawText) =>
        new JsonNode(JsonKind.Number, start, end, rawText, NoProperties, NoItems);

    /// <summary>Creates a <c>true</c>, <c>false</c> or <c>null</c> literal.</summary>
    internal static JsonNode CreateLiteral(JsonKind kind, int start, int end) =>
        new JsonNode(kind, start, end, null, NoProperties, NoItems);

    /// <summary>The first property with exactly (ordinally) that name, or null. Always null for non-objects.</summary>
    public JsonProperty? GetProperty(string name)
    {
        IReadOnlyList<JsonProperty> properties = Properties;
        for (int i = 0; i < properties.Count; i++)
        {
            if (string.Equals(properties[i].Name, name, StringComparison.Ordinal))
            {
                return properties[i];
            }
        }

        return null;
    }

    /// <summary>
    /// True if this is a number whose exact mathematical value is an integer in the range of <see cref="int"/>
    /// ("5", "-7", "1e2", "3.0" qualify; "5.5" and "2147483648" do not).
    /// </summary>
    public bool TryGetInt32(out int value)
    {
        if (TryGetInt64(out long wide) && wide >= int.MinValue && wide <= int.MaxValue)
        {
            value = (int)wide;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// True if this is a number whose exact mathematical value is an integer in the range of <see cref="long"/>.
    /// The decision is made on the decimal text, so it is exact (no floating-point rounding).
    /// </summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Kind != JsonKind.Number || StringValue is null || StringValue.Length == 0)
        {
            return false;
        }

        string text = StringValue;
        int i = 0;
        bool negative = false;
        if (text[0] == '-')
        {
            negative = true;
            i++;
        }

        int integerStart = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        int integerEnd = i;
        int fractionStart = i;
        int fractionEnd = i;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionStart = i;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }

            fractionEnd = i;
        }

        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            bool exponentNegative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                exponentNegative = text[i] == '-';
                i++;
            }

            while (i < text.Length && IsDigit(text[i]))
            {
                // Saturate: any exponent this large already decides the answer.
                if (exponent < 1_000_000_000_000_000L)
                {
                    exponent = (exponent * 10) + (text[i] - '0');
                }

                i++;
            }

            if (exponentNegative)
            {
                exponent = -exponent;
            }
        }

        if (i != text.Length || integerEnd == integerStart)
        {
            return false; // Not produced by the parser; be defensive.
        }

        // The value is digits(integer ++ fraction) * 10^(exponent - fractionLength).
        string digits = text.Substring(integerStart, integerEnd - integerStart)
            + text.Substring(fractionStart, fractionEnd - fractionStart);
        int first = 0;
        while (first < digits.Length && digits[first] == '0')
        {
            first++;
        }

        if (first == digits.Length)
        {
            return true; // Zero (including "-0", "0.000", "0e99").
        }

        int last = digits.Length - 1;
        while (digits[last] == '0')
        {
            last--;
        }

        long scale = exponent - (fractionEnd - fractionStart) + (digits.Length - 1 - last);
        if (scale < 0)
        {
            return false; // Has a non-zero fractional part.
        }

        int significantCount = last - first + 1;
        if (significantCount + scale > 19)
        {
            return false; // At least 10^19: beyond long.
        }

        // At most 19 decimal digits: always fits in ulong.
        ulong magnitude = 0;
        for (int k = first; k <= last; k++)
        {
            magnitude = (magnitude * 10) + (ulong)(digits[k] - '0');
        }

        for (long k = 0; k < scale; k++)
        {
            magnitude *= 10;
        }

        if (negative)
        {
            if (magnitude > 9_223_372_036_854_775_808UL)
            {
                return false;
            }

            value = magnitude == 9_223_372_036_854_775_808UL ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>True if this is a number representable as a finite <see cref="double"/> (parsed with the invariant culture).</summary>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (Kind != JsonKind.Number || StringValue is null)
        {
            return false;
        }

        if (!double.TryParse(StringValue, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
            || double.IsNaN(parsed)
            || double.IsInfinity(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    public override string ToString() => Kind switch
    {
        JsonKind.String => "string \"" + StringValue + "\" @" + Start.ToString(CultureInfo.InvariantCulture),
        JsonKind.Number => "number " + StringValue + " @" + Start.ToString(CultureInfo.InvariantCulture),
        _ => KindName + " @" + Start.ToString(CultureInfo.InvariantCulture),
    };

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}

/// <summary>One member of a JSON object.</summary>
internal sealed class JsonProperty
{
    internal JsonProperty(string name, int nameStart, int nameEnd, JsonNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameEnd = nameEnd;
        Value = value;
    }

    /// <summary>The unescaped property name.</summary>
    public string Name { get; }

    /// <summary>Offset of the opening quote of the name.</summary>
    public int NameStart { get; }

    /// <summary>Offset just past the closing quote of the name.</summary>
    public int NameEnd { get; }

    public JsonNode Value { get; }

    public override string ToString() => "\"" + Name + "\": " + Value;
}

/// <summary>A syntax error found by <see cref="JsonParser"/>.</summary>
internal sealed class JsonSyntaxError
{
    internal JsonSyntaxError(string message, int offset, int length)
    {
        Message = message;
        Offset = offset < 0 ? 0 : offset;
        Length = length < 0 ? 0 : length;
    }

    public string Message { get; }

    /// <summary>Char offset of the problem; the text length for an unexpected end of text.</summary>
    public int Offset { get; }

    /// <summary>Length of the offending span; 0 at the end of the text, 1 for a single offending char.</summary>
    public int Length { get; }

    public override string ToString() => Message + " (offset " + Offset.ToString(CultureInfo.InvariantCulture) + ")";
}

/// <summary>The outcome of <see cref="JsonParser.Parse"/>: exactly one of <see cref="Root"/> and <see cref="Error"/> is non-null.</summary>
internal readonly struct JsonParseResult
{
    private JsonParseResult(JsonNode? root, JsonSyntaxError? error)
    {
        Root = root;
        Error = error;
    }

    public JsonNode? Root { get; }

    public JsonSyntaxError? Error { get; }

    internal static JsonParseResult Success(JsonNode root) => new JsonParseResult(root, null);

    internal static JsonParseResult Failure(JsonSyntaxError error) => new JsonParseResult(null, error);
}
