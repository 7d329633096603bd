using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using CupiGen.Tool.Infer;
using CupiGen.Tool.Page;
using CupiGen.Tool.Schema;
using CupiGen.Tool.Tests.Infrastructure;

namespace CupiGen.Tool.Tests;

/// <summary>cupigen infer: a starting schema from captured payloads, read safely.</summary>
public sealed class InferTests
{
    private static string Doc(string name) => Path.Combine(Repo.Root, "tests", "fixtures", "doc", name);

    private static Inference InferDocs(params string[] names) => PayloadInferrer.Infer(
        names.SelectMany(n => PayloadInferrer.Read(File.ReadAllText(Doc(n)), Doc(n))).ToList(), "Inferred", "inferred.schema.json", null);

    [Fact]
    public void Types_names_ids_and_never_absent_fields_come_from_the_samples()
    {
        var inference = InferDocs("01-list-portgroups.xml", "02-list-portgroups.json", "03-get-portgroup.xml");
        var def = inference.Schema["$defs"]!["PortGroup"]!;
        Assert.Equal("PortGroups", (string?)def["x-cupi-listElement"]);
        var properties = (JsonObject)def["properties"]!;
        Assert.Equal("URI", properties.First().Key);
        Assert.Equal("boolean", (string?)properties["EnableMWI"]!["type"]);
        Assert.Equal("integer", (string?)properties["PortCount"]!["type"]);
        Assert.Equal("uuid", (string?)properties["ObjectId"]!["format"]);
        Assert.Equal("string", (string?)properties["DisplayName"]!["type"]);
        Assert.Contains("observed length", (string?)properties["DisplayName"]!["description"], System.StringComparison.Ordinal);
        Assert.Equal(5, inference.ObjectCounts["PortGroup"]);
        Assert.Contains("DisplayName", inference.AlwaysPresent["PortGroup"]);
        Assert.DoesNotContain("SkinnyDevicePrefix", inference.AlwaysPresent["PortGroup"]);   // only the SCCP group has it
        Assert.Contains("SkinnyDevicePrefix", properties.Select(p => p.Key));
    }

    [Fact]
    public void The_inferred_schema_generates_a_model_that_reads_its_samples()
    {
        var inference = InferDocs("05-list-portgrouptemplates.xml", "06-list-portgrouptemplates.json");
        var assembly = SecondPageTests.Compile(SchemaWriter.Write(inference.Schema), "Inferred.PortGroupTemplate.g.cs");
        var type = assembly.GetType("Inferred.PortGroupTemplate", throwOnError: true)!;
        var list = type.GetMethod("ListFromXml", new[] { typeof(string) })!.Invoke(null, new object[] { File.ReadAllText(Doc("05-list-portgrouptemplates.xml")) })!;
        Assert.Equal(3, ((System.Collections.IEnumerable)list).Cast<object>().Count());
    }

    [Theory]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]><x><Name>&a;</Name></x>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x><Name>&e;</Name></x>")]
    public void Xml_with_a_dtd_is_refused(string xml)
    {
        var ex = Assert.Throws<PageFormatException>(() => PayloadInferrer.Read(xml, "evil.xml"));
        Assert.StartsWith("evil.xml", ex.Message, System.StringComparison.Ordinal);
        Assert.Contains("DTD", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_samples_are_errors_naming_the_file()
    {
        Assert.Contains("not well-formed", Assert.Throws<PageFormatException>(() => PayloadInferrer.Read("<a><b></a>", "bad.xml")).Message, System.StringComparison.Ordinal);
        Assert.Contains("bad.json(1)", Assert.Throws<PageFormatException>(() => PayloadInferrer.Read("{\"a\": }", "bad.json")).Message, System.StringComparison.Ordinal);
        Assert.Contains("neither XML nor JSON", Assert.Throws<PageFormatException>(() => PayloadInferrer.Read("hello", "x.txt")).Message, System.StringComparison.Ordinal);
        var bare = PayloadInferrer.Read("{\"Name\": \"a\"}", "bare.json");
        Assert.Contains("--element", Assert.Throws<PageFormatException>(() => PayloadInferrer.Infer(bare, "N", "x.schema.json", null)).Message, System.StringComparison.Ordinal);
        Assert.NotNull(PayloadInferrer.Infer(bare, "N", "x.schema.json", "Widget").Schema["$defs"]!["Widget"]);
    }
}
