using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>
/// Every defect issue 12 found by fuzzing the readers as an outsider would, one regression test each: quadratic
/// work, exceptions of the wrong type, lossy round trips, limits that were not limits, garbage accepted.
/// </summary>
public sealed class HostileInputTests
{
    // ------------------------------------------------------------------ linear time and bounded allocation

    private static byte[] JsonUnknownFields(int count)
    {
        var text = new StringBuilder(count * 40).Append("{\"DisplayName\":\"dn\"");
        for (var i = 0; i < count; i++)
        {
            text.Append(",\"FutureSetting").Append(i).Append("\":\"value-").Append(i).Append('"');
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    private static byte[] XmlUnknownFields(int count)
    {
        var text = new StringBuilder(count * 60).Append("<PortGroup><DisplayName>dn</DisplayName>");
        for (var i = 0; i < count; i++)
        {
            text.Append("<FutureSetting").Append(i).Append(">value-").Append(i).Append("</FutureSetting").Append(i).Append('>');
        }

        return Encoding.UTF8.GetBytes(text.Append("</PortGroup>").ToString());
    }

    private static byte[] XmlCDataPieces(int count, string field)
    {
        var text = new StringBuilder(count * 16).Append("<PortGroup><").Append(field).Append('>');
        for (var i = 0; i < count; i++)
        {
            text.Append("ab<![CDATA[c]]>");
        }

        return Encoding.UTF8.GetBytes(text.Append("</").Append(field).Append("></PortGroup>").ToString());
    }

    // Bytes allocated on this thread by one read, after a warm-up read of the same shape (JIT, first-use tables).
    private static long AllocatedBy(Action read)
    {
        read();
        var before = GC.GetAllocatedBytesForCurrentThread();
        read();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // Before the fix: 80,000 XML unknown fields allocated 1.1 GB for 1 MB, 80,000 CDATA pieces 24 GB. Linear
    // reading holds every shape under a small multiple of its size (strings are UTF-16, twice the ASCII bytes).
    [Theory]
    [InlineData("json-unknown")]
    [InlineData("xml-unknown")]
    [InlineData("xml-cdata-known")]
    [InlineData("xml-cdata-unknown")]
    public void Allocation_stays_under_a_small_multiple_of_the_input(string shape)
    {
        var (bytes, read) = shape switch
        {
            "json-unknown" => Shape(JsonUnknownFields(80_000), b => PortGroup.FromJson(b)),
            "xml-unknown" => Shape(XmlUnknownFields(40_000), b => PortGroup.FromXml(b)),
            "xml-cdata-known" => Shape(XmlCDataPieces(80_000, "DisplayName"), b => PortGroup.FromXml(b)),
            _ => Shape(XmlCDataPieces(80_000, "FuturePieces"), b => PortGroup.FromXml(b)),
        };
        Assert.True(bytes.Length > 1_000_000, $"the document is {bytes.Length} bytes");
        var allocated = AllocatedBy(() => read(bytes));
        Assert.True(allocated < 12L * bytes.Length, $"{shape}: {allocated:N0} bytes allocated for {bytes.Length:N0} bytes of input ({(double)allocated / bytes.Length:F1}x)");

        static (byte[], Action<byte[]>) Shape(byte[] bytes, Action<byte[]> read) => (bytes, read);
    }

    [Fact]
    public void Many_unknown_fields_are_all_kept_in_order_and_found_by_name()
    {
        var pg = PortGroup.FromJson(JsonUnknownFields(20_000));
        Assert.Equal(20_000, pg.AdditionalFields.Count);
        Assert.Equal("value-12345", pg.AdditionalFields["FutureSetting12345"]);
        Assert.Equal("FutureSetting19999", pg.AdditionalFields.Keys.Last());

        var xml = PortGroup.FromXml(pg.ToXml());
        Assert.Equal(pg.AdditionalFields.ToList(), xml.AdditionalFields.ToList());

        // Replacing and removing keep order and lookups right once the name index exists.
        pg.SetAdditionalField("FutureSetting5", "changed");
        pg.SetAdditionalField("FutureSetting6", null);
        Assert.Equal("changed", pg.AdditionalFields["FutureSetting5"]);
        Assert.False(pg.AdditionalFields.ContainsKey("FutureSetting6"));
        Assert.Equal("value-7", pg.AdditionalFields["FutureSetting7"]);
        Assert.Equal(19_999, pg.AdditionalFields.Count);
        Assert.Equal(["FutureSetting4", "FutureSetting5", "FutureSetting7"], pg.AdditionalFields.Keys.Skip(4).Take(3).ToArray());
    }

    [Fact]
    public void Cdata_pieces_are_joined_in_order()
    {
        var pg = PortGroup.FromXml(XmlCDataPieces(1000, "DisplayName"));
        Assert.Equal(string.Concat(Enumerable.Repeat("abc", 1000)), pg.DisplayName);
        var unknown = PortGroup.FromXml(XmlCDataPieces(1000, "FuturePieces"));
        Assert.Equal(pg.DisplayName, unknown.AdditionalFields["FuturePieces"]);
    }

    // ------------------------------------------------------------------ one exception type

    public static TheoryData<string, byte[]> InvalidUtf8InStructuredUnknowns() => new()
    {
        { "array", [.. "{\"Future\":[\""u8, 0xA0, .. "\"]}"u8] },
        { "object value", [.. "{\"Future\":{\"a\":\""u8, 0xC3, .. "\"}}"u8] },
        { "object name", [.. "{\"Future\":{\""u8, 0xFF, .. "\":1}}"u8] },
        { "nested", [.. "{\"Future\":[1,{\"b\":[\"ok\",\""u8, 0xED, 0xA0, 0x80, .. "\"]}]}"u8] },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8InStructuredUnknowns))]
    public void Invalid_utf8_inside_a_structured_unknown_value_is_a_format_error_for_every_json_reader(string where, byte[] json)
    {
        var outcomes = Readers.All<PortGroup>(json, xml: false);
        foreach (var outcome in outcomes.Where(o => !o.Api.Contains("(string)", StringComparison.Ordinal)))
        {
            Assert.False(outcome.Succeeded, $"{where}: {outcome.Api} accepted invalid UTF-8");
            Assert.Equal(CupiWireFormat.Json, outcome.Error!.Format);
            Assert.True(outcome.Error.Line >= 1 && outcome.Error.Column >= 1, $"{where}: {outcome.Api} gave no position: {outcome.Error.Message}");
        }

        // The single-object readers name the field.
        Assert.Equal("Future", Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json.AsSpan())).Field);
    }

    [Fact]
    public void Lone_surrogate_escapes_are_refused_in_scalar_and_structured_values_alike()
    {
        foreach (var json in new[] { "{\"Future\":\"\\ud800\"}", "{\"Future\":[\"\\ud800\"]}", "{\"Future\":{\"a\":\"\\udc00x\"}}", "{\"Future\":{\"\\ud800\":1}}" })
        {
            var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
            Assert.Equal("Future", ex.Field);
            Assert.Equal(1, ex.Line);
            Assert.True(ex.Column > 10, json + ": " + ex.Message);
        }

        // A proper pair is text like any other.
        Assert.Equal("[\"\\ud83d\\ude00\"]", PortGroup.FromJson("{\"Future\":[\"\\ud83d\\ude00\"]}").AdditionalFields["Future"]);
    }

    // ------------------------------------------------------------------ lossless round trips

    [Fact]
    public void A_carriage_return_survives_xml_round_trips()
    {
        var pg = PortGroup.FromXml("<PortGroup><DisplayName>a&#xD;b</DisplayName><Future>c&#xD;d</Future><Nested><x>e&#xD;f</x></Nested></PortGroup>");
        Assert.Equal("a\rb", pg.DisplayName);
        Assert.Equal("c\rd", pg.AdditionalFields["Future"]);
        var written = pg.ToXml();
        Assert.DoesNotContain('\r', written);
        var again = PortGroup.FromXml(written);
        Assert.Equal("a\rb", again.DisplayName);
        Assert.Equal("c\rd", again.AdditionalFields["Future"]);
        Assert.Equal(pg.AdditionalFields["Nested"], again.AdditionalFields["Nested"]);
        Assert.Equal(written, again.ToXml());

        // Code-set values too, and through JSON and back.
        var set = new PortGroup { DisplayName = "x\r\ny\rz" };
        Assert.Equal("x\r\ny\rz", PortGroup.FromXml(set.ToXml()).DisplayName);
        Assert.Equal("x\r\ny\rz", PortGroup.FromXml(PortGroup.FromJson(set.ToJson()).ToXml()).DisplayName);
    }

    [Fact]
    public void Json_null_in_a_text_field_stays_null_and_empty_stays_empty()
    {
        var pg = PortGroup.FromJson("{\"DisplayName\":null,\"HostOrIPAddress\":\"\"}");
        Assert.True(pg.IsPresent("DisplayName"));
        Assert.Null(pg.DisplayName);
        Assert.Equal(string.Empty, pg.HostOrIPAddress);
        var written = pg.ToJson();
        Assert.Contains("\"DisplayName\":null", written, StringComparison.Ordinal);
        Assert.Contains("\"HostOrIPAddress\":\"\"", written, StringComparison.Ordinal);
        var again = PortGroup.FromJson(written);
        Inspect.AssertSameFields(pg, again);
        Assert.Null(again.DisplayName);
        Assert.Equal(written, again.ToJson());
    }

    private static string Nested(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth));

    [Fact]
    public void A_json_object_nested_exactly_at_the_limit_reads_alone_and_in_the_lists_the_writer_makes()
    {
        // The deepest value an object may hold: one more level is refused.
        var deepest = Nested("[", "]", CupiLimits.MaxDepth - 1);
        var pg = PortGroup.FromJson("{\"Future\":" + deepest + "}");
        Assert.Throws<CupiFormatException>(() => PortGroup.FromJson("{\"Future\":" + Nested("[", "]", CupiLimits.MaxDepth) + "}"));

        // In a list of one (a bare object) and of two (an array): the limit counts from the object.
        var one = CupiSerializer.ListToJson([pg]);
        Assert.Equal(deepest, Assert.Single(PortGroup.ListFromJson(one)).AdditionalFields["Future"]);
        var two = CupiSerializer.ListToJson([pg, pg]);
        Assert.All(PortGroup.ListFromJson(two), item => Assert.Equal(deepest, item.AdditionalFields["Future"]));

        // And still no deeper inside a list than alone.
        var tooDeep = "{\"@total\":\"2\",\"PortGroup\":[{\"Future\":" + Nested("[", "]", CupiLimits.MaxDepth) + "}]}";
        Assert.Equal("Future", Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(tooDeep)).Field);

        // Every item read back is written back alone and read again.
        Assert.Equal(deepest, PortGroup.FromJson(PortGroup.ListFromJson(two)[1].ToJson()).AdditionalFields["Future"]);
    }

    [Fact]
    public void An_xml_object_nested_exactly_at_the_limit_reads_alone_and_in_the_list_the_writer_makes()
    {
        var deepest = Nested("<a>", "</a>", CupiLimits.MaxDepth - 1);
        var pg = PortGroup.FromXml("<PortGroup><Future>" + deepest + "</Future></PortGroup>");
        Assert.Throws<CupiFormatException>(() => PortGroup.FromXml("<PortGroup><Future>" + Nested("<a>", "</a>", CupiLimits.MaxDepth) + "</Future></PortGroup>"));

        var list = CupiSerializer.ListToXml([pg, pg]);
        var read = PortGroup.ListFromXml(list);
        Assert.Equal(2, read.Count);
        Assert.Equal(pg.AdditionalFields["Future"], read[1].AdditionalFields["Future"]);
        Assert.Equal(pg.AdditionalFields["Future"], PortGroup.FromXml(read[1].ToXml()).AdditionalFields["Future"]);

        var tooDeep = "<PortGroups total=\"1\"><PortGroup><Future>" + Nested("<a>", "</a>", CupiLimits.MaxDepth) + "</Future></PortGroup></PortGroups>";
        Assert.Equal("Future", Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(tooDeep)).Field);
    }

    [Fact]
    public void Json_names_that_are_not_xml_names_come_back_from_xml_as_they_were()
    {
        var pg = PortGroup.FromJson("{\"@odata.etag\":\"W/1\",\"a b\":\"2\",\"1st\":\"3\",\"x:y\":\"4\",\"_x0040_\":\"5\",\"日本\":\"6\"}");
        var xml = pg.ToXml();
        Assert.Contains("_x0040_odata.etag", xml, StringComparison.Ordinal);
        var back = PortGroup.FromXml(xml);
        Assert.Equal(pg.AdditionalFields.ToList(), back.AdditionalFields.ToList());
        Assert.Equal(pg.ToJson(), back.ToJson());
        Assert.Equal(xml, back.ToXml());
    }

    [Fact]
    public void An_empty_json_name_cannot_go_to_xml_and_says_so()
    {
        var pg = PortGroup.FromJson("{\"\":\"v\"}");
        Assert.Equal("v", pg.AdditionalFields[string.Empty]);
        Assert.Equal("{\"\":\"v\"}", pg.ToJson());
        Assert.Throws<CupiFormatException>(() => pg.ToXml());
    }

    [Fact]
    public void Unknown_values_keep_their_format_s_whitespace_rule_in_both_readers()
    {
        // JSON strings carry no indentation: kept exactly. XML text is trimmed, as known fields are (indentation).
        Assert.Equal("  spaced  ", PortGroup.FromJson("{\"Future\":\"  spaced  \"}").AdditionalFields["Future"]);
        Assert.Equal("spaced", PortGroup.FromXml("<PortGroup><Future>\n  spaced\n</Future></PortGroup>").AdditionalFields["Future"]);

        // Either way, a second round trip changes nothing.
        var json = PortGroup.FromJson("{\"Future\":\"  spaced  \"}");
        Assert.Equal(json.ToJson(), PortGroup.FromJson(json.ToJson()).ToJson());
        var xml = PortGroup.FromXml("<PortGroup><Future>\n  spaced\n</Future></PortGroup>");
        Assert.Equal(xml.ToXml(), PortGroup.FromXml(xml.ToXml()).ToXml());
    }

    // ------------------------------------------------------------------ limits in bytes

    [Fact]
    public void The_span_overloads_refuse_a_document_over_the_limit()
    {
        var big = new byte[CupiLimits.MaxDocumentBytes + 1];
        big.AsSpan().Fill((byte)' ');
        big[0] = (byte)'{';
        Assert.Contains("larger than", Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(big.AsSpan())).Reason, StringComparison.Ordinal);
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(big.AsSpan()));
        big[0] = (byte)'<';
        Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(big.AsSpan()));
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(big.AsSpan()));
    }

    [Fact]
    public void Text_overloads_count_utf8_bytes_not_characters()
    {
        // 22.4 million three-byte characters: under the limit in characters, over it in UTF-8 bytes.
        var chars = (CupiLimits.MaxDocumentBytes / 3) + 1000;
        var value = new string('\u0939', chars);
        var json = "{\"DisplayName\":\"" + value + "\"}";
        Assert.True(json.Length < CupiLimits.MaxDocumentBytes);
        Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(json));
        var xml = "<PortGroup><DisplayName>" + value + "</DisplayName></PortGroup>";
        Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(xml));
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(xml));
    }

    [Fact]
    public void An_xml_stream_is_limited_in_bytes_whatever_its_characters()
    {
        var value = new string('\u0939', (CupiLimits.MaxDocumentBytes / 3) + 1000);
        var bytes = Encoding.UTF8.GetBytes("<PortGroup><DisplayName>" + value + "</DisplayName></PortGroup>");
        Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(new MemoryStream(bytes)));
    }

    // Attribute arguments are stored as UTF-8, which turns a lone surrogate into U+FFFD: '~' stands for it here.
    [Theory]
    [InlineData("{\"DisplayName\":\"a~b\"}", false, '\ud800')]
    [InlineData("{\n\"DisplayName\":\"a~\"}", false, '\udc00')]
    [InlineData("{\"Future\":\"~\"}", false, '\ud800')]
    [InlineData("<PortGroup><DisplayName>a~b</DisplayName></PortGroup>", true, '\ud800')]
    [InlineData("<PortGroup>\n<Future>~</Future></PortGroup>", true, '\udfff')]
    public void A_lone_surrogate_in_a_string_is_refused_with_its_position(string template, bool xml, char surrogate)
    {
        var text = template.Replace('~', surrogate);
        var ex = xml
            ? Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(text))
            : Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(text));
        Assert.Contains("surrogate", ex.Reason, StringComparison.Ordinal);
        var index = text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff');
        var line = text[..index].Count(c => c == '\n') + 1;
        Assert.Equal(line, ex.Line);
        Assert.Equal(index - text.LastIndexOf('\n', Math.Max(index - 1, 0)), ex.Column);
        if (xml)
        {
            Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(text));
        }
        else
        {
            Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(text));
        }
    }

    [Fact]
    public void The_writers_refuse_what_their_readers_would_refuse()
    {
        // A lone surrogate set by code: JSON writes U+FFFD for it (as for a known field, MalformedInputTests), never
        // the \ud800 escape its reader refuses; XML cannot carry it and says so.
        var pg = new PortGroup { DisplayName = "ok" };
        pg.SetAdditionalField("Future", "a\ud800");
        Assert.Equal("a\ufffd", PortGroup.FromJson(pg.ToJson()).AdditionalFields["Future"]);
        Assert.Throws<CupiFormatException>(() => pg.ToXml());

        var control = new PortGroup { DisplayName = "bell\u0007" };
        Assert.Equal("bell\u0007", PortGroup.FromJson(control.ToJson()).DisplayName);
        Assert.Equal("DisplayName", Assert.Throws<CupiFormatException>(() => control.ToXml()).Field);
    }

    // ------------------------------------------------------------------ strict lists

    [Fact]
    public void A_json_list_under_a_misspelled_member_is_a_format_error_not_an_empty_list()
    {
        var json = "{\"@total\":\"3\",\"PortGrup\":[{\"DisplayName\":\"a\"},{\"DisplayName\":\"b\"},{\"DisplayName\":\"c\"}]}";
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(json));
        Assert.Contains("PortGrup", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
        Assert.True(ex.Column > 1);
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(Encoding.UTF8.GetBytes(json)));

        // Another model's list is not this one's either.
        Assert.Throws<CupiFormatException>(() => PortGroupServer.ListFromJson(json.Replace("PortGrup", "PortGroup", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_xml_list_of_foreign_elements_is_a_format_error_not_an_empty_list()
    {
        var xml = "<PortGroups total=\"3\">\n<PortGrup><DisplayName>a</DisplayName></PortGrup><PortGrup/><PortGrup/></PortGroups>";
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(xml));
        Assert.Contains("PortGrup", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        // An empty list is still an empty list.
        Assert.Empty(PortGroup.ListFromXml("<PortGroups total=\"0\"/>"));
        Assert.Empty(PortGroup.ListFromJson("{\"@total\":\"0\"}"));
    }

    // ------------------------------------------------------------------ every read API, the same answer

    [Fact]
    public async Task The_async_readers_refuse_what_the_sync_readers_refuse()
    {
        var bad = Encoding.UTF8.GetBytes("{\"@total\":\"1\",\"PortGrup\":{}}");
        await Assert.ThrowsAsync<CupiFormatException>(async () => await PortGroup.ListFromJsonAsync(new MemoryStream(bad), CancellationToken.None).ConfigureAwait(true)).ConfigureAwait(true);
        byte[] invalid = [.. "{\"Future\":[\""u8, 0xA0, .. "\"]}"u8];
        await Assert.ThrowsAsync<CupiFormatException>(async () => await PortGroup.FromJsonAsync(new MemoryStream(invalid), CancellationToken.None).ConfigureAwait(true)).ConfigureAwait(true);
    }
}
