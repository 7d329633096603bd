using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace CupiGen.Generator.Parsing;

/// <summary>
/// A strict (RFC 8259) JSON parser that records the position of every value and never throws:
/// every problem becomes a <see cref="JsonSyntaxError"/> with a char offset. Deliberately free of
/// dependencies (no System.Text.Json), because it runs inside the compiler and the IDE.
/// </summary>
/// <remarks>
/// Deviations from a bare RFC 8259 reading: a leading U+FEFF (BOM) is skipped, and strings that would
/// contain an unpaired UTF-16 surrogate (raw or escaped) are rejected, so every string value is
/// well-formed Unicode. Nesting is limited to <see cref="MaxDepth"/> containers.
/// </remarks>
internal static class JsonParser
{
    /// <summary>The maximum number of nested objects/arrays (the root container counts as 1).</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// Parses <paramref name="text"/>. Never throws, except <see cref="System.OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> is canceled.
    /// </summary>
    public static JsonParseResult Parse(string text, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parser = new Parser(text ?? string.Empty, cancellationToken);
        return parser.ParseDocument();
    }

    private sealed class Parser
    {
        /// <summary>How many values are parsed between two cancellation checks (a power of two).</summary>
        private const int CancellationCheckInterval = 1024;

        private readonly string _text;
        private readonly CancellationToken _cancellationToken;
        private int _pos;
        private int _valueCount;
        private JsonSyntaxError? _error;
        private StringBuilder? _builder;

        public Parser(string text, CancellationToken cancellationToken)
        {
            _text = text;
            _cancellationToken = cancellationToken;
        }

        public JsonParseResult ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            SkipWhitespace();
            if (_pos >= _text.Length)
            {
                return JsonParseResult.Failure(new JsonSyntaxError("The schema file is empty.", 0, 0));
            }

            JsonNode? root = ParseValue(0);
            if (root is null)
            {
                return JsonParseResult.Failure(_error!);
            }

            SkipWhitespace();
            if (_pos < _text.Length)
            {
                return JsonParseResult.Failure(new JsonSyntaxError(
                    "Unexpected " + Describe(_pos) + " after the end of the JSON value; a file holds exactly one value.",
                    _pos,
                    1));
            }

            return JsonParseResult.Success(root);
        }

        // ----------------------------------------------------------------------------------------------
        // Values. Every Parse* method returns null exactly when it has set _error.
        // ----------------------------------------------------------------------------------------------

