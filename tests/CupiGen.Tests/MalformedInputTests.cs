using System;
using System.Collections.Generic;
using System.Linq;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>Broken payloads fail with a CupiFormatException that names the field and the position.</summary>
public class MalformedInputTests
{
    private const string Password = "S3cr3t-Pa55word!";

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="marker"/>.</summary>
    private static (int Line, int Column) PositionOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker {marker} not found");
        var before = text[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    [Theory]
    [InlineData("{\"PortCount\":\"4\\u001b[2J\\nINFO forged\"}", false)]
    [InlineData("<PortGroup><DisplayName>a\u001bb</DisplayName></PortGroup>", true)]
    [InlineData("<PortGroup><PortCount>4\u0007</PortCount></PortGroup>", true)]
    public void Control_characters_of_a_document_are_spelled_out_in_the_message(string document, bool xml)
    {
        // Messages go to logs: a hostile document must not forge log lines or drive a terminal through them.
        var bytes = System.Text.Encoding.UTF8.GetBytes(document);
        var error = Assert.Throws<CupiFormatException>(() => xml ? (object)PortGroup.FromXml(bytes.AsSpan()) : PortGroup.FromJson(bytes.AsSpan()));
        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.DoesNotContain(error.Reason, char.IsControl);
        Assert.Contains("\\u00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documents_double_bracket_typo_names_EnableMWI_and_its_position()
    {
        // Fixture 03 as the document prints it: <EnableMWI>>true</EnableMWI>.
        var text = Fixtures.Text(3).Replace("<EnableMWI>true</EnableMWI>", "<EnableMWI>>true</EnableMWI>", StringComparison.Ordinal);
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(text));
        Assert.Equal("EnableMWI", ex.Field);
        Assert.Equal(CupiWireFormat.Xml, ex.Format);
        Assert.Contains("EnableMWI", ex.Message, StringComparison.Ordinal);
        var (line, column) = PositionOf(text, "<EnableMWI>");
        Assert.Equal(7, line);
        Assert.Equal(line, ex.Line);
        // The element: its '<' or the start of its name.
        Assert.InRange(ex.Column, column, column + 1);
        Assert.Contains($"line {ex.Line}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documents_typo_in_a_list_member_is_reported_at_that_member()
    {
        var text = Fixtures.Text(1);
        var marker = "<SipDoAuthenticate>false</SipDoAuthenticate>";
        text = text.Replace(marker, "<SipDoAuthenticate>>false</SipDoAuthenticate>", StringComparison.Ordinal);
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(text));
        Assert.Equal("SipDoAuthenticate", ex.Field);
        var (line, column) = PositionOf(text, "<SipDoAuthenticate>");
        Assert.Equal(line, ex.Line);
        Assert.InRange(ex.Column, column, column + 1);
    }

    public static TheoryData<string, string, string> JsonValueErrors() => new()
    {
        { "{\n  \"DisplayName\": \"x\",\n  \"PortCount\": \"abc\"\n}", "PortCount", "\"abc\"" },
        { "{\n  \"PortCount\": {}\n}", "PortCount", "{}" },
        { "{\n  \"PortCount\": [1]\n}", "PortCount", "[1]" },
        { "{\"DisplayName\":\"é\",\"PortCount\":\"99999999999\"}", "PortCount", "\"99999999999\"" },
        { "{\"PortCount\":99999999999}", "PortCount", "99999999999" },
        { "{\"PortCount\":1.5}", "PortCount", "1.5" },
        { "{\n\"EnableMWI\":\"yes\"}", "EnableMWI", "\"yes\"" },
        { "{\"EnableMWI\":2}", "EnableMWI", "2" },
        { "{\"EnableMWI\":{\"a\":1}}", "EnableMWI", "{\"a\"" },
        { "{\"TelephonyIntegrationMethodEnum\":\"SIP\"}", "TelephonyIntegrationMethodEnum", "\"SIP\"" },
        { "{\"DisplayName\":{\"x\":1}}", "DisplayName", "{\"x\"" },
        { "{\"SipAuthenticatePassword\":[\"" + Password + "\"]}", "SipAuthenticatePassword", "[\"" },
        { "{\"SIPTransportProtocol\":\"udp\"}", "SipTransportProtocolEnum", "\"udp\"" },
    };

    [Theory]
    [MemberData(nameof(JsonValueErrors))]
    public void Json_value_of_the_wrong_type_names_the_field_and_its_position(string json, string field, string marker)
    {
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
        Assert.Equal(field, ex.Field);
        Assert.Equal(CupiWireFormat.Json, ex.Format);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        var (line, column) = PositionOf(json, marker);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_list_members_and_in_streams_are_located_the_same_way()
    {
        var json = "{\n  \"@total\": \"2\",\n  \"PortGroup\": [\n    {\"DisplayName\": \"a\"},\n    {\"DisplayName\": \"b\", \"EnableMWI\": \"maybe\"}\n  ]\n}";
        var (line, column) = PositionOf(json, "\"maybe\"");
        var fromString = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(json));
        Assert.Equal("EnableMWI", fromString.Field);
        Assert.Equal((line, column), (fromString.Line, fromString.Column));

        var fromStream = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
        Assert.Equal((line, column), (fromStream.Line, fromStream.Column));
        Assert.Equal(fromString.Message, fromStream.Message);

        var xml = "<PortGroups total=\"2\">\n  <PortGroup/>\n  <PortGroup>\n    <PortCount>many</PortCount>\n  </PortGroup>\n</PortGroups>";
        var xmlFromString = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(xml));
        var xmlFromStream = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml))));
        Assert.Equal("PortCount", xmlFromString.Field);
        Assert.Equal(4, xmlFromString.Line);
        Assert.Equal((xmlFromString.Line, xmlFromString.Column), (xmlFromStream.Line, xmlFromStream.Column));
    }

    public static TheoryData<string, string> XmlValueErrors() => new()
    {
        { "<PortGroup>\n  <PortCount>abc</PortCount>\n</PortGroup>", "PortCount" },
        { "<PortGroup><PortCount>99999999999</PortCount></PortGroup>", "PortCount" },
        { "<PortGroup><PortCount>1.5</PortCount></PortGroup>", "PortCount" },
        { "<PortGroup>\n<EnableMWI>yes</EnableMWI></PortGroup>", "EnableMWI" },
        { "<PortGroup><TelephonyIntegrationMethodEnum>SIP</TelephonyIntegrationMethodEnum></PortGroup>", "TelephonyIntegrationMethodEnum" },
        { "<PortGroup>\n\n   <DisplayName><b>x</b></DisplayName></PortGroup>", "DisplayName" },
        { "<PortGroup><SipAuthenticatePassword><x>" + Password + "</x></SipAuthenticatePassword></PortGroup>", "SipAuthenticatePassword" },
        { "<PortGroup><SipTLSModEnum>tls</SipTLSModEnum></PortGroup>", "SipTLSModeEnum" },
    };

    [Theory]
    [MemberData(nameof(XmlValueErrors))]
    public void Xml_value_of_the_wrong_type_names_the_field_and_its_position(string xml, string field)
    {
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(xml));
        Assert.Equal(field, ex.Field);
        Assert.Equal(CupiWireFormat.Xml, ex.Format);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        // The line of the offending element (the element itself, or the child that should not be there).
        var lines = xml.Split('\n');
        var expectedLine = Array.FindIndex(lines, l => l.Contains("<" + field, StringComparison.Ordinal) || l.Contains("<SipTLSModEnum", StringComparison.Ordinal)) + 1;
        Assert.Equal(expectedLine, ex.Line);
        Assert.True(ex.Column > 0);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> StructuralJson() => new()
    {
        { "truncated object", "{\"DisplayName\":\"x\",\n\"PortCount\":" },
        { "truncated string", "{\"DisplayName\":\"x" },
        { "only an opening brace", "{" },
        { "trailing garbage", "{\"DisplayName\":\"x\"} garbage" },
        { "a second document", "{}\n{}" },
        { "trailing comma", "{\"DisplayName\":\"x\",}" },
        { "comment", "{/* c */\"DisplayName\":\"x\"}" },
        { "empty", "" },
        { "white space only", "  \n\t " },
        { "an array root", "[{\"DisplayName\":\"x\"}]" },
        { "a string root", "\"PortGroup\"" },
        { "null root", "null" },
        { "xml given to the json reader", "<PortGroup/>" },
        { "single quotes", "{'DisplayName':'x'}" },
        { "unquoted name", "{DisplayName:\"x\"}" },
        { "invalid escape", "{\"DisplayName\":\"a\\qb\"}" },
        { "control character in a string", "{\"DisplayName\":\"a\u0001b\"}" },
        { "missing colon", "{\"DisplayName\" \"x\"}" },
    };

    [Theory]
    [MemberData(nameof(StructuralJson))]
    public void Malformed_json_is_a_CupiFormatException(string what, string json)
    {
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
        Assert.Equal(CupiWireFormat.Json, ex.Format);
        Assert.True(ex.Line >= 1, what);
        Assert.True(ex.Column >= 1, what);
        Assert.True(ex.Line <= json.Count(c => c == '\n') + 1, what);
        Assert.False(string.IsNullOrWhiteSpace(ex.Reason), what);

        // The list reader agrees.
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(json));
        Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Truncated_json_reports_the_line_where_it_ends()
    {
        var json = "{\n  \"DisplayName\": \"x\",\n  \"PortCount\": ";
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
        Assert.Equal(3, ex.Line);
        Assert.Null(ex.Field);
    }

    [Fact]
    public void Trailing_garbage_after_json_is_reported_where_it_starts()
    {
        var json = "{\"DisplayName\":\"x\"}\n  oops";
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
        var (line, column) = PositionOf(json, "oops");
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
    }

    [Fact]
    public void Json_error_columns_count_characters_not_bytes()
    {
        // "é" and "日" take more than one UTF-8 byte each; the column is in characters either way.
        var json = "{\"DisplayName\":\"é日\", \"PortCount\": \"x\"}";
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(json));
        Assert.Equal(PositionOf(json, "\"x\"").Column, ex.Column);

        var garbage = "{\"DisplayName\":\"é日\"} oops";
        var ex2 = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(garbage));
        Assert.Equal(1, ex2.Line);
        Assert.Equal(PositionOf(garbage, "oops").Column, ex2.Column);
    }

    public static TheoryData<string, string> StructuralXml() => new()
    {
        { "truncated", "<PortGroup>\n  <DisplayName>x</DisplayName>\n  <PortCount>2" },
        { "truncated in a tag", "<PortGroup><DisplayName>x</Disp" },
        { "unclosed root", "<PortGroup><DisplayName>x</DisplayName>" },
        { "mismatched tags", "<PortGroup><DisplayName>x</PortCount></PortGroup>" },
        { "wrong root element", "<PortGroups total=\"1\"><PortGroup/></PortGroups>" },
        { "another resource", "<PortGroupServer><Port>1</Port></PortGroupServer>" },
        { "trailing garbage", "<PortGroup><DisplayName>x</DisplayName></PortGroup>garbage" },
        { "a second root", "<PortGroup/><PortGroup/>" },
        { "empty", "" },
        { "white space only", "  \n  " },
        { "json given to the xml reader", "{\"DisplayName\":\"x\"}" },
        { "text between fields", "<PortGroup>stray<DisplayName>x</DisplayName></PortGroup>" },
        { "undeclared entity", "<PortGroup><DisplayName>&nbsp;</DisplayName></PortGroup>" },
        { "undeclared prefix", "<PortGroup><a:DisplayName>x</a:DisplayName></PortGroup>" },
        { "invalid character", "<PortGroup><DisplayName>a\u0001b</DisplayName></PortGroup>" },
        { "double bracket in a tag", "<PortGroup>\n<<MwiMaxConcurrentRequests>3</MwiMaxConcurrentRequests>\n</PortGroup>" },
    };

    [Theory]
    [MemberData(nameof(StructuralXml))]
    public void Malformed_xml_is_a_CupiFormatException(string what, string xml)
    {
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(xml));
        Assert.Equal(CupiWireFormat.Xml, ex.Format);
        Assert.False(string.IsNullOrWhiteSpace(ex.Reason), what);
        if (xml.Trim().Length > 0)
        {
            Assert.True(ex.Line >= 1, what);
            Assert.True(ex.Column >= 1, what);
            Assert.True(ex.Line <= xml.Count(c => c == '\n') + 1, what);
        }

        Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(System.Text.Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void Truncated_xml_reports_the_last_line()
    {
        var xml = "<PortGroup>\n  <DisplayName>x</DisplayName>\n  <PortCount>2";
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(xml));
        Assert.Equal(3, ex.Line);
        Assert.Null(ex.Field);
    }

    [Fact]
    public void Wrong_root_element_names_both_elements()
    {
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromXml("<PortGroupServer/>"));
        Assert.Null(ex.Field);
        Assert.Contains("PortGroup", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PortGroupServer", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);

        var list = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml("<RtpCodecDefs total=\"0\"/>"));
        Assert.Contains("PortGroups", list.Message, StringComparison.Ordinal);

        var json = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson("[]"));
        Assert.Null(json.Field);
        Assert.Equal(1, json.Column);
    }

    [Fact]
    public void Invalid_list_totals_are_rejected()
    {
        var xml = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml("<PortGroups total=\"many\"/>"));
        Assert.Equal("total", xml.Field);
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml("<PortGroups total=\"-1\"/>"));

        var json = Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson("{\"@total\":\"many\"}"));
        Assert.Equal("@total", json.Field);
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson("{\"@total\":-1}"));
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson("{\"@total\":\"1\",\"PortGroup\":\"x\"}"));
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson("{\"@total\":\"2\",\"PortGroup\":[{},\"x\"]}"));
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson("[]"));
    }

    public static IEnumerable<object[]> SecretScenarios()
    {
        // Each payload carries the password next to a fault; the message must never repeat the password.
        yield return ["json", "{\"SipAuthenticatePassword\":\"" + Password + "\",\"PortCount\":\"abc\"}"];
        yield return ["json", "{\"SipAuthenticatePassword\":\"" + Password + "\",\"EnableMWI\":\"yes\"}"];
        yield return ["json", "{\"SipAuthenticatePassword\":\"" + Password + "\""];
        yield return ["json", "{\"SipAuthenticatePassword\":\"" + Password];
        yield return ["json", "{\"SipAuthenticatePassword\":\"" + Password + "\"} trailing"];
        yield return ["json", "{\"SipAuthenticatePassword\":" + Password + "}"];
        yield return ["json", "{\"SipAuthenticatePassword\":\"" + Password + "\\q\"}"];
        yield return ["json", "{\"SipAuthenticatePassword\":{\"p\":\"" + Password + "\"}}"];
        yield return ["json", "{\"SipAuthenticatePassword\":\"" + Password + "\u0001\"}"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password + "</SipAuthenticatePassword><PortCount>abc</PortCount></PortGroup>"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password + "</SipAuthenticatePassword>"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password + "</SipAuthenticatePasswor></PortGroup>"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password + "&x;</SipAuthenticatePassword></PortGroup>"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password + "\u0001</SipAuthenticatePassword></PortGroup>"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password + "<x/></SipAuthenticatePassword></PortGroup>"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword>" + Password + "</SipAuthenticatePassword></PortGroup><x/>"];
        yield return ["xml", "<PortGroup><SipAuthenticatePassword a=\"" + Password + "\">x</SipAuthenticatePassword><EnableMWI>>true</EnableMWI></PortGroup>"];
    }

    [Theory]
    [MemberData(nameof(SecretScenarios))]
    public void Messages_never_carry_the_password(string format, string payload)
    {
        var ex = Assert.Throws<CupiFormatException>(() =>
        {
            if (format == "json")
            {
                PortGroup.FromJson(payload);
            }
            else
            {
                PortGroup.FromXml(payload);
            }
        });
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.Reason, StringComparison.Ordinal);
        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            Assert.DoesNotContain(Password, inner.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Writing_a_password_that_a_format_cannot_carry_does_not_echo_it()
    {
        // XML cannot carry a control character: the writer refuses, naming the field but not the value.
        var xmlEx = Assert.Throws<CupiFormatException>(() => new PortGroup { SipAuthenticatePassword = Password + "\u0001" }.ToXml());
        Assert.Equal("SipAuthenticatePassword", xmlEx.Field);
        Assert.Equal(CupiWireFormat.Xml, xmlEx.Format);
        Assert.DoesNotContain(Password, xmlEx.ToString(), StringComparison.Ordinal);

        // JSON escapes it; a lone surrogate is replaced, and the result is still valid JSON.
        var json = new PortGroup { SipAuthenticatePassword = Password + "\u0001\ud800" }.ToJson();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.StartsWith(Password + "\u0001", document.RootElement.GetProperty("SipAuthenticatePassword").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_masks_the_password()
    {
        var pg = new PortGroup { DisplayName = "pg", SipAuthenticateAsUser = "SIPUser", SipAuthenticatePassword = Password };
        var text = pg.ToString();
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.Contains("SipAuthenticatePassword", text, StringComparison.Ordinal);
        Assert.Contains("SIPUser", text, StringComparison.Ordinal);
        Assert.Contains("pg", text, StringComparison.Ordinal);

        var fromDoc = PortGroup.FromXml(Fixtures.Text(3));
        Assert.DoesNotContain("TY1U18Zb0s6xg6UAFpyhnw==", fromDoc.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", fromDoc.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TY1U18Zb0s6xg6UAFpyhnw==", Assert.Single(PortGroup.ListFromXml(fromDoc.ToXml())).ToString(), StringComparison.Ordinal);

        // Without a password nothing is masked.
        Assert.DoesNotContain("***", new PortGroup { DisplayName = "pg" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_argument_exceptions_not_format_exceptions()
    {
        Assert.Throws<ArgumentNullException>(() => PortGroup.FromJson((string)null!));
        Assert.Throws<ArgumentNullException>(() => PortGroup.FromXml((string)null!));
        Assert.Throws<ArgumentNullException>(() => PortGroup.FromJson((System.IO.Stream)null!));
    }
}
