using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>Fields the schema does not know are kept, in order, and written back unchanged.</summary>
public class AdditionalFieldsTests
{
    private const string JsonWithUnknowns =
        "{\"ZetaNew\":\"first\",\"DisplayName\":\"dn\",\"Nested\":{\"a\":\"1\",\"b\":[1,2,{\"c\":null}]}," +
        "\"Count\":5,\"Flag\":true,\"Nothing\":null,\"List\":[\"x\",\"y\"],\"AlphaLast\":\"  spaced  \"}";

    private const string XmlWithUnknowns =
        "<PortGroup><ZetaNew>first</ZetaNew><DisplayName>dn</DisplayName>" +
        "<Nested><a>1</a><b><c/><c>x &amp; y</c></b></Nested><Empty/><Text>\n  padded\n</Text>" +
        "<Attr kind=\"k\"><Inner id=\"7\">v</Inner></Attr><AlphaLast>last</AlphaLast></PortGroup>";

    [Fact]
    public void Json_unknown_fields_are_kept_in_arrival_order()
    {
        var pg = PortGroup.FromJson(JsonWithUnknowns);
        Assert.Equal("dn", pg.DisplayName);
        Assert.Equal(["ZetaNew", "Nested", "Count", "Flag", "Nothing", "List", "AlphaLast"], pg.AdditionalFields.Keys.ToArray());
        Assert.Equal("first", pg.AdditionalFields["ZetaNew"]);
        Assert.Equal("5", pg.AdditionalFields["Count"]);
        Assert.Equal("true", pg.AdditionalFields["Flag"]);
        Assert.True(pg.IsPresent("Nested"));
        Assert.False(pg.IsPresent("NotThere"));

        using var nested = JsonDocument.Parse(pg.AdditionalFields["Nested"]);
        Assert.Equal("1", nested.RootElement.GetProperty("a").GetString());
        Assert.Equal(3, nested.RootElement.GetProperty("b").GetArrayLength());
    }