        /// <summary>Parses the value at <see cref="_pos"/> (which must not be whitespace) inside <paramref name="depth"/> containers.</summary>
        private JsonNode? ParseValue(int depth)
        {
            if ((++_valueCount & (CancellationCheckInterval - 1)) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            if (_pos >= _text.Length)
            {
                return Fail("Unexpected end of text; expected a value.", _text.Length, 0);
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{':
                case '[':
                    if (depth >= MaxDepth)
                    {
                        return Fail(
                            "The JSON is nested too deeply; at most " + MaxDepth.ToString(CultureInfo.InvariantCulture)
                            + " nested objects and arrays are allowed.",
                            _pos,
                            1);
                    }

                    return c == '{' ? ParseObject(depth + 1) : ParseArray(depth + 1);

                case '"':
                {
                    int start = _pos;
                    string? value = ReadString();
                    return value is null ? null : JsonNode.CreateString(start, _pos, value);
                }

                case '-':
                    return ParseNumber();

                case '\'':
                    return Fail("Strings must be enclosed in double quotes ('\"'), not single quotes.", _pos, 1);

                case '/':
                    return Fail("Comments are not allowed in JSON.", _pos, 1);

                default:
                    if (IsDigit(c))
                    {
                        return ParseNumber();
                    }

                    if (IsWordChar(c))
                    {
                        return ParseLiteral();
                    }

                    return Fail(
                        "Unexpected " + Describe(_pos)
                        + "; expected a value (an object, array, string, number, true, false or null).",
                        _pos,
                        1);
            }
        }

        /// <summary>Parses an object; <see cref="_pos"/> is at '{'. <paramref name="depth"/> includes this object.</summary>
        private JsonNode? ParseObject(int depth)
        {
            int start = _pos;
            _pos++;
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == '}')
            {
                _pos++;
                return JsonNode.CreateObject(start, _pos, new List<JsonProperty>(0));
            }

            var properties = new List<JsonProperty>();
            while (true)
            {
                // _pos is at (what should be) a property name, after whitespace.
                if (_pos >= _text.Length)
                {
                    return Fail("Unexpected end of text; expected a property name or '}'.", _text.Length, 0);
                }

                if (_text[_pos] != '"')
                {
                    string hint = _text[_pos] == '\''
                        ? " Property names must be enclosed in double quotes, not single quotes."
                        : string.Empty;
                    return Fail(
                        "Expected a property name in double quotes, found " + Describe(_pos) + "." + hint,
                        _pos,
                        1);
                }

                int nameStart = _pos;
                string? name = ReadString();
                if (name is null)
                {
                    return null;
                }

                int nameEnd = _pos;
                SkipWhitespace();
                if (_pos >= _text.Length || _text[_pos] != ':')
                {
                    return FailHere("Expected ':' after the property name " + Quote(name) + ", found " + Describe(_pos) + ".");
                }

                _pos++;
                SkipWhitespace();
                JsonNode? value = ParseValue(depth);
                if (value is null)
                {
                    return null;
                }

                properties.Add(new JsonProperty(name, nameStart, nameEnd, value));
                SkipWhitespace();
                if (_pos >= _text.Length)
                {
                    return Fail("Unexpected end of text; expected ',' or '}' after a property value.", _text.Length, 0);
                }

                char c = _text[_pos];
                if (c == '}')
                {
                    _pos++;
                    return JsonNode.CreateObject(start, _pos, properties);
                }

                if (c != ',')
                {
                    return FailHere("Expected ',' or '}' after a property value, found " + Describe(_pos) + ".");
                }

                int comma = _pos;
                _pos++;
                SkipWhitespace();
                if (_pos < _text.Length && _text[_pos] == '}')
                {
                    return Fail("A trailing comma is not allowed before '}'.", comma, 1);
                }
            }
        }

        /// <summary>Parses an array; <see cref="_pos"/> is at '['. <paramref name="depth"/> includes this array.</summary>
        private JsonNode? ParseArray(int depth)
        {
            int start = _pos;
            _pos++;
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
                return JsonNode.CreateArray(start, _pos, new List<JsonNode>(0));
            }

            var items = new List<JsonNode>();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    return Fail("Unexpected end of text; expected a value or ']'.", _text.Length, 0);
                }

                JsonNode? item = ParseValue(depth);
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
                SkipWhitespace();
                if (_pos >= _text.Length)
                {
                    return Fail("Unexpected end of text; expected ',' or ']' after an array item.", _text.Length, 0);
                }

                char c = _text[_pos];
                if (c == ']')
                {
                    _pos++;
                    return JsonNode.CreateArray(start, _pos, items);
                }

                if (c != ',')
                {
                    return FailHere("Expected ',' or ']' after an array item, found " + Describe(_pos) + ".");
                }

