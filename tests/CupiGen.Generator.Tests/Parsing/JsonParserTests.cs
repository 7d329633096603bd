using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using CupiGen.Generator.Parsing;

namespace CupiGen.Generator.Tests.Parsing;

public class JsonParserTests
{
    // A document exercising every value kind, escapes, raw non-ASCII text and nesting.
    private const string SampleDocument = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Caf\u00e9 \uD83D\uDE00 \"q\" \\ \/ \t",
          "type": "object",
          "properties": {
            "n": { "type": "integer", "minimum": -10, "maximum": 1.5e3 },
            "list": [true, false, null, 0, -0.25, 12E-1, "é😀", [], {}, [[1], {"x": [2]}]]
          },
          "required": ["n"]
        }
        """;

    // ------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------

    private static JsonNode ParseOk(string text)
    {
        JsonParseResult result = JsonParser.Parse(text);
        Assert.True(result.Error is null, "Unexpected error: " + result.Error);
        Assert.NotNull(result.Root);
        return result.Root!;
    }

    private static JsonSyntaxError ParseError(string text)
    {
        JsonParseResult result = JsonParser.Parse(text);
        Assert.True(result.Root is null, "Expected an error but parsing succeeded.");
        Assert.NotNull(result.Error);
        AssertWellFormed(text, result);
        return result.Error!;
    }

    private static void AssertError(string text, int offset, int length)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.True(
            error.Offset == offset && error.Length == length,
            $"Expected error at {offset} (length {length}), got {error.Offset} (length {error.Length}): {error.Message}");
    }

    /// <summary>Exactly one of Root/Error is set, and an error's span lies inside the text.</summary>
    private static void AssertWellFormed(string text, JsonParseResult result)
    {
        Assert.True((result.Root is null) != (result.Error is null), "Exactly one of Root and Error must be non-null.");
        if (result.Error is { } error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.InRange(error.Offset, 0, text.Length);
            Assert.InRange(error.Length, 0, text.Length - error.Offset);
        }
        else
        {
            Assert.InRange(result.Root!.Start, 0, text.Length);
            Assert.InRange(result.Root.End, result.Root.Start, text.Length);
        }
    }

    private static string Repeat(string s, int count)
    {
        var builder = new StringBuilder(s.Length * count);
        for (int i = 0; i < count; i++)
        {
            builder.Append(s);
        }

        return builder.ToString();
    }

    // ------------------------------------------------------------------------------------------------
    // Values and offsets
    // ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("true", (int)JsonKind.True, 0, 4, "boolean")]
    [InlineData("false", (int)JsonKind.False, 0, 5, "boolean")]
    [InlineData("null", (int)JsonKind.Null, 0, 4, "null")]
    [InlineData("  null \r\n\t", (int)JsonKind.Null, 2, 6, "null")]
    [InlineData("{}", (int)JsonKind.Object, 0, 2, "object")]
    [InlineData(" [ ] ", (int)JsonKind.Array, 1, 4, "array")]
    [InlineData("\"\"", (int)JsonKind.String, 0, 2, "string")]
    [InlineData("\n42", (int)JsonKind.Number, 1, 3, "number")]
    public void ParsesEachKindWithOffsets(string text, int kindValue, int start, int end, string kindName)
    {
        var kind = (JsonKind)kindValue;
        JsonNode node = ParseOk(text);
        Assert.Equal(kind, node.Kind);
        Assert.Equal(start, node.Start);
        Assert.Equal(end, node.End);
        Assert.Equal(kindName, node.KindName);
        Assert.Empty(node.Properties);
        Assert.Empty(node.Items);
        if (kind is JsonKind.True or JsonKind.False or JsonKind.Null or JsonKind.Object or JsonKind.Array)
        {
            Assert.Null(node.StringValue);
        }
    }

    [Fact]
    public void StringValueIsUnescapedTextAndOffsetsIncludeQuotes()
    {
        JsonNode node = ParseOk("  \"hello world\"  ");
        Assert.Equal(JsonKind.String, node.Kind);
        Assert.Equal("hello world", node.StringValue);
        Assert.Equal(2, node.Start);
        Assert.Equal(15, node.End);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("-123")]
    [InlineData("0.5")]
    [InlineData("-12.5e+3")]
    [InlineData("1E5")]
    [InlineData("1e-5")]
    [InlineData("-0.0e0")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("1e999999")]
    public void NumberKeepsRawText(string text)
    {
        JsonNode node = ParseOk(" " + text + " ");
        Assert.Equal(JsonKind.Number, node.Kind);
        Assert.Equal(text, node.StringValue);
        Assert.Equal(1, node.Start);
        Assert.Equal(1 + text.Length, node.End);
    }

    [Fact]
    public void ObjectAndArrayOffsets()
    {
        //                     0         1         2
        //                     012345678901234567890123456
        const string Text = "{\"a\": 1, \"b\": [true, null]}";
        JsonNode root = ParseOk(Text);
        Assert.Equal(JsonKind.Object, root.Kind);
        Assert.Equal(0, root.Start);
        Assert.Equal(27, root.End);
        Assert.Equal(2, root.Properties.Count);

        JsonProperty a = root.Properties[0];
        Assert.Equal("a", a.Name);
        Assert.Equal(1, a.NameStart);
        Assert.Equal(4, a.NameEnd);
        Assert.Equal(JsonKind.Number, a.Value.Kind);
        Assert.Equal("1", a.Value.StringValue);
        Assert.Equal(6, a.Value.Start);
        Assert.Equal(7, a.Value.End);

        JsonProperty b = root.Properties[1];
        Assert.Equal("b", b.Name);
        Assert.Equal(9, b.NameStart);
        Assert.Equal(12, b.NameEnd);
        Assert.Equal(JsonKind.Array, b.Value.Kind);
        Assert.Equal(14, b.Value.Start);
        Assert.Equal(26, b.Value.End);
        Assert.Equal(2, b.Value.Items.Count);
        Assert.Equal(JsonKind.True, b.Value.Items[0].Kind);
        Assert.Equal(15, b.Value.Items[0].Start);
        Assert.Equal(19, b.Value.Items[0].End);
        Assert.Equal(JsonKind.Null, b.Value.Items[1].Kind);
        Assert.Equal(21, b.Value.Items[1].Start);
        Assert.Equal(25, b.Value.Items[1].End);
        Assert.Equal("true", Text.Substring(b.Value.Items[0].Start, b.Value.Items[0].End - b.Value.Items[0].Start));
    }

    [Fact]
    public void NestedObjectsAndArrays()
    {
        JsonNode root = ParseOk("""{"a": {"b": [1, [2, {"c": "d"}], {}]}, "e": []}""");
        JsonNode b = root.GetProperty("a")!.Value.GetProperty("b")!.Value;
        Assert.Equal(JsonKind.Array, b.Kind);
        Assert.Equal(3, b.Items.Count);
        Assert.Equal("1", b.Items[0].StringValue);
        JsonNode inner = b.Items[1];
        Assert.Equal(JsonKind.Array, inner.Kind);
        Assert.Equal("2", inner.Items[0].StringValue);
        Assert.Equal("d", inner.Items[1].GetProperty("c")!.Value.StringValue);
        Assert.Equal(JsonKind.Object, b.Items[2].Kind);
        Assert.Empty(b.Items[2].Properties);
        Assert.Empty(root.GetProperty("e")!.Value.Items);
    }

    [Fact]
    public void SampleDocumentParses()
    {
        JsonNode root = ParseOk(SampleDocument);
        Assert.Equal("Caf\u00e9 \U0001F600 \"q\" \\ / \t", root.GetProperty("title")!.Value.StringValue);
        JsonNode list = root.GetProperty("properties")!.Value.GetProperty("list")!.Value;
        Assert.Equal(10, list.Items.Count);
        Assert.Equal("é😀", list.Items[6].StringValue);
        Assert.Equal("12E-1", list.Items[5].StringValue);
        Assert.True(root.GetProperty("properties")!.Value.GetProperty("n")!.Value.GetProperty("minimum")!.Value.TryGetInt32(out int minimum));
        Assert.Equal(-10, minimum);
    }

    // ------------------------------------------------------------------------------------------------
    // Properties
    // ------------------------------------------------------------------------------------------------

    [Fact]
    public void PropertiesKeepDocumentOrderAndDuplicates()
    {
        JsonNode root = ParseOk("""{"z": 1, "a": 2, "z": 3, "m": 4}""");
        Assert.Equal(new[] { "z", "a", "z", "m" }, root.Properties.Select(p => p.Name));
        Assert.Equal("3", root.Properties[2].Value.StringValue);
    }

    [Fact]
    public void GetPropertyReturnsFirstExactMatch()
    {
        JsonNode root = ParseOk("""{"a": 1, "b": 2, "a": 3}""");
        Assert.Equal("1", root.GetProperty("a")!.Value.StringValue);
        Assert.Equal("2", root.GetProperty("b")!.Value.StringValue);
        Assert.Null(root.GetProperty("A"));
        Assert.Null(root.GetProperty("c"));
        Assert.Null(root.GetProperty(""));
        Assert.Null(ParseOk("[1]").GetProperty("a"));
        Assert.Null(ParseOk("\"a\"").GetProperty("a"));
    }

    [Fact]
    public void EscapedPropertyNameIsUnescapedAndOffsetsCoverTheQuotes()
    {
        //                     0123456789
        JsonNode root = ParseOk("{\"a\\u0062\": 1, \"\": 2}");
        JsonProperty first = root.Properties[0];
        Assert.Equal("ab", first.Name);
        Assert.Equal(1, first.NameStart);
        Assert.Equal(10, first.NameEnd);
        Assert.Same(first, root.GetProperty("ab"));
        Assert.Equal(string.Empty, root.Properties[1].Name);
        Assert.Same(root.Properties[1], root.GetProperty(string.Empty));
    }

    // ------------------------------------------------------------------------------------------------
    // Escapes
    // ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(@"""\""""", "\"")]
    [InlineData(@"""\\""", "\\")]
    [InlineData(@"""\/""", "/")]
    [InlineData(@"""\b\f\n\r\t""", "\b\f\n\r\t")]
    [InlineData(@"""\u00e9""", "\u00e9")]
    [InlineData(@"""\u00C9\u00c9""", "\u00c9\u00c9")]
    [InlineData(@"""\u0000""", "\0")]
    [InlineData(@"""\uD83D\uDE00""", "\U0001F600")]
    [InlineData(@"""\ud83d\ude00!""", "\U0001F600!")]
    [InlineData(@"""a\nb c\td""", "a\nb c\td")]
    [InlineData("\"raw \u00e9 \U0001F600\"", "raw \u00e9 \U0001F600")]
    [InlineData("\"\U0001F600\\n\"", "\U0001F600\n")]
    [InlineData(@"""a\/b\\c\""d""", "a/b\\c\"d")]
    public void DecodesEscapes(string text, string expected)
    {
        JsonNode node = ParseOk(text);
        Assert.Equal(JsonKind.String, node.Kind);
        Assert.Equal(expected, node.StringValue);
        Assert.Equal(0, node.Start);
        Assert.Equal(text.Length, node.End);
    }

    [Fact]
    public void EscapeOffsetsAreInSourceChars()
    {
        JsonNode root = ParseOk("[\"\\u00e9\", 1]");
        Assert.Equal(1, root.Items[0].Start);
        Assert.Equal(9, root.Items[0].End);
        Assert.Equal(11, root.Items[1].Start);
    }

    // ------------------------------------------------------------------------------------------------
    // Errors, with exact offsets
    // ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("{\"a\": \"abc", 6)]
    [InlineData("\"abc", 0)]
    [InlineData("\"abc\\\"", 0)]
    [InlineData("\"abc\\", 0)]
    [InlineData("[\"a\", \"b", 6)]
    [InlineData("{\"ab", 1)]
    [InlineData("\"\\u00", 0)]
    public void UnterminatedStringIsReportedAtItsOpeningQuote(string text, int offset)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(1, error.Length);
        Assert.Contains("Unterminated string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"""ab\x""", 3, 2)]
    [InlineData(@"""\a""", 1, 2)]
    [InlineData(@"""\U00e9""", 1, 2)]
    [InlineData(@"""\'""", 1, 2)]
    [InlineData(@"""\u12G4""", 1, 6)]
    [InlineData(@"""\u12""", 1, 4)]
    [InlineData(@"""x\u""", 2, 2)]
    [InlineData(@"{""k"": ""\uZZZZ""}", 7, 6)]
    public void BadEscapeIsReportedAtTheBackslash(string text, int offset, int length)
    {
        AssertError(text, offset, length);
    }

    [Fact]
    public void EscapedControlCharIsABadEscape()
    {
        AssertError("\"a\\\u0001\"", 2, 2);
    }

    [Theory]
    [InlineData(@"""\uD800""", 1)]
    [InlineData(@"""\uDBFF\u0041""", 1)]
    [InlineData(@"""\uD83D\uD83D""", 1)]
    [InlineData(@"""x\uDC00""", 2)]
    [InlineData(@"""\uD83Dx""", 1)]
    public void LoneSurrogateEscapeIsAnError(string text, int offset)
    {
        AssertError(text, offset, 6);
    }

    [Fact]
    public void RawLoneSurrogateIsAnError()
    {
        // Built in code: xunit would replace lone surrogates in [InlineData] strings with U+FFFD.
        (string Text, int Offset)[] cases =
        {
            ("\"a\uD800b\"", 2),
            ("\"a\uDC00\"", 2),
            ("\"\uDE00\uD83D\"", 1),
            ("[\"ok\", \"\\n\uD800\"]", 10),
            ("{\"\uD800\": 1}", 2),
        };

        foreach ((string text, int offset) in cases)
        {
            AssertError(text, offset, 1);
        }
    }

    [Theory]
    [InlineData("\"ab\u0001c\"", 3)]
    [InlineData("\"a\tb\"", 2)]
    [InlineData("\"ab\ncd\"", 3)]
    [InlineData("{\"a\": \"x\r\n\"}", 8)]
    [InlineData("{\"a\u001f\": 1}", 3)]
    [InlineData("\"\0\"", 1)]
    public void RawControlCharacterInStringIsReportedAtItsOffset(string text, int offset)
    {
        AssertError(text, offset, 1);
    }

    [Theory]
    [InlineData("{\"a\" 1}", 5, 1)]
    [InlineData("{\"a\"}", 4, 1)]
    [InlineData("{\"a\" , 1}", 5, 1)]
    [InlineData("{\"a\"", 4, 0)]
    [InlineData("{\"a\"  ", 6, 0)]
    public void MissingColon(string text, int offset, int length)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(length, error.Length);
        Assert.StartsWith("Expected ':' after the property name \"a\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1 \"b\":2}", 7)]
    [InlineData("{\"a\":1;\"b\":2}", 6)]
    [InlineData("{\"a\":1]", 6)]
    [InlineData("[1 2]", 3)]
    [InlineData("[1}", 2)]
    [InlineData("[true false]", 6)]
    [InlineData("[\"a\"\"b\"]", 4)]
    public void MissingComma(string text, int offset)
    {
        AssertError(text, offset, 1);
    }

    [Fact]
    public void MissingCommaMessageNamesTheFoundChar()
    {
        JsonSyntaxError error = ParseError("{\"a\": 1 x}");
        Assert.Equal("Expected ',' or '}' after a property value, found 'x'.", error.Message);
        Assert.Equal(8, error.Offset);
        Assert.Equal(1, error.Length);
    }

    [Theory]
    [InlineData("{\"a\":1,}", 6)]
    [InlineData("{\"a\":1 , \n }", 7)]
    [InlineData("[1,2,]", 4)]
    [InlineData("[[],]", 3)]
    public void TrailingCommaIsReportedAtTheComma(string text, int offset)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(1, error.Length);
        Assert.Contains("trailing comma", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[,1]", 1, 1)]
    [InlineData("[1,,2]", 3, 1)]
    [InlineData("{,}", 1, 1)]
    [InlineData("{\"a\":1,,}", 7, 1)]
    [InlineData("{\"a\":}", 5, 1)]
    [InlineData("{\"a\":", 5, 0)]
    [InlineData("[1,", 3, 0)]
    [InlineData("[", 1, 0)]
    [InlineData("{", 1, 0)]
    [InlineData("{\"a\":1", 6, 0)]
    [InlineData("[1", 2, 0)]
    [InlineData("]", 0, 1)]
    [InlineData("}", 0, 1)]
    [InlineData(":", 0, 1)]
    public void MisplacedPunctuationAndEarlyEnd(string text, int offset, int length)
    {
        AssertError(text, offset, length);
    }

    [Theory]
    [InlineData("{} x", 3)]
    [InlineData("[1]]", 3)]
    [InlineData("1 2", 2)]
    [InlineData("{}{}", 2)]
    [InlineData("\"a\" \"b\"", 4)]
    [InlineData("null\n\n,", 6)]
    [InlineData("{} // comment", 3)]
    [InlineData("{}\0", 2)]
    [InlineData("{}\uFEFF", 2)]
    public void TrailingGarbageIsReportedAtItsOffset(string text, int offset)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(1, error.Length);
        Assert.Contains("after the end of the JSON value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01", 0, 2)]
    [InlineData("-012", 1, 3)]
    [InlineData("[00]", 1, 2)]
    [InlineData("{\"a\": 007.5}", 6, 3)]
    public void LeadingZeroIsAnError(string text, int offset, int length)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(length, error.Length);
        Assert.Contains("leading zeros", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-", 1, 0)]
    [InlineData("[-]", 2, 1)]
    [InlineData("-a", 1, 1)]
    [InlineData("- 1", 1, 1)]
    [InlineData("--1", 1, 1)]
    public void LoneMinusIsAnError(string text, int offset, int length)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(length, error.Length);
        Assert.StartsWith("Expected a digit after '-'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.", 2, 0)]
    [InlineData("1.e5", 2, 1)]
    [InlineData("[1.]", 3, 1)]
    [InlineData("1e", 2, 0)]
    [InlineData("1e+", 3, 0)]
    [InlineData("1E-x", 3, 1)]
    [InlineData(".5", 0, 1)]
    [InlineData("+1", 0, 1)]
    [InlineData("[-.5]", 2, 1)]
    [InlineData("0x1F", 1, 1)]
    [InlineData("1.5.2", 3, 1)]
    public void MalformedNumbers(string text, int offset, int length)
    {
        AssertError(text, offset, length);
    }

    [Theory]
    [InlineData("tru", 0, 3)]
    [InlineData("True", 0, 4)]
    [InlineData("nul", 0, 3)]
    [InlineData("NaN", 0, 3)]
    [InlineData("Infinity", 0, 8)]
    [InlineData("[nulls]", 1, 5)]
    [InlineData("{\"a\": undefined}", 6, 9)]
    [InlineData("[true1]", 1, 5)]
    [InlineData("{a: 1}", 1, 1)]
    [InlineData("{'a': 1}", 1, 1)]
    [InlineData("['a']", 1, 1)]
    [InlineData("[/* c */ 1]", 1, 1)]
    [InlineData("[#]", 1, 1)]
    public void InvalidTokens(string text, int offset, int length)
    {
        AssertError(text, offset, length);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t\r\n ")]
    [InlineData("\uFEFF")]
    [InlineData("\uFEFF \n")]
    public void EmptyTextIsAnError(string text)
    {
        JsonSyntaxError error = ParseError(text);
        Assert.Equal("The schema file is empty.", error.Message);
        Assert.Equal(0, error.Offset);
        Assert.Equal(0, error.Length);
    }

    [Fact]
    public void NullTextIsTreatedAsEmpty()
    {
        JsonParseResult result = JsonParser.Parse(null!);
        Assert.Null(result.Root);
        Assert.Equal("The schema file is empty.", result.Error!.Message);
    }

    [Theory]
    [InlineData("\u00a0{}", 0)] // NBSP is not JSON whitespace.
    [InlineData("\f{}", 0)]
    [InlineData("\v{}", 0)]
    [InlineData("[1,\u20282]", 3)]
    public void OnlySpaceTabCrLfAreWhitespace(string text, int offset)
    {
        AssertError(text, offset, 1);
    }

    // ------------------------------------------------------------------------------------------------
    // Depth
    // ------------------------------------------------------------------------------------------------

    [Fact]
    public void HundredThousandOpenBracketsFailAtMaxDepthWithoutOverflow()
    {
        string text = new string('[', 100_000);
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(JsonParser.MaxDepth, error.Offset);
        Assert.Equal(1, error.Length);
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HundredThousandNestedObjectsFailAtMaxDepth()
    {
        string text = Repeat("{\"a\":", 100_000);
        JsonSyntaxError error = ParseError(text);
        Assert.Equal(JsonParser.MaxDepth * 5, error.Offset);
    }

    [Fact]
    public void MaxDepthIsAllowedAndOneMoreIsNot()
    {
        int depth = JsonParser.MaxDepth;
        JsonNode node = ParseOk(new string('[', depth) + new string(']', depth));
        for (int i = 1; i < depth; i++)
        {
            Assert.Single(node.Items);
            node = node.Items[0];
        }

        Assert.Empty(node.Items);

        AssertError(new string('[', depth + 1) + new string(']', depth + 1), depth, 1);

        string objects = Repeat("{\"k\":", depth - 1) + "{}" + new string('}', depth - 1);
        ParseOk(objects);
        string tooDeep = Repeat("[{\"k\":", (depth / 2) + 1) + "1" + Repeat("}]", (depth / 2) + 1);
        AssertError(tooDeep, 6 * (depth / 2), 1);
    }

    [Fact]
    public void ManySiblingsAreFine()
    {
        string text = "[" + Repeat("[1, {\"a\": \"b\"}], ", 20_000) + "null]";
        JsonNode root = ParseOk(text);
        Assert.Equal(20_001, root.Items.Count);
    }

    // ------------------------------------------------------------------------------------------------
    // Robustness: never throws
    // ------------------------------------------------------------------------------------------------

    [Fact]
    public void EveryTruncationOfAValidDocumentIsAnErrorAndNeverThrows()
    {
        string text = SampleDocument;
        for (int cut = 0; cut < text.Length; cut++)
        {
            string prefix = text.Substring(0, cut);
            JsonParseResult result = JsonParser.Parse(prefix);
            AssertWellFormed(prefix, result);
            Assert.True(result.Error is not null, "Prefix of length " + cut + " parsed successfully.");
        }

        ParseOk(text);
    }

    [Fact]
    public void EveryTruncationOfAnArrayDocumentIsAnError()
    {
        const string Text = "[1, -2.5e-3, \"a\\u00e9\\uD83D\\uDE00\", true, false, null, {\"x\": [{}]}]";
        for (int cut = 0; cut < Text.Length; cut++)
        {
            string prefix = Text.Substring(0, cut);
            JsonParseResult result = JsonParser.Parse(prefix);
            AssertWellFormed(prefix, result);
            Assert.NotNull(result.Error);
        }
    }

    [Fact]
    public void DeletingOrReplacingAnyCharNeverThrows()
    {
        string text = SampleDocument;
        char[] replacements = { '"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', 'e', '.', 'u', '\n', '\0', '\uD800', '\uDC00', '\uFEFF', 'x' };
        for (int i = 0; i < text.Length; i++)
        {
            string deleted = text.Remove(i, 1);
            AssertWellFormed(deleted, JsonParser.Parse(deleted));
            foreach (char r in replacements)
            {
                string replaced = text.Substring(0, i) + r + text.Substring(i + 1);
                AssertWellFormed(replaced, JsonParser.Parse(replaced));
            }
        }
    }

    [Fact]
    public void RandomNoiseNeverThrows()
    {
        var random = new Random(12345);
        const string Alphabet = "{}[]\",:\\/ubfnrt0123456789-+.eE \t\r\ntruefalsenull\u00e9\uD83D\uDE00\0\uFEFF";
        for (int n = 0; n < 5000; n++)
        {
            int length = random.Next(0, 40);
            var chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = random.Next(10) == 0 ? (char)random.Next(0, 0x10000) : Alphabet[random.Next(Alphabet.Length)];
            }

            string text = new string(chars);
            AssertWellFormed(text, JsonParser.Parse(text));
        }
    }

    [Theory]
    [InlineData("\"\\")]
    [InlineData("\"\\u")]
    [InlineData("\"\\uD800")]
    [InlineData("\"\\uD800\\")]
    [InlineData("\"\\uD800\\u")]
    [InlineData("\"\\uD800\\uDC0")]
    [InlineData("\"\\uD800\"")]
    [InlineData("\"\\uD800\\\"")]
    [InlineData("\"\\uD800\\u\"")]
    [InlineData("\"\\uD800\\uDC\"")]
    [InlineData("\uFEFF\uFEFF{}")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("{\"")]
    [InlineData("{\"\"")]
    [InlineData("{\"\":")]
    [InlineData("\0")]
    [InlineData("\"\\\0\"")]
    public void PathologicalInputsNeverThrow(string text)
    {
        JsonParseResult result = JsonParser.Parse(text);
        AssertWellFormed(text, result);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void LoneSurrogatesOutsideStringsNeverThrow()
    {
        string[] texts = { "\"\uD800", "\"\uD800\"", "\uD800", "\uDC00", "[\uD83D\uDE00]", "\"\\\uD800\"", "{\"a\uDBFF" };
        foreach (string text in texts)
        {
            JsonParseResult result = JsonParser.Parse(text);
            AssertWellFormed(text, result);
            Assert.NotNull(result.Error);
        }
    }

    [Fact]
    public void HugeNumberIsValidButNotAnIntegerOrDouble()
    {
        string digits = "1" + new string('0', 10_000);
        JsonNode node = ParseOk(digits);
        Assert.Equal(digits, node.StringValue);
        Assert.False(node.TryGetInt32(out _));
        Assert.False(node.TryGetInt64(out _));
        Assert.False(node.TryGetDouble(out _));
    }

    [Fact]
    public void CanceledTokenThrowsOperationCanceled()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => JsonParser.Parse("{}", source.Token));
    }

    // ------------------------------------------------------------------------------------------------
    // BOM
    // ------------------------------------------------------------------------------------------------

    [Fact]
    public void LeadingBomIsSkippedAndOffsetsStayInOriginalText()
    {
        JsonNode root = ParseOk("\uFEFF{\"a\": 1}");
        Assert.Equal(1, root.Start);
        Assert.Equal(9, root.End);
        Assert.Equal(2, root.Properties[0].NameStart);
        Assert.Equal(7, root.Properties[0].Value.Start);

        Assert.Equal(JsonKind.True, ParseOk("\uFEFF \n true").Kind);
    }

    [Fact]
    public void BomElsewhereIsAnError()
    {
        AssertError(" \uFEFF{}", 1, 1);
        AssertError("[\uFEFF1]", 1, 1);
        AssertError("\uFEFF\uFEFF{}", 1, 1);
    }

    // ------------------------------------------------------------------------------------------------
    // Number accessors
    // ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("5", 5)]
    [InlineData("-7", -7)]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("1e2", 100)]
    [InlineData("1E+2", 100)]
    [InlineData("2.50e1", 25)]
    [InlineData("3.0", 3)]
    [InlineData("0.000", 0)]
    [InlineData("1000e-3", 1)]
    [InlineData("0e99999999999999999999", 0)]
    public void TryGetInt32Accepts(string text, int expected)
    {
        Assert.True(ParseOk(text).TryGetInt32(out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("5.5")]
    [InlineData("1e-2")]
    [InlineData("1.0000000001")]
    [InlineData("1e10")]
    [InlineData("1E400")]
    [InlineData("1e99999999999999999999")]
    [InlineData("\"5\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[5]")]
    public void TryGetInt32Rejects(string text)
    {
        Assert.False(ParseOk(text).TryGetInt32(out int value));
        Assert.Equal(0, value);
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("92233720368547758.07e2", long.MaxValue)]
    [InlineData("1e18", 1_000_000_000_000_000_000L)]
    [InlineData("10000000000000000000e-1", 1_000_000_000_000_000_000L)]
    [InlineData("2147483648", 2147483648L)]
    [InlineData("-12", -12L)]
    public void TryGetInt64Accepts(string text, long expected)
    {
        Assert.True(ParseOk(text).TryGetInt64(out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("1e19")]
    [InlineData("18446744073709551616")]
    [InlineData("0.5")]
    [InlineData("\"1\"")]
    public void TryGetInt64Rejects(string text)
    {
        Assert.False(ParseOk(text).TryGetInt64(out long value));
        Assert.Equal(0L, value);
    }

    [Theory]
    [InlineData("1.5e3", 1500.0)]
    [InlineData("-0.25", -0.25)]
    [InlineData("7", 7.0)]
    [InlineData("1E-2", 0.01)]
    [InlineData("1e-400", 0.0)]
    public void TryGetDoubleAccepts(string text, double expected)
    {
        Assert.True(ParseOk(text).TryGetDouble(out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"1.5\"")]
    [InlineData("false")]
    public void TryGetDoubleRejects(string text)
    {
        Assert.False(ParseOk(text).TryGetDouble(out _));
    }

    [Fact]
    public void TryGetDoubleUsesTheInvariantCulture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.True(ParseOk("1.5").TryGetDouble(out double value));
            Assert.Equal(1.5, value);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