    [Fact]
    public void Json_unknown_fields_are_written_back_unchanged()
    {
        var pg = PortGroup.FromJson(JsonWithUnknowns);
        var written = pg.ToJson();
        using var original = JsonDocument.Parse(JsonWithUnknowns);
        using var output = JsonDocument.Parse(written);

        // Every unknown property comes back with a deeply equal value, in the same relative order.
        var unknownNames = original.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "DisplayName").ToArray();
        Assert.Equal(unknownNames, output.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "DisplayName").ToArray());
        foreach (var name in unknownNames)
        {
            Assert.True(
                JsonElement.DeepEquals(original.RootElement.GetProperty(name), output.RootElement.GetProperty(name)),
                $"{name} changed: {output.RootElement.GetProperty(name).GetRawText()}");
        }

        var again = PortGroup.FromJson(written);
        Inspect.AssertSameFields(pg, again);
        Assert.Equal(written, again.ToJson());
    }

    [Fact]
    public void Xml_unknown_fields_are_kept_in_order_and_written_back_unchanged()
    {
        var pg = PortGroup.FromXml(XmlWithUnknowns);
        Assert.Equal("dn", pg.DisplayName);
        Assert.Equal(["ZetaNew", "Nested", "Empty", "Text", "Attr", "AlphaLast"], pg.AdditionalFields.Keys.ToArray());
        Assert.Equal("first", pg.AdditionalFields["ZetaNew"]);
        Assert.Equal(string.Empty, pg.AdditionalFields["Empty"]);
        Assert.Equal("padded", pg.AdditionalFields["Text"]);

        var written = XElement.Parse(pg.ToXml());
        var original = XElement.Parse(XmlWithUnknowns);
        Assert.True(XNode.DeepEquals(original.Element("Nested"), written.Element("Nested")), written.Element("Nested")!.ToString());
        Assert.Equal("x & y", written.Element("Nested")!.Element("b")!.Elements("c").Last().Value);
        Assert.True(XNode.DeepEquals(original.Element("Attr")!.Element("Inner"), written.Element("Attr")!.Element("Inner")));
        Assert.Equal(
            original.Elements().Select(e => e.Name.LocalName).Where(n => n != "DisplayName"),
            written.Elements().Select(e => e.Name.LocalName).Where(n => n != "DisplayName"));

        var again = PortGroup.FromXml(pg.ToXml());
        Inspect.AssertSameFields(pg, again);
        Assert.Equal(pg.ToXml(), again.ToXml());
    }

    [Fact]
    public void Unknown_fields_inside_list_members_survive_a_list_round_trip()
    {
        var xml = "<PortGroups total=\"2\"><PortGroup><New>1</New></PortGroup><PortGroup><Other><x/></Other></PortGroup></PortGroups>";
        var list = PortGroup.ListFromXml(xml);
        var back = PortGroup.ListFromXml(CupiSerializer.ListToXml(list));
        Assert.Equal("1", back[0].AdditionalFields["New"]);
        Assert.True(back[1].IsPresent("Other"));
        Inspect.AssertSameFields(list[1], back[1]);

        var json = "{\"@total\":\"2\",\"PortGroup\":[{\"New\":\"1\"},{\"Other\":{\"x\":[]}}]}";
        var jlist = PortGroup.ListFromJson(json);
        var jback = PortGroup.ListFromJson(CupiSerializer.ListToJson(jlist));
        Inspect.AssertSameFields(jlist[0], jback[0]);
        Inspect.AssertSameFields(jlist[1], jback[1]);
    }

    [Fact]
    public void Unknown_members_of_a_list_document_are_skipped()
    {
        var list = PortGroup.ListFromJson("{\"@total\":\"1\",\"@next\":{\"a\":[1]},\"PortGroup\":{\"DisplayName\":\"a\"}}");
        Assert.Equal("a", Assert.Single(list).DisplayName);

        var xml = PortGroup.ListFromXml("<PortGroups total=\"1\"><Paging><Next/></Paging><PortGroup><DisplayName>a</DisplayName></PortGroup></PortGroups>");
        Assert.Equal("a", Assert.Single(xml).DisplayName);
    }

    [Fact]
    public void Scalar_unknown_fields_cross_formats()
    {
        var pg = PortGroup.FromJson("{\"NewSetting\":\"on\",\"NewCount\":\"3\"}");
        var xml = PortGroup.FromXml(pg.ToXml());
        Assert.Equal("on", xml.AdditionalFields["NewSetting"]);
        Assert.Equal("3", xml.AdditionalFields["NewCount"]);
        var json = PortGroup.FromJson(xml.ToJson());
        Assert.Equal(pg.AdditionalFields.ToList(), json.AdditionalFields.ToList());
    }

    [Fact]
    public void SetAdditionalField_adds_replaces_and_removes()
    {
        var pg = new PortGroup();
        Assert.Empty(pg.AdditionalFields);
        pg.SetAdditionalField("NewField", "v1");
        pg.SetAdditionalField("Other", "o");
        Assert.Equal("v1", pg.AdditionalFields["NewField"]);
        Assert.True(pg.IsPresent("NewField"));
        Assert.Equal("v1", JsonDocument.Parse(pg.ToJson()).RootElement.GetProperty("NewField").GetString());
        Assert.Equal("v1", XElement.Parse(pg.ToXml()).Element("NewField")!.Value);

        pg.SetAdditionalField("NewField", "v2");
        Assert.Equal(["NewField", "Other"], pg.AdditionalFields.Keys.ToArray());
        Assert.Equal("v2", pg.AdditionalFields["NewField"]);

        pg.SetAdditionalField("NewField", null);
        Assert.False(pg.AdditionalFields.ContainsKey("NewField"));
        Assert.False(pg.IsPresent("NewField"));
        Assert.DoesNotContain("NewField", pg.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("NewField", pg.ToXml(), StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => pg.AdditionalFields["NewField"]);

        // Removing what is not there is harmless.
        new PortGroup().SetAdditionalField("Nope", null);
    }

    [Fact]
    public void SetAdditionalField_escapes_markup_in_values()
    {
        var pg = new PortGroup();
        pg.SetAdditionalField("Note", "<b>not markup</b> & \"quoted\"");
        Assert.Equal("<b>not markup</b> & \"quoted\"", PortGroup.FromXml(pg.ToXml()).AdditionalFields["Note"]);
        Assert.Equal("<b>not markup</b> & \"quoted\"", PortGroup.FromJson(pg.ToJson()).AdditionalFields["Note"]);
    }

    [Theory]
    [InlineData("DisplayName")]
    [InlineData("PortCount")]
    [InlineData("SipAuthenticatePassword")]
    [InlineData("SIPTransportProtocol")]
    [InlineData("SipTLSModEnum")]
    public void SetAdditionalField_refuses_a_known_field_name(string name)
    {
        var pg = new PortGroup();
        var ex = Assert.Throws<ArgumentException>(() => pg.SetAdditionalField(name, "x"));
        Assert.Equal("wireName", ex.ParamName);
        Assert.Empty(pg.AdditionalFields);
        Assert.Equal("{}", pg.ToJson());
    }

    [Fact]
    public void SetAdditionalField_refuses_a_null_name()
    {
        Assert.Throws<ArgumentNullException>(() => new PortGroup().SetAdditionalField(null!, "x"));
    }

    [Fact]
    public void ToString_counts_additional_fields_without_showing_them()
    {
        var pg = PortGroup.FromJson("{\"Secretish\":\"hidden-value-123\"}");
        Assert.DoesNotContain("hidden-value-123", pg.ToString(), StringComparison.Ordinal);
    }
}
