using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CupiGen.Tool.Cli;
using CupiGen.Tool.Schema;
using CupiGen.Tool.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CupiGen.Tool.Tests;

/// <summary>extract of the seed page + the overrides is the shipped schema, byte for byte.</summary>
public sealed class ReproductionTests(ITestOutputHelper output)
{
    private static ExtractResult Reproduce() => ExtractCommand.Run(
        Repo.Page("portgroups.txt"), "portgroups.txt",
        Repo.Schema("cupi-portgroups.overrides.json"), "cupi-portgroups.overrides.json",
        "Cupi", "cupi-portgroups.schema.json");

    [Fact]
    public void Extract_with_overrides_reproduces_the_shipped_schema_exactly()
    {
        var result = Reproduce();
        string expected = Repo.Schema("cupi-portgroups.schema.json").Replace("\r\n", "\n");
        if (result.SchemaText != expected)
        {
            var got = result.SchemaText.Split('\n');
            var want = expected.Split('\n');
            int line = Enumerable.Range(0, System.Math.Min(got.Length, want.Length)).FirstOrDefault(i => got[i] != want[i]);
            Assert.Fail($"Differs at line {line + 1}:\n  extracted: {got.ElementAtOrDefault(line)}\n  shipped:   {want.ElementAtOrDefault(line)}");
        }

        output.WriteLine($"facts: {result.Facts(Source.PageOrigin)} from the page, {result.Facts(Source.ConventionOrigin)} by convention, " +
            $"{result.Facts(Source.OverrideOrigin)} from {result.OverrideCount} overrides");
    }

    [Fact]
    public void Most_facts_come_from_the_page_and_the_override_count_does_not_grow()
    {
        var result = Reproduce();
        output.WriteLine($"page {result.Facts(Source.PageOrigin)}, convention {result.Facts(Source.ConventionOrigin)}, override {result.Facts(Source.OverrideOrigin)} ({result.OverrideCount} entries)");
        Assert.Equal(0, result.Facts("unknown"));
        Assert.True(result.Facts(Source.PageOrigin) > result.Facts(Source.OverrideOrigin),
            $"only {result.Facts(Source.PageOrigin)} facts from the page vs {result.Facts(Source.OverrideOrigin)} from overrides");
        // Raise only with a reason: each new entry means a fact the extractor no longer reads from the page.
        Assert.True(result.OverrideCount <= 97, $"{result.OverrideCount} overrides (was 97)");
    }

    [Fact]
    public void Without_overrides_the_page_alone_gives_the_tables_facts()
    {
        var result = ExtractCommand.Run(Repo.Page("portgroups.txt"), "portgroups.txt", null, null, "Cupi", "x.schema.json");
        var pg = (JsonObject)result.Schema["$defs"]!["PortGroup"]!["properties"]!;
        Assert.Equal("250", pg["MwiMaxConcurrentRequests"]!["maximum"]!.ToJsonString());
        Assert.Equal("5", pg["MwiRetryIntervalOnSuccessMs"]!["default"]!.ToJsonString());   // "Default value is 5." after a page break
        Assert.Equal("250", pg["RecordingToneExtraClipMs"]!["default"]!.ToJsonString());     // a default alone on a continuation line
        Assert.Equal("#/$defs/SipTransportProtocol", (string?)pg["SipTransportProtocolEnum"]!["$ref"]);
        Assert.Equal("SIPTransportProtocol", (string?)pg["SipTransportProtocolEnum"]!["x-cupi-aliases"]![0]);
        Assert.Equal("SipTLSModEnum", (string?)pg["SipTLSModeEnum"]!["x-cupi-aliases"]![0]);
        Assert.Equal("48", pg["SkinnyDevicePrefix"]!["maxLength"]!.ToJsonString());
        Assert.True((bool)pg["SkinnyDevicePrefix"]!["x-cupi-createOnly"]!);
        Assert.True((bool)pg["ObjectId"]!["readOnly"]!);
        Assert.True((bool)pg["ResetStatusEnum"]!["readOnly"]!);    // a create sends it, but the Reset precondition names it
        Assert.Null(pg["ResetStatusEnum"]!["x-cupi-createOnly"]);
        Assert.True((bool)result.Schema["$defs"]!["PortGroupServer"]!["properties"]!["MediaPortGroupObjectId"]!["readOnly"]!);   // the path sets it
        Assert.Equal("EnableMWI", (string?)pg["MwiMinRequestIntervalMs"]!["x-cupi-pertinentWhen"]!["field"]);
        Assert.Equal("[2,3]", pg["SipRPIDDisplayName"]!["x-cupi-appliesTo"]!["in"]!.ToJsonString());
        Assert.Equal("[1]", pg["SkinnyDevicePrefix"]!["x-cupi-appliesTo"]!["in"]!.ToJsonString());
        Assert.Equal("boolean", (string?)pg["CcmDoAutoFailback"]!["type"]);   // example-only, typed from values despite ">true"
        var codec = result.Schema["$defs"]!["PortGroupCodec"]!["properties"]!["PreferredPacketSizeMs"]!;
        Assert.Equal("[10,20,30]", codec["enum"]!.ToJsonString());
        var endpoints = (JsonArray)result.Schema["$defs"]!["PortGroup"]!["x-cupi-endpoints"]!;
        Assert.Equal(new[] { "List", "Get", "Create", "CreateForPhoneSystem", "Update", "Delete", "Reset" },
            endpoints.Select(e => (string)e!["name"]!).ToArray());
        Assert.Contains(result.Extraction.Warnings, w => w.Contains("'PhoneSystem'", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Every_override_cites_an_existing_decision()
    {
        var decisions = Regex.Matches(Repo.Schema("DECISIONS.md"), @"^(\d+)\. \*\*", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        var ops = (JsonArray)JsonNode.Parse(Repo.Schema("cupi-portgroups.overrides.json"))!["overrides"]!;
        foreach (var op in ops)
        {
            var cited = op!["decision"] is JsonArray many ? many.Select(d => (int)d!).ToList() : new() { (int)op["decision"]! };
            Assert.All(cited, d => Assert.True(decisions.Contains(d), $"{op["path"]} cites decision {d}, which DECISIONS.md does not have"));
        }
    }

    [Fact]
    public void The_sources_sidecar_names_page_lines_for_extracted_facts()
    {
        var result = Reproduce();
        var facts = (JsonObject)JsonNode.Parse(result.SourcesText)!["facts"]!;
        var range = facts["/$defs/PortGroup/properties/MwiMaxConcurrentRequests/maximum"]!;
        Assert.Equal("page", (string?)range["origin"]);
        Assert.Equal(1354, (int)range["line"]!);
        var secret = facts["/$defs/PortGroup/properties/SipAuthenticatePassword/x-cupi-secret"]!;
        Assert.Equal(("page", 1371), ((string?)secret["origin"], (int)secret["line"]!));
    }
}
