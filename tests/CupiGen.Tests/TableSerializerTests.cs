using System;
using System.Text;
using Cupi;

namespace CupiGen.Tests;

/// <summary>
/// CupiTableSerializer (a model known only by its table, as the emulator reads request bodies) goes through the
/// same document readers as the typed API: the same limits, XML hardening and one exception type.
/// </summary>
public class TableSerializerTests
{
    private static readonly CupiModelInfo Info = ((ICupiModel)new PortGroup()).ModelInfo;

    [Fact]
    public void Reads_what_the_typed_api_reads()
    {
        var json = """{"DisplayName":"pg","PortCount":"4","EnableMWI":"true","Future":{"a":[1,2]}}"""u8.ToArray();
        var byTable = CupiTableSerializer.FromJson(Info, json);
        var typed = PortGroup.FromJson(json);
        Assert.Equal(typed.ToJson(), CupiTableSerializer.ToJson(byTable));

        var xml = "<PortGroup><DisplayName>pg</DisplayName><PortCount>4</PortCount><Future><a>1</a></Future></PortGroup>"u8.ToArray();
        Assert.Equal(PortGroup.FromXml(xml).ToXml(), CupiTableSerializer.ToXml(CupiTableSerializer.FromXml(Info, xml)));
    }

    [Fact]
    public void Invalid_utf8_inside_an_unknown_value_is_a_format_error()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"Future\":[\"x\"]}");
        bytes[Array.IndexOf(bytes, (byte)'x')] = 0xA0;
        var ex = Assert.Throws<CupiFormatException>(() => CupiTableSerializer.FromJson(Info, bytes));
        Assert.Equal(CupiWireFormat.Json, ex.Format);
    }

    [Fact]
    public void The_document_size_limit_applies_in_bytes()
    {
        var padding = new string('x', CupiLimits.MaxDocumentBytes + 1);
        var big = Encoding.UTF8.GetBytes("{\"DisplayName\":\"" + padding + "\"}");
        Assert.Throws<CupiFormatException>(() => CupiTableSerializer.FromJson(Info, big));
        Assert.Throws<CupiFormatException>(() => CupiTableSerializer.FromXml(Info, Encoding.UTF8.GetBytes("<PortGroup><DisplayName>" + padding + "</DisplayName></PortGroup>")));
    }

    [Fact]
    public void A_dtd_and_a_foreign_root_are_refused()
    {
        var dtd = "<?xml version=\"1.0\"?><!DOCTYPE PortGroup [<!ENTITY e \"x\">]><PortGroup><DisplayName>&e;</DisplayName></PortGroup>"u8.ToArray();
        Assert.Throws<CupiFormatException>(() => CupiTableSerializer.FromXml(Info, dtd));
        Assert.Throws<CupiFormatException>(() => CupiTableSerializer.FromXml(Info, "<PortGroupServer/>"u8.ToArray()));
        Assert.Throws<CupiFormatException>(() => CupiTableSerializer.FromJson(Info, "{\"DisplayName\":\"a\"} {}"u8.ToArray()));
    }
}
