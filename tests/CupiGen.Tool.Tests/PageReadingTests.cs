using System.Linq;
using CupiGen.Tool.Extract;
using CupiGen.Tool.Page;
using CupiGen.Tool.Tests.Infrastructure;

namespace CupiGen.Tool.Tests;

/// <summary>Reading the page's structure: page headers, tables cut by page breaks, examples cut or malformed, requests.</summary>
public sealed class PageReadingTests
{
    private static PageContent Content(params string[] lines) => PageContent.Read(CupiPage.Parse(Repo.MiniPage(lines), "mini.txt"));

    [Fact]
    public void A_table_row_continues_after_the_page_header_a_page_break_puts_inside_it()
    {
        var page = CupiPage.Parse(Repo.MiniPage(
            "Parameter\tOperations\tData Type\tComments",
            "Size\tRead/Write\tInteger\t<p>The range can vary from 0 through 100.</p>",
            "",
            "Cisco_Unity_Connection_Provisioning_Interface_(CUPI)_API_--_Widgets",
            "",
            "\t\t\tDefault value is 5.",
            "Name\tRead Only\tString(64)\tName of the widget."), "mini.txt");
        var rows = DataTable.Read(page);
        Assert.Equal(new[] { "Size", "Name" }, rows.Select(r => r.Name).ToArray());
        Assert.Equal("<p>The range can vary from 0 through 100.</p> Default value is 5.", rows[0].Comment);
        Assert.Equal(new[] { 10 }, rows[0].ContinuationLines);
        Assert.Equal("Read Only", rows[1].Operations);
    }

    [Fact]
    public void A_code_block_cut_by_a_page_break_is_one_example_with_split_values_rejoined()
    {
        var content = Content(
            "```",
            "<Widgets total=\"2\">",
            "  <Widget>",
            "    <ObjectId>",
            "      8275234c-6ea4-4a4b-87c1-",
            "```",
            "",
            "Cisco_Unity_Connection_Provisioning_Interface_(CUPI)_API_--_Widgets",
            "",
            "```",
            "748be1394415</ObjectId>",
            "<Enabled>>true</Enabled>",
            "<Label/>",
            "</Widget>",
            "<Widget><ObjectId>x</ObjectId></Widget>",
            "</Widgets>",
            "```");
        Assert.Equal(2, content.Objects.Count);
        var first = content.Objects[0];
        Assert.Equal(("Widget", "Widgets"), (first.Element, first.ListElement));
        Assert.Equal("8275234c-6ea4-4a4b-87c1-748be1394415", first.Fields[0].Value);
        Assert.Equal(">true", first.Fields[1].Value);
        Assert.True(first.Fields[2].Empty);
        Assert.Empty(content.Problems);
    }

    [Fact]
    public void Malformed_xml_is_read_and_each_repair_reported()
    {
        var content = Content(
            "```",
            "<EnableMWI>true</EnableMWI>",
            "<<MaxRequests>3</MaxRequests>",
            "<ProfileObjectId>15a3a4d9</ProfileC",
            "<CertificateObjectId>2654ba6a</",
            "  CertificateObjectId>",
            "```");
        var fields = content.Objects.Single().Fields;
        Assert.Equal(new[] { "EnableMWI", "MaxRequests", "ProfileObjectId", "CertificateObjectId" }, fields.Select(f => f.Name).ToArray());
        Assert.Equal("15a3a4d9", fields[2].Value);
        Assert.Equal("2654ba6a", fields[3].Value);
        Assert.Contains(content.Problems, p => p.Message.Contains("fragment", System.StringComparison.Ordinal));
        Assert.Contains(content.Problems, p => p.Message.Contains("stray '<'", System.StringComparison.Ordinal) && p.Line == 7);
        Assert.Contains(content.Problems, p => p.Message.Contains("truncated closing tag", System.StringComparison.Ordinal) && p.Line == 8);
        Assert.Contains(content.Problems, p => p.Message.Contains("split across lines", System.StringComparison.Ordinal) && p.Line == 9);
    }

