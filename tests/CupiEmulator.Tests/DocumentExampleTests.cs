using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>
/// The document's own example requests (tests/fixtures/doc) sent to the emulator, and its answers compared with
/// the document's example responses field for field, ids aside. Every difference the comparison allows is
/// listed with its reason; any other difference fails.
/// </summary>
public sealed class DocumentExampleTests
{
    // The document's 201 body: "/vmrest/portgroups/8a009b99-22cf-4305-822d-f5e449a42263".
    private static readonly Regex CreatedUri = new("^/vmrest/portgroups/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    // Ids aside: the phone systems the examples name are the seeded one; the misprinted SCCP template id
    // (DECISIONS 19) is the template's real id.
    private static string IdsAside(string payload) => payload
        .Replace("f13437ccl5e", "f13437cc1e5e", StringComparison.Ordinal)
        .Replace("9821a50b-26e7-409e-b2fe-4b1c3953530d", Seed.PhoneSystem, StringComparison.Ordinal)
        .Replace("0d15753c-e1b4-4865-b00b-999a1ccf56ce", Seed.PhoneSystem, StringComparison.Ordinal)
        .Replace("8a009b99-22cf-4305-822d-f5e449a42263", Seed.PhoneSystem, StringComparison.Ordinal);

    [Theory]
    [InlineData("05-list-portgrouptemplates.xml", "vmrest/portgrouptemplates")]
    [InlineData("07-list-portgrouptemplates.xml", "vmrest/portgrouptemplates")]
    [InlineData("20-list-rtpcodecdefs.xml", "vmrest/rtpcodecsdefs")]
    public async Task Seeded_lists_equal_the_documents_xml_responses(string fixture, string path)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var reply = await client.Get(path);
        var expected = DocFixture.Xml(fixture);
        var actual = reply.Xml();
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Attribute("total")!.Value, actual.Attribute("total")!.Value);
        Assert.Equal(expected.Elements().Select(e => e.Name.LocalName), actual.Elements().Select(e => e.Name.LocalName));
        // Field for field, in the document's order.
        Assert.Equal(
            expected.Elements().Select(e => string.Join("|", e.Elements().Select(f => f.Name.LocalName + "=" + f.Value.Trim()))),
            actual.Elements().Select(e => string.Join("|", e.Elements().Select(f => f.Name.LocalName + "=" + f.Value.Trim()))));
    }

    [Fact]
    public async Task Seeded_templates_equal_the_documents_json_response()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var reply = await client.Get("vmrest/portgrouptemplates", WireFormat.Json);
        var expected = Payload.List(DocFixture.Json("06-list-portgrouptemplates.json"), "PortGroupTemplate");
        var actual = reply.List(WireFormat.Json, "PortGroupTemplate");
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(
            expected.Items.Select(i => string.Join(",", i.Keys)),
            actual.Items.Select(i => string.Join(",", i.Keys)));
    }

    [Theory]
    [InlineData("08-create-sccp-portgroup-request.xml", WireFormat.Xml, "vmrest/portgroups")]
    [InlineData("09-create-sccp-portgroup-request.json", WireFormat.Json, "vmrest/portgroups")]
    [InlineData("11-create-pimg-portgroup-request.xml", WireFormat.Xml, "vmrest/portgroups/" + Seed.PhoneSystem)]
    [InlineData("13-add-sip-portgroup-request.xml", WireFormat.Xml, "vmrest/portgroups/" + Seed.PhoneSystem)]
    public async Task Create_examples_answer_201_with_the_new_uri(string fixture, WireFormat wire, string path)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var request = IdsAside(DocFixture.Text(fixture));
        var reply = await client.Post(path, request, wire);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        Assert.Matches(CreatedUri, reply.Body);

        // The new port group carries what was sent (HostOrIPAddress went to its server).
        var sent = wire == WireFormat.Xml ? Payload.Fields(System.Xml.Linq.XElement.Parse(request)) : Payload.Fields(System.Text.Json.JsonDocument.Parse(request).RootElement);
        var stored = (await client.Get(reply.Body, wire)).Fields(wire);
        foreach (var (name, value) in sent.Where(f => f.Key != "HostOrIPAddress"))
        {
            Assert.Equal((name, value), (name, stored[name]));
        }

        var server = (await client.Get(reply.Body + "/portgroupservers", wire)).List(wire, "PortGroupServer").Items.Single();
        Assert.Equal(sent["HostOrIPAddress"], server["HostOrIPAddress"]);
    }

    [Fact]
    public async Task Sccp_create_then_update_reads_back_as_the_documents_sccp_port_group()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var uri = (await client.Post("vmrest/portgroups", IdsAside(DocFixture.Text("08-create-sccp-portgroup-request.xml")))).Body;
        Assert.Equal(HttpStatusCode.NoContent, (await client.Put(uri, DocFixture.Text("15-update-sccp-portgroup-request.xml"))).Status);
        Assert.Equal("100", (await client.Get(uri)).Fields(WireFormat.Xml)["ResetStatusEnum"]);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Put(uri + "/reset", null)).Status);

        var actual = (await client.Get(uri)).Fields(WireFormat.Xml);
        var expected = Payload.Fields(DocFixture.Xml("01-list-portgroups.xml").Elements().First());
        AssertSameExceptKnown(expected, actual, new Dictionary<string, string>
        {
            ["DisplayName"] = "the example lists another port group (PhoneSystem-SCCP) than the one created (PhoneSystem-6)",
            ["SkinnyDevicePrefix"] = "idem (VVMSetup-VI vs Test1-VI)",
            ["MediaSwitchDisplayName"] = "the seeded phone system is called PhoneSystem (the listed one PhoneSystem123)",
            ["MwiRetryIntervalOnSuccessMs"] = "the listed port group was configured with 2; update 15 does not send it (default 5)",
            ["MwiOnCode"] = "sent by update 15; no response example shows it",
            ["MwiOffCode"] = "idem",
            ["SipTransportProtocolEnum"] = "schema default (10) without x-cupi-appliesTo; the SCCP example lacks it",
            ["SipRegisterWithProxyServer"] = "idem (default false)",
            ["SipDoAuthenticate"] = "idem (default false)",
            ["PreferredCallControl"] = "schema default 0; only the JSON examples show it (DECISIONS 61, 73)",
            ["SipPreferredMedia"] = "idem",
            ["DtmfDialInterDigitDelayMs"] = "the schema's default is the table's 50, the examples show 300 (DECISIONS 59)",
        }, uri);
    }

    [Fact]
    public async Task Sip_add_reads_back_as_the_documents_sip_port_group()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var uri = (await client.Post("vmrest/portgroups/" + Seed.PhoneSystem, IdsAside(DocFixture.Text("13-add-sip-portgroup-request.xml")))).Body;
        var actual = (await client.Get(uri)).Fields(WireFormat.Xml);
        // Fixture 17 shows PhoneSystem-SIPSANJAY, the port group that request 13 (PhoneSystem-SIPSANJAY12345678) resembles.
        var expected = Payload.Fields(DocFixture.Xml("17-get-portgroup-advanced-settings.xml"));
        AssertSameExceptKnown(expected, actual, new Dictionary<string, string>
        {
            ["DisplayName"] = "request 13 names it PhoneSystem-SIPSANJAY12345678",
            ["MediaSwitchDisplayName"] = "the seeded phone system is called PhoneSystem",
            ["MediaSipSecurityProfileObjectId"] = "request 13 sends none and the schema has no default",
            ["OutgoingGuardTimeMs"] = "the schema's default is the table's 2500, the example shows 0 (DECISIONS 59)",
            ["DtmfDialInterDigitDelayMs"] = "the schema's default is the table's 50, the examples show 300 (DECISIONS 59)",
            ["PreferredCallControl"] = "schema default 0; only the JSON examples show it (DECISIONS 61, 73)",
            ["SipPreferredMedia"] = "idem",
        }, uri);
    }

    [Fact]
    public async Task Update_examples_answer_204_and_are_applied()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var sccp = await client.CreatePortGroup("SCCP", 1);
        var sip = await client.CreatePortGroup("SIP", 2);

        foreach (var (id, fixture) in new[] { (sccp, "15-update-sccp-portgroup-request.xml"), (sip, "16-update-sip-portgroup-request.xml") })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.Put("vmrest/portgroups/" + id, DocFixture.Text(fixture))).Status);
            var fields = (await client.Get("vmrest/portgroups/" + id)).Fields(WireFormat.Xml);
            foreach (var (name, value) in Payload.Fields(DocFixture.Xml(fixture)))
            {
                Assert.Equal((name, value), (name, fields[name]));
            }

            Assert.Equal("100", fields["ResetStatusEnum"]);
        }

        // 23 (JSON) as printed: the profile and certificate exist.
        Assert.Equal(HttpStatusCode.NoContent, (await client.Put("vmrest/portgroups/" + sip, DocFixture.Text("23-update-sip-security-profile-request.json"), WireFormat.Json)).Status);
        var updated = (await client.Get("vmrest/portgroups/" + sip, WireFormat.Json)).Fields(WireFormat.Json);
        Assert.Equal(Seed.Profile5061, updated["MediaSipSecurityProfileObjectId"]);
        Assert.Equal(Seed.Certificate, updated["MediaCertificateObjectId"]);
        Assert.Equal("10", updated["SipTLSModeEnum"]);

        // 22 (XML) as printed carries the certificate id without its last hyphen (DECISIONS 49): refused.
        var misprinted = await client.Put("vmrest/portgroups/" + sip, DocFixture.Text("22-update-sip-security-profile-request.xml"));
        Assert.Equal(HttpStatusCode.BadRequest, misprinted.Status);
        Assert.StartsWith("MediaCertificateObjectId:", misprinted.Error(WireFormat.Xml).Message, StringComparison.Ordinal);
        var repaired = DocFixture.Text("22-update-sip-security-profile-request.xml").Replace("a8ccc1cf", "a8cc-c1cf", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Put("vmrest/portgroups/" + sip, repaired)).Status);
    }

    [Fact]
    public async Task Server_examples_match_field_for_field()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        // The document's server (18) belongs to an SCCP port group on 10.78.171.158.
        var id = await client.CreatePortGroup("SCCP", 1, "10.78.171.158");
        var list = await client.Get($"vmrest/portgroups/{id}/portgroupservers");
        var server = list.List(WireFormat.Xml, "PortGroupServer").Items.Single();
        var expected = Payload.Fields(DocFixture.Xml("18-list-portgroupservers.xml"));
        expected["MediaPortGroupObjectId"] = id;
        Assert.Equal(expected, server.Where(f => f.Key is not ("ObjectId" or "URI")).ToDictionary());

        Assert.Equal(HttpStatusCode.NoContent, (await client.Put(server["URI"], DocFixture.Text("19-update-portgroupserver-request.xml"))).Status);
        var updated = (await client.Get(server["URI"])).Fields(WireFormat.Xml);
        foreach (var (name, value) in Payload.Fields(DocFixture.Xml("19-update-portgroupserver-request.xml")))
        {
            Assert.Equal((name, value), (name, updated[name]));
        }
    }

    [Fact]
    public async Task Codec_add_example_answers_201()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("SIP", 2);
        var request = DocFixture.Text("21-add-portgroupcodec-request.xml").Replace("9206847a-cc34-4dab-a08c-9fbed074ba88", id, StringComparison.Ordinal);
        var reply = await client.Post($"vmrest/portgroups/{id}/portgroupcodecs", request);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Matches(new Regex($"^/vmrest/portgroups/{id}/portgroupcodecs/[0-9a-f-]{{36}}$"), reply.Body);
        var codec = (await client.Get($"vmrest/portgroups/{id}/portgroupcodecs")).List(WireFormat.Xml, "PortGroupCodec").Items.Single();
        foreach (var (name, value) in Payload.Fields(DocFixture.Xml("21-add-portgroupcodec-request.xml")).Where(f => f.Key != "MediaPortGroupObjectId"))
        {
            Assert.Equal((name, value), (name, codec[name]));
        }
    }

    [Theory]
    [InlineData("10-create-sip-portgroup-request.json", WireFormat.Json, "vmrest/portgroups", "ResetStatusEnum is read-only")]
    [InlineData("12-create-pimg-portgroup-request.json", WireFormat.Json, "vmrest/portgroups", "MediaPortGroupTemplateObjectId: the PortGroupTemplate's CopyTelephonyIntegrationMethodEnum is 1, but TelephonyIntegrationMethodEnum is 3")]
    [InlineData("14-add-pimg-portgroup-request.xml", WireFormat.Xml, "vmrest/portgroups/" + Seed.PhoneSystem, "MediaSwitchDisplayName is read-only")]
    public async Task The_documents_faulty_create_examples_are_refused(string fixture, WireFormat wire, string path, string expected)
    {
        // 10 sends the read-only ResetStatusEnum (DECISIONS 24) with the SCCP template for a SIP group (23);
        // 12 pairs the SCCP template with method 3 (28); 14 is a response pasted as a request (32).
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var reply = await client.Post(path, IdsAside(DocFixture.Text(fixture)), wire);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith(expected, reply.Error(wire).Message, StringComparison.Ordinal);
        Assert.Empty(cuc.GetObjects("PortGroup"));
    }

    // Compares a port group read back with the document's, ids aside: URIs and ids are checked for their
    // shape with this object's ids; every other difference must be one of the listed ones.
    private static void AssertSameExceptKnown(Dictionary<string, string> expected, Dictionary<string, string> actual, Dictionary<string, string> known, string uri)
    {
        var id = uri[(uri.LastIndexOf('/') + 1)..];
        var docId = expected["ObjectId"];
        var docSwitch = expected["MediaSwitchObjectId"];
        string Aside(string value) => value.Replace(docId, id, StringComparison.Ordinal).Replace(docSwitch, Seed.PhoneSystem, StringComparison.Ordinal);

        var differences = expected.Keys.Union(actual.Keys)
            .Where(k => !expected.TryGetValue(k, out var e) || !actual.TryGetValue(k, out var a) || Aside(e) != a)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(known.Keys.Order(StringComparer.Ordinal), differences);
        Assert.Equal(uri, actual["URI"]);
    }
}