                int comma = _pos;
                _pos++;
                SkipWhitespace();
                if (_pos < _text.Length && _text[_pos] == ']')
                {
                    return Fail("A trailing comma is not allowed before ']'.", comma, 1);
                }
            }
        }

        /// <summary>
        /// Parses <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>; <see cref="_pos"/> is at '-' or a digit.
        /// </summary>
        private JsonNode? ParseNumber()
        {
            int start = _pos;
            int i = _pos;
            if (_text[i] == '-')
            {
                i++;
            }

            if (i >= _text.Length || !IsDigit(_text[i]))
            {
                return Fail("Expected a digit after '-', found " + Describe(i) + ".", i, i < _text.Length ? 1 : 0);
            }

            if (_text[i] == '0')
            {
                i++;
                if (i < _text.Length && IsDigit(_text[i]))
                {
                    int zero = i - 1;
                    int runEnd = i;
                    while (runEnd < _text.Length && IsDigit(_text[runEnd]))
                    {
                        runEnd++;
                    }

                    return Fail("Numbers must not have leading zeros.", zero, runEnd - zero);
                }
            }
            else
            {
                while (i < _text.Length && IsDigit(_text[i]))
                {
                    i++;
                }
            }

            if (i < _text.Length && _text[i] == '.')
            {
                i++;
                if (i >= _text.Length || !IsDigit(_text[i]))
                {
                    return Fail("Expected a digit after the decimal point, found " + Describe(i) + ".", i, i < _text.Length ? 1 : 0);
                }

                while (i < _text.Length && IsDigit(_text[i]))
                {
                    i++;
                }
            }

            if (i < _text.Length && (_text[i] == 'e' || _text[i] == 'E'))
            {
                i++;
                if (i < _text.Length && (_text[i] == '+' || _text[i] == '-'))
                {
                    i++;
                }

                if (i >= _text.Length || !IsDigit(_text[i]))
                {
                    return Fail("Expected a digit in the exponent of the number, found " + Describe(i) + ".", i, i < _text.Length ? 1 : 0);
                }

                while (i < _text.Length && IsDigit(_text[i]))
                {
                    i++;
                }
            }

            _pos = i;
            return JsonNode.CreateNumber(start, i, _text.Substring(start, i - start));
        }

        /// <summary>Parses <c>true</c>, <c>false</c> or <c>null</c>; <see cref="_pos"/> is at an ASCII letter/digit/underscore.</summary>
        private JsonNode? ParseLiteral()
        {
            int start = _pos;
            int end = start;
            while (end < _text.Length && IsWordChar(_text[end]))
            {
                end++;
            }

            int length = end - start;
            JsonKind kind;
            if (length == 4 && string.CompareOrdinal(_text, start, "true", 0, 4) == 0)
            {
                kind = JsonKind.True;
            }
            else if (length == 5 && string.CompareOrdinal(_text, start, "false", 0, 5) == 0)
            {
                kind = JsonKind.False;
            }
            else if (length == 4 && string.CompareOrdinal(_text, start, "null", 0, 4) == 0)
            {
                kind = JsonKind.Null;
            }
            else
            {
                const int MaxShown = 40;
                string word = length <= MaxShown ? _text.Substring(start, length) : _text.Substring(start, MaxShown) + "...";
                return Fail(
                    "Invalid value '" + word + "'; expected an object, array, string, number, true, false or null"
                    + " (literals are lower-case and strings need double quotes).",
                    start,
                    length);
            }

            _pos = end;
            return JsonNode.CreateLiteral(kind, start, end);
        }

        // ----------------------------------------------------------------------------------------------
        // Strings
        // ----------------------------------------------------------------------------------------------

        /// <summary>
        /// Reads a string token; <see cref="_pos"/> is at the opening quote and, on success, ends just past the closing one.
        /// Returns the unescaped value, or null after setting <see cref="_error"/>.
        /// </summary>
        private string? ReadString()
        {
            int open = _pos;

            // Pass 1: find the closing quote (so an unterminated string is reported at its opening quote),
            // stop at raw control characters, and learn whether any decoding/validation is needed.
            bool needsDecoding = false;
            int i = open + 1;
            while (true)
            {
                if (i >= _text.Length)
                {
                    return FailString("Unterminated string: the closing '\"' is missing.", open, 1);
                }

                char c = _text[i];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    needsDecoding = true;
                    i += 2; // Skip the escaped char (validated in pass 2), so '\"' does not end the string.
                    continue;
                }

                if (c < 0x20)
                {
                    string message = c == '\n' || c == '\r'
                        ? "A string cannot contain a raw line break; close it on the same line (is a closing '\"' missing?) or write \\n."
                        : "A string cannot contain the raw control character " + Describe(i) + "; write it as an escape such as \\u"
                            + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ".";
                    return FailString(message, i, 1);
                }

                if (c >= '\uD800' && c <= '\uDFFF')
                {
                    needsDecoding = true;
                }

                i++;
            }

            int close = i;
            _pos = close + 1;
            if (!needsDecoding)
            {
                return _text.Substring(open + 1, close - open - 1);
            }

            // Pass 2: decode escapes and validate surrogates, within (open, close).
            StringBuilder builder = _builder ??= new StringBuilder();
            builder.Clear();
            int runStart = open + 1;
            i = open + 1;
            while (i < close)
            {
                char c = _text[i];
                if (c == '\\')
                {
                    builder.Append(_text, runStart, i - runStart);
                    if (!DecodeEscape(ref i, close, builder))
                    {
                        return null;
                    }

                    runStart = i;
                }
                else if (char.IsHighSurrogate(c) && i + 1 < close && char.IsLowSurrogate(_text[i + 1]))
                {
                    i += 2;
                }
                else if (char.IsSurrogate(c))
                {
                    return FailString(
                        "A string cannot contain the unpaired surrogate character " + Describe(i) + "; the text is not valid Unicode.",
                        i,
                        1);
                }
                else
                {
                    i++;
                }
            }

            builder.Append(_text, runStart, close - runStart);
            return builder.ToString();
        }

        /// <summary>
        /// Decodes the escape at <paramref name="i"/> (a backslash) before <paramref name="close"/> (the closing quote),
        /// appends it, and advances <paramref name="i"/> past it. Returns false after setting <see cref="_error"/>.
        /// </summary>
        private bool DecodeEscape(ref int i, int close, StringBuilder builder)
        {
            // Pass 1 guarantees a char follows the backslash before the closing quote.
            char e = _text[i + 1];
            char decoded;
            switch (e)
            {
                case '"': decoded = '"'; break;
                case '\\': decoded = '\\'; break;
                case '/': decoded = '/'; break;
                case 'b': decoded = '\b'; break;
                case 'f': decoded = '\f'; break;
                case 'n': decoded = '\n'; break;
                case 'r': decoded = '\r'; break;
                case 't': decoded = '\t'; break;
                case 'u':
                    return DecodeUnicodeEscape(ref i, close, builder);
                default:
                    FailVoid(
                        (e < 0x20 || e == 0x7F || char.IsSurrogate(e)
                            ? "Invalid escape sequence: '\\' followed by " + Describe(i + 1)
                            : "Invalid escape sequence '\\" + e + "'")
                        + "; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.",
                        i,
                        2);
                    return false;
            }

            builder.Append(decoded);
            i += 2;
            return true;
        }

        private bool DecodeUnicodeEscape(ref int i, int close, StringBuilder builder)
        {
            int unit = ReadHex4(i + 2, close);
            if (unit < 0)
            {
                FailVoid(
                    "Invalid Unicode escape; '\\u' must be followed by exactly four hexadecimal digits.",
                    i,
                    System.Math.Min(6, close - i));
                return false;
            }

            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                // A high surrogate must be followed immediately by an escaped low surrogate.
                int low = i + 7 < close && _text[i + 6] == '\\' && _text[i + 7] == 'u' ? ReadHex4(i + 8, close) : -1;
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    builder.Append((char)unit).Append((char)low);
                    i += 12;
                    return true;
                }

                FailVoid(
                    "Invalid Unicode escape: the high surrogate '" + _text.Substring(i, 6)
                    + "' must be followed by a low surrogate escape (\\uDC00-\\uDFFF).",
                    i,
                    6);
                return false;
            }

            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                FailVoid(
                    "Invalid Unicode escape: the low surrogate '" + _text.Substring(i, 6)
                    + "' is not preceded by a high surrogate escape (\\uD800-\\uDBFF).",
                    i,
                    6);
                return false;
            }

            builder.Append((char)unit);
            i += 6;
            return true;
        }

        /// <summary>The value of four hex digits at <paramref name="index"/> (all before <paramref name="limit"/>), or -1.</summary>
        private int ReadHex4(int index, int limit)
        {
            if (index + 4 > limit)
            {
                return -1;
            }

            int value = 0;
            for (int k = index; k < index + 4; k++)
            {
                int digit = HexValue(_text[k]);
                if (digit < 0)
                {
                    return -1;
                }

                value = (value << 4) | digit;
            }

            return value;
        }

        // ----------------------------------------------------------------------------------------------
        // Helpers
        // ----------------------------------------------------------------------------------------------

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        /// <summary>Fails at <see cref="_pos"/>: length 1 on a char, length 0 at the end of the text.</summary>
        private JsonNode? FailHere(string message) =>
            Fail(message, _pos, _pos < _text.Length ? 1 : 0);

        private JsonNode? Fail(string message, int offset, int length)
        {
            FailVoid(message, offset, length);
            return null;
        }

        private string? FailString(string message, int offset, int length)
        {
            FailVoid(message, offset, length);
            return null;
        }

        private void FailVoid(string message, int offset, int length)
        {
            // Keep the first error; clamp the span into the text so a consumer can always slice it.
            if (_error is not null)
            {
                return;
            }

            if (offset > _text.Length)
            {
                offset = _text.Length;
            }

            if (length > _text.Length - offset)
            {
                length = _text.Length - offset;
            }

            _error = new JsonSyntaxError(message, offset, length);
        }

        /// <summary>Describes the char at <paramref name="index"/> for a message: 'x', U+0001, or the end of the text.</summary>
        private string Describe(int index)
        {
            if (index >= _text.Length)
            {
                return "the end of the text";
            }

            char c = _text[index];
            if (c < 0x20 || c == 0x7F || char.IsSurrogate(c) || c == '\uFEFF')
            {
                return "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            }

            return c == '\'' ? "\"'\"" : "'" + c + "'";
        }

        private static string Quote(string name)
        {
            const int MaxShown = 40;
            return "\"" + (name.Length <= MaxShown ? name : name.Substring(0, MaxShown) + "...") + "\"";
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>Chars that may belong to a bare word (a literal, or a mistaken NaN/Infinity/unquoted text).</summary>
        private static bool IsWordChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