    [Fact]
    public void Json_with_a_status_line_inside_or_without_its_opening_brace_is_read_and_reported()
    {
        var withStatus = Content("```", "{", "  \"Name\": \"a\",", "  \"Size\": \"2\"", "}", "Response Code: 200", "```");
        Assert.Equal(new[] { "Name", "Size" }, withStatus.Objects.Single().Fields.Select(f => f.Name).ToArray());
        Assert.Contains(withStatus.Problems, p => p.Category == "invalid-json" && p.Line == 10);

        var noBrace = Content("```", "\"@total\": \"2\",", "\"Widget\": [", "  { \"Name\": \"a\" },", "  { \"Name\": \"b\" }", "]", "} </pre>", "```");
        Assert.Equal(new[] { "a", "b" }, noBrace.Objects.Select(o => o.Fields.Single().Value).ToArray());
        Assert.All(noBrace.Objects, o => Assert.Equal("Widget", o.Element));
        Assert.Contains(noBrace.Problems, p => p.Category == "invalid-json");

        var listOfOne = Content("```", "{", "\"@total\": \"1\",", "\"Widget\":", "{", "\"Name\": \"a\"", "}", "}", "```");
        Assert.Equal("Widget", listOfOne.Objects.Single().Element);
    }

    [Fact]
    public void A_request_without_a_verb_takes_it_from_the_prose_and_collects_its_status()
    {
        var content = Content(
            "Deleting a Widget",
            "",
            "The following is an example of the DELETE request that deletes a widget:",
            "",
            "```",
            "https://<connection_server>/vmrest/widgets/<widget - objectId>",
            "```",
            "",
            "```",
            "Response Code: 204",
            "```");
        var delete = content.Requests.Single(r => r.Line == 10);
        Assert.Equal(("DELETE", true), (delete.Method, delete.MethodFromProse));
        Assert.Equal("/vmrest/widgets/<widget - objectId>", delete.RawPath);
        Assert.Equal(204, delete.Status);
        Assert.Equal("GET", content.Requests.Single(r => r.Line == 3).Method);
    }

    [Fact]
    public void Wire_names_match_table_names_by_case_enum_suffix_or_one_letter()
    {
        var wire = new[] { "SipTransportProtocolEnum", "SipTLSModeEnum", "DisplayName" };
        Assert.Equal("SipTransportProtocolEnum", SchemaExtractor.MatchWireName("SIPTransportProtocol", wire));
        Assert.Equal("SipTLSModeEnum", SchemaExtractor.MatchWireName("SipTLSModEnum", wire));
        Assert.Equal("DisplayName", SchemaExtractor.MatchWireName("displayname", wire));
        Assert.Null(SchemaExtractor.MatchWireName("SipRPIDDisplayName", wire));
    }

    [Fact]
    public void Example_only_fields_are_typed_from_their_values()
    {
        Assert.Equal("boolean", SchemaExtractor.InferType(new[] { "true", ">true", "false" }));
        Assert.Equal("integer", SchemaExtractor.InferType(new[] { "0", " 2500 ", "-1" }));
        Assert.Equal("string", SchemaExtractor.InferType(new[] { "10.10.10.10", "1" }));
        Assert.Equal("string", SchemaExtractor.InferType(new[] { "" }));
    }

    [Fact]
    public void A_page_that_is_not_a_cupi_page_is_refused_with_a_clear_message()
    {
        var ex = Assert.Throws<PageFormatException>(() => CupiPage.Parse("# My README\n\nNothing to see.\n", "README.md"));
        Assert.Contains("not a CUPI documentation page", ex.Message, System.StringComparison.Ordinal);
        var open = Assert.Throws<PageFormatException>(() => CupiPage.Parse(Repo.MiniPage("```", "<Widget>"), "open.txt"));
        Assert.Contains("open.txt(5)", open.Message, System.StringComparison.Ordinal);
    }
}
