using System;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>CUPI's JSON and XML dialects: strings for scalars, lenient reading, list shapes, presence, enums and aliases.</summary>
public class WireDialectTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Json_scalars_are_written_as_strings()
    {
        var pg = new PortGroup
        {
            EnableMWI = true,
            MwiRetryCountOnSuccess = 2,
            TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip,
            SipTLSModeEnum = SipTlsMode.Encrypted,
            DisplayName = "x",
        };
        var json = pg.ToJson();
        Assert.Contains("\"EnableMWI\":\"true\"", json, StringComparison.Ordinal);
        Assert.Contains("\"MwiRetryCountOnSuccess\":\"2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"TelephonyIntegrationMethodEnum\":\"2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"SipTLSModeEnum\":\"11\"", json, StringComparison.Ordinal);

        foreach (var property in Json(json).EnumerateObject())
        {
            Assert.Equal(JsonValueKind.String, property.Value.ValueKind);
        }

        // PortCount of fixture 02 is "2" and stays a string.
        var fromDoc = Assert.Single(PortGroup.ListFromJson(Fixtures.Text(2)));
        Assert.Contains("\"PortCount\":\"2\"", fromDoc.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"EnableMWI\":\"true\"", fromDoc.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("\"5\"", 5)]
    [InlineData("\" 5 \"", 5)]
    [InlineData("\"\\n   5\\n  \"", 5)]
    [InlineData("-3", -3)]
    [InlineData("\"-3\"", -3)]
    [InlineData("0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("\"-2147483648\"", int.MinValue)]
    public void Json_integers_read_as_numbers_or_strings(string literal, int expected)
    {
        var pg = PortGroup.FromJson($"{{\"PortCount\":{literal}}}");
        Assert.Equal(expected, pg.PortCount);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"True\"", true)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"  true\\n\"", true)]
    public void Json_booleans_are_read_leniently(string literal, bool expected)
    {
        var pg = PortGroup.FromJson($"{{\"EnableMWI\":{literal}}}");
        Assert.Equal(expected, pg.EnableMWI);
        Assert.Contains(expected ? "\"EnableMWI\":\"true\"" : "\"EnableMWI\":\"false\"", pg.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("\n   true\n  ", true)]
    public void Xml_booleans_are_read_leniently_and_written_canonically(string text, bool expected)
    {
        var pg = PortGroup.FromXml($"<PortGroup><EnableMWI>{text}</EnableMWI></PortGroup>");
        Assert.Equal(expected, pg.EnableMWI);
        Assert.Equal(expected ? "true" : "false", XElement.Parse(pg.ToXml()).Element("EnableMWI")!.Value);
    }

    [Fact]
    public void Padding_around_values_is_trimmed_in_both_formats()
    {
        var xml = PortGroup.FromXml(
            "<PortGroup>\n  <DisplayName>\n     padded name \n  </DisplayName>\n  <PortCount>\r\n\t 7 \r\n</PortCount>\n" +
            "  <TelephonyIntegrationMethodEnum>  2\n</TelephonyIntegrationMethodEnum>\n</PortGroup>");
        Assert.Equal("padded name", xml.DisplayName);
        Assert.Equal(7, xml.PortCount);
        Assert.Equal(TelephonyIntegrationMethod.Sip, xml.TelephonyIntegrationMethodEnum);

        var json = PortGroup.FromJson("{\"DisplayName\":\"\\n   padded name  \\n\",\"PortCount\":\"\\t7\\n\",\"TelephonyIntegrationMethodEnum\":\" 2 \"}");
        Assert.Equal("padded name", json.DisplayName);
        Assert.Equal(7, json.PortCount);
        Assert.Equal(TelephonyIntegrationMethod.Sip, json.TelephonyIntegrationMethodEnum);
    }

    [Fact]
    public void Json_empty_list_is_only_a_total()
    {
        var list = PortGroup.ListFromJson("{\"@total\":\"0\"}");
        Assert.Empty(list);
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public void Json_total_may_be_a_number_and_counts_more_than_one_page()
    {
        var list = PortGroup.ListFromJson("{\"@total\":42,\"PortGroup\":[{\"DisplayName\":\"a\"},{\"DisplayName\":\"b\"}]}");
        Assert.Equal(2, list.Count);
        Assert.Equal(42, list.Total);
        Assert.Equal("b", list[1].DisplayName);
    }

    [Fact]
    public void Json_list_of_one_as_an_object()
    {
        var list = PortGroupTemplate.ListFromJson("{\"@total\":\"1\",\"PortGroupTemplate\":{\"TemplateDescriptionDefault\":\"SIP\"}}");
        Assert.Equal("SIP", Assert.Single(list).TemplateDescriptionDefault);
        Assert.Equal(1, list.Total);
    }

    [Fact]
    public void Json_list_without_total_counts_its_items()
    {
        var list = PortGroup.ListFromJson("{\"PortGroup\":[{},{},{}]}");
        Assert.Equal(3, list.Count);
        Assert.Equal(3, list.Total);
    }

    [Fact]
    public void Xml_list_with_total_attribute()
    {
        var list = PortGroup.ListFromXml("<PortGroups total=\"3\"><PortGroup><DisplayName>a</DisplayName></PortGroup></PortGroups>");
        Assert.Equal("a", Assert.Single(list).DisplayName);
        Assert.Equal(3, list.Total);

        var empty = PortGroup.ListFromXml("<PortGroups total=\"0\"/>");
        Assert.Empty(empty);
        Assert.Equal(0, empty.Total);

        var noTotal = PortGroup.ListFromXml("<PortGroups><PortGroup/><PortGroup/></PortGroups>");
        Assert.Equal(2, noTotal.Count);
        Assert.Equal(2, noTotal.Total);
    }

    [Fact]
    public void ListToJson_writes_cupi_shapes()
    {
        var a = new PortGroup { DisplayName = "a" };
        var b = new PortGroup { DisplayName = "b" };

        var none = Json(CupiSerializer.ListToJson(Array.Empty<PortGroup>()));
        Assert.Equal("0", none.GetProperty("@total").GetString());
        Assert.Single(none.EnumerateObject());

        var one = Json(CupiSerializer.ListToJson([a]));
        Assert.Equal("1", one.GetProperty("@total").GetString());
        Assert.Equal(JsonValueKind.Object, one.GetProperty("PortGroup").ValueKind);
        Assert.Equal("a", one.GetProperty("PortGroup").GetProperty("DisplayName").GetString());

        var two = Json(CupiSerializer.ListToJson([a, b], total: 17));
        Assert.Equal("17", two.GetProperty("@total").GetString());
        Assert.Equal(JsonValueKind.Array, two.GetProperty("PortGroup").ValueKind);
        Assert.Equal(2, two.GetProperty("PortGroup").GetArrayLength());

        // A CupiList keeps its server total.
        var page = new CupiGen.CupiList<PortGroup>(new[] { a }, 9);
        Assert.Equal("9", Json(CupiSerializer.ListToJson(page)).GetProperty("@total").GetString());

        // What is written reads back.
        var back = PortGroup.ListFromJson(CupiSerializer.ListToJson([a, b], total: 17));
        Assert.Equal(17, back.Total);
        Assert.Equal("b", back[1].DisplayName);
    }

    [Fact]
    public void ListToXml_writes_cupi_shapes()
    {
        var none = XElement.Parse(CupiSerializer.ListToXml(Array.Empty<RtpCodecDef>()));
        Assert.Equal("RtpCodecDefs", none.Name.LocalName);
        Assert.Equal("0", none.Attribute("total")!.Value);
        Assert.Empty(none.Elements());

        var two = XElement.Parse(CupiSerializer.ListToXml([CupiModelFactory.RtpCodecDef(displayName: "G.722"), new RtpCodecDef()], total: 5));
        Assert.Equal("5", two.Attribute("total")!.Value);
        Assert.Equal(2, two.Elements("RtpCodecDef").Count());
        Assert.Equal("G.722", two.Element("RtpCodecDef")!.Element("DisplayName")!.Value);

        var page = new CupiGen.CupiList<RtpCodecDef>(new[] { new RtpCodecDef() }, 4);
        Assert.Equal("4", XElement.Parse(CupiSerializer.ListToXml(page)).Attribute("total")!.Value);
    }

    [Fact]
    public void Empty_string_field_is_present_but_empty_and_absent_is_absent()
    {
        var xml = PortGroup.FromXml("<PortGroup><SipContactLineName/><MwiOnCode></MwiOnCode></PortGroup>");
        Assert.True(xml.IsPresent("SipContactLineName"));
        Assert.Equal(string.Empty, xml.SipContactLineName);
        Assert.Equal(string.Empty, xml.MwiOnCode);
        Assert.False(xml.IsPresent("DisplayName"));
        Assert.Null(xml.DisplayName);
        var xmlOut = XElement.Parse(xml.ToXml());
        Assert.Equal(string.Empty, xmlOut.Element("SipContactLineName")!.Value);
        Assert.Null(xmlOut.Element("DisplayName"));

        var json = PortGroup.FromJson("{\"SipContactLineName\":\"\"}");
        Assert.True(json.IsPresent("SipContactLineName"));
        Assert.Equal(string.Empty, json.SipContactLineName);
        Assert.Equal(string.Empty, Json(json.ToJson()).GetProperty("SipContactLineName").GetString());
        Assert.False(Json(json.ToJson()).TryGetProperty("DisplayName", out _));
    }

    [Fact]
    public void Empty_int_bool_and_enum_fields_are_present_without_a_value_and_written_back_empty()
    {
        var xml = PortGroup.FromXml("<PortGroup><PortCount/><EnableMWI></EnableMWI><TelephonyIntegrationMethodEnum>  </TelephonyIntegrationMethodEnum></PortGroup>");
        Assert.Null(xml.PortCount);
        Assert.True(xml.IsPresent("PortCount"));
        Assert.Null(xml.EnableMWI);
        Assert.True(xml.IsPresent("EnableMWI"));
        Assert.Null(xml.TelephonyIntegrationMethodEnum);
        Assert.True(xml.IsPresent("TelephonyIntegrationMethodEnum"));
        Assert.False(xml.IsPresent("OutgoingGuardTimeMs"));

        var written = XElement.Parse(xml.ToXml());
        foreach (var name in new[] { "PortCount", "EnableMWI", "TelephonyIntegrationMethodEnum" })
        {
            var element = written.Element(name);
            Assert.NotNull(element);
            Assert.Equal(string.Empty, element.Value);
        }

        var asJson = Json(xml.ToJson());
        Assert.Equal(string.Empty, asJson.GetProperty("PortCount").GetString());
        Assert.Equal(string.Empty, asJson.GetProperty("EnableMWI").GetString());
        Assert.Equal(string.Empty, asJson.GetProperty("TelephonyIntegrationMethodEnum").GetString());

        var json = PortGroup.FromJson("{\"PortCount\":\"\",\"EnableMWI\":\"\",\"SipTLSModeEnum\":\"\"}");
        Assert.Null(json.PortCount);
        Assert.True(json.IsPresent("PortCount"));
        Assert.Null(json.EnableMWI);
        Assert.True(json.IsPresent("EnableMWI"));
        Assert.Null(json.SipTLSModeEnum);
        Assert.True(json.IsPresent("SipTLSModeEnum"));
        var back = PortGroup.FromXml(json.ToXml());
        Inspect.AssertSameFields(json, back);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public void An_enum_value_no_member_names_is_kept_and_written_back(string format)
    {
        var pg = format == "json"
            ? PortGroup.FromJson("{\"TelephonyIntegrationMethodEnum\":\"7\",\"SipTLSModeEnum\":12,\"ResetStatusEnum\":\"102\"}")
            : PortGroup.FromXml("<PortGroup><TelephonyIntegrationMethodEnum>7</TelephonyIntegrationMethodEnum><SipTLSModeEnum>12</SipTLSModeEnum><ResetStatusEnum>102</ResetStatusEnum></PortGroup>");
        Assert.Equal(7, (int)pg.TelephonyIntegrationMethodEnum!.Value);
        Assert.False(Enum.IsDefined(pg.TelephonyIntegrationMethodEnum.Value));
        Assert.Equal(12, (int)pg.SipTLSModeEnum!.Value);
        Assert.Equal(102, (int)pg.ResetStatusEnum!.Value);

        var json = Json(pg.ToJson());
        Assert.Equal("7", json.GetProperty("TelephonyIntegrationMethodEnum").GetString());
        Assert.Equal("12", json.GetProperty("SipTLSModeEnum").GetString());
        Assert.Equal("102", json.GetProperty("ResetStatusEnum").GetString());
        Assert.Equal("7", XElement.Parse(pg.ToXml()).Element("TelephonyIntegrationMethodEnum")!.Value);
        Assert.Empty(pg.AdditionalFields);
    }

    [Fact]
    public void Aliases_read_into_the_real_field_and_are_written_under_the_canonical_name()
    {
        var json = PortGroup.FromJson("{\"SIPTransportProtocol\":\"10\",\"SipTLSModEnum\":\"11\"}");
        Assert.Equal(SipTransportProtocol.Udp, json.SipTransportProtocolEnum);
        Assert.Equal(SipTlsMode.Encrypted, json.SipTLSModeEnum);
        Assert.True(json.IsPresent("SipTransportProtocolEnum"));
        Assert.True(json.IsPresent("SipTLSModeEnum"));
        Assert.Empty(json.AdditionalFields);
        var written = Json(json.ToJson());
        Assert.Equal("10", written.GetProperty("SipTransportProtocolEnum").GetString());
        Assert.Equal("11", written.GetProperty("SipTLSModeEnum").GetString());
        Assert.False(written.TryGetProperty("SIPTransportProtocol", out _));
        Assert.False(written.TryGetProperty("SipTLSModEnum", out _));

        var xml = PortGroup.FromXml("<PortGroup><SIPTransportProtocol>11</SIPTransportProtocol><SipTLSModEnum>10</SipTLSModEnum></PortGroup>");
        Assert.Equal(SipTransportProtocol.Tcp, xml.SipTransportProtocolEnum);
        Assert.Equal(SipTlsMode.Authenticated, xml.SipTLSModeEnum);
        Assert.Empty(xml.AdditionalFields);
        var element = XElement.Parse(xml.ToXml());
        Assert.Equal("11", element.Element("SipTransportProtocolEnum")!.Value);
        Assert.Equal("10", element.Element("SipTLSModeEnum")!.Value);
        Assert.Null(element.Element("SIPTransportProtocol"));
        Assert.Null(element.Element("SipTLSModEnum"));
    }

    [Fact]
    public void Document_spellings_of_field_names_are_aliases_too()
    {
        // The document's prose spells these MediaPortGroupTemplateObjectID and HostorIpAddress.
        var pg = PortGroup.FromJson("{\"MediaPortGroupTemplateObjectID\":\"90dd306f-b8af-46b6-8289-f13437cc1e5e\",\"HostorIpAddress\":\"10.10.10.10\"}");
        Assert.Equal("90dd306f-b8af-46b6-8289-f13437cc1e5e", pg.MediaPortGroupTemplateObjectId);
        Assert.Equal("10.10.10.10", pg.HostOrIPAddress);
        Assert.Empty(pg.AdditionalFields);
        var json = pg.ToJson();
        Assert.Contains("\"MediaPortGroupTemplateObjectId\"", json, StringComparison.Ordinal);
        Assert.Contains("\"HostOrIPAddress\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_property_names_are_matched_after_unescaping()
    {
        var pg = PortGroup.FromJson("{\"Display\\u004eame\":\"x\",\"Port\\u0043ount\":\"3\"}");
        Assert.Equal("x", pg.DisplayName);
        Assert.Equal(3, pg.PortCount);
        Assert.Empty(pg.AdditionalFields);
    }

    [Fact]
    public void Json_null_reads_as_no_value()
    {
        var pg = PortGroup.FromJson("{\"PortCount\":null,\"EnableMWI\":null}");
        Assert.Null(pg.PortCount);
        Assert.Null(pg.EnableMWI);
    }

    [Fact]
    public void Non_ascii_and_markup_characters_survive_both_formats()
    {
        var pg = new PortGroup { DisplayName = "Zürich <SIP> & \"quotes\" 日本", MwiOnCode = "a\\b" };
        var fromJson = PortGroup.FromJson(pg.ToJson());
        var fromXml = PortGroup.FromXml(pg.ToXml());
        Assert.Equal(pg.DisplayName, fromJson.DisplayName);
        Assert.Equal(pg.DisplayName, fromXml.DisplayName);
        Assert.Equal(pg.MwiOnCode, fromJson.MwiOnCode);
        Assert.Equal(pg.MwiOnCode, fromXml.MwiOnCode);
    }

    [Fact]
    public void Xml_declaration_comments_and_namespaces_do_not_get_in_the_way()
    {
        var pg = PortGroup.FromXml("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- c -->\n<PortGroup><!-- x --><DisplayName>a<!-- y -->b</DisplayName><PortCount><![CDATA[ 4 ]]></PortCount></PortGroup>\n");
        Assert.Equal("ab", pg.DisplayName);
        Assert.Equal(4, pg.PortCount);
    }
}
