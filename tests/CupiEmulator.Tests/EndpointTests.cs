using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>Every endpoint of the schema, in XML and JSON.</summary>
public sealed class EndpointTests
{
    [Fact]
    public async Task Every_schema_endpoint_and_alternate_path_is_routed()
    {
        // Read independently of the emulator: the schema file next to the tests.
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "cupi-portgroups.schema.json")));
        var expected = new List<string>();
        foreach (var def in schema.RootElement.GetProperty("$defs").EnumerateObject())
        {
            if (!def.Value.TryGetProperty("x-cupi-endpoints", out var endpoints))
            {
                continue;
            }

            var paths = new List<(string Method, string Path)>();
            foreach (var endpoint in endpoints.EnumerateArray())
            {
                var method = endpoint.GetProperty("method").GetString()!;
                paths.Add((method, endpoint.GetProperty("path").GetString()!));
                if (endpoint.TryGetProperty("alternatePaths", out var alternates))
                {
                    paths.AddRange(alternates.EnumerateArray().Select(a => (method, a.GetString()!)));
                }
            }

            expected.AddRange(paths.Select(p => p.Method + " " + p.Path));
            // Every object URI answers GET, also where the document shows only PUT or DELETE (a port group codec).
            expected.AddRange(paths.Where(p => p.Method is "PUT" or "DELETE" && p.Path.EndsWith("/{objectId}", StringComparison.Ordinal) && !paths.Contains(("GET", p.Path)))
                .Select(p => "GET " + p.Path).Distinct());
        }

        await using var cuc = await CupiEmulator.StartAsync();
        Assert.Equal(expected.Order(StringComparer.Ordinal), cuc.Routes.Order(StringComparer.Ordinal));
        Assert.Contains("GET /vmrest/rtpcodecdefs", cuc.Routes);
        Assert.Contains("GET /vmrest/sipsecurityprofiles/{objectId}", cuc.Routes);
        Assert.Contains("GET /vmrest/portgroups/{portGroupObjectId}/portgroupcodecs/{objectId}", cuc.Routes);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Lookup_resources_list_and_get_on_every_path(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var cases = new (string Path, string Element, int Count)[]
        {
            ("vmrest/portgrouptemplates", "PortGroupTemplate", 3),
            ("vmrest/rtpcodecsdefs", "RtpCodecDef", 5),
            ("vmrest/rtpcodecdefs", "RtpCodecDef", 5),
            ("vmrest/phonesystems", "PhoneSystem", 1),
            ("vmrest/sipprofiles", "SipSecurityProfile", 2),
            ("vmrest/sipsecurityprofiles", "SipSecurityProfile", 2),
            ("vmrest/sipcertificates", "SipCertificate", 1),
        };
        foreach (var (path, element, count) in cases)
        {
            var list = await client.Get(path, wire);
            Assert.Equal(HttpStatusCode.OK, list.Status);
            Assert.Equal(wire == WireFormat.Json ? "application/json" : "application/xml", list.ContentType);
            var (total, items) = list.List(wire, element);
            Assert.Equal(count, total);
            Assert.Equal(count, items.Count);
            if (wire == WireFormat.Xml)
            {
                Assert.Equal(element + "s", list.Xml().Name.LocalName);
            }

            foreach (var item in items)
            {
                var get = await client.Get(path + "/" + item["ObjectId"], wire);
                Assert.Equal(HttpStatusCode.OK, get.Status);
                Assert.Equal(item, get.Fields(wire));
                if (wire == WireFormat.Xml)
                {
                    Assert.Equal(element, get.Xml().Name.LocalName);
                }
            }

            var missing = await client.Get(path + "/" + Guid.NewGuid(), wire);
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal("NOT_FOUND", missing.Error(wire).Code);
        }
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Port_group_endpoints_create_get_update_reset_and_delete(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);

        var empty = await client.Get("vmrest/portgroups", wire);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        if (wire == WireFormat.Json)
        {
            Assert.Equal("""{"@total":"0"}""", empty.Body);
        }
        else
        {
            Assert.Equal("0", empty.Xml().Attribute("total")!.Value);
            Assert.Empty(empty.Xml().Elements());
        }

        // Create: 201 with the new URI as plain text.
        var create = await client.Post("vmrest/portgroups", Payload.Object(wire, "PortGroup", new()
        {
            ["MediaSwitchObjectId"] = Seed.PhoneSystem,
            ["MediaPortGroupTemplateObjectId"] = Seed.SipTemplate,
            ["DisplayName"] = "SIP-1",
            ["TelephonyIntegrationMethodEnum"] = "2",
            ["HostOrIPAddress"] = "10.1.1.1",
            ["EnableMWI"] = "true",
        }), wire);
        Assert.Equal(HttpStatusCode.Created, create.Status);
        Assert.Equal("text/plain", create.ContentType);
        Assert.Matches(new Regex("^/vmrest/portgroups/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), create.Body);
        var uri = create.Body;
        var id = uri[(uri.LastIndexOf('/') + 1)..];

        // Create for a phone system: the phone system comes from the path.
        var forPhone = await client.Post("vmrest/portgroups/" + Seed.PhoneSystem, Payload.Object(wire, "PortGroup", new()
        {
            ["MediaPortGroupTemplateObjectId"] = Seed.SccpTemplate,
            ["DisplayName"] = "SCCP-1",
            ["TelephonyIntegrationMethodEnum"] = "1",
            ["HostOrIPAddress"] = "10.1.1.2",
        }), wire);
        Assert.Equal(HttpStatusCode.Created, forPhone.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Post("vmrest/portgroups/" + Guid.NewGuid(), Payload.Object(wire, "PortGroup", new() { ["DisplayName"] = "x" }), wire)).Status);

        // A list of one is a bare object in JSON; of two, an array.
        var list = await client.Get("vmrest/portgroups?query=(DisplayName%20is%20SIP-1)", wire);
        var (total, items) = list.List(wire, "PortGroup");
        Assert.Equal(1, total);
        if (wire == WireFormat.Json)
        {
            Assert.Equal(JsonValueKind.Object, list.Json().GetProperty("PortGroup").ValueKind);
            Assert.Equal(JsonValueKind.Array, (await client.Get("vmrest/portgroups", wire)).Json().GetProperty("PortGroup").ValueKind);
        }

        var get = await client.Get(uri, wire);
        Assert.Equal(HttpStatusCode.OK, get.Status);
        var fields = get.Fields(wire);
        Assert.Equal(items[0], fields);
        Assert.Equal(uri, fields["URI"]);
        Assert.Equal(id, fields["ObjectId"]);
        Assert.Equal("true", fields["EnableMWI"]);
        Assert.Equal("PhoneSystem", fields["MediaSwitchDisplayName"]);
        Assert.Equal("/vmrest/phonesystems/" + Seed.PhoneSystem, fields["PhoneSystemURI"]);
        Assert.Equal(uri + "/portgroupservers", fields["PortGroupServerURI"]);
        Assert.Equal(uri + "/portgroupcodecs", fields["PortGroupCodecURI"]);
        Assert.Equal("/vmrest/ports/", fields["PortURI"]);
        Assert.Equal("0", fields["PortCount"]);
        Assert.Equal("0", fields["ResetStatusEnum"]);
        Assert.Equal("2500", fields["OutgoingGuardTimeMs"]); // the schema's default
        Assert.Equal("true", fields["SipDoDtmfKPML"]); // applies to SIP: defaulted
        Assert.False(fields.ContainsKey("HostOrIPAddress")); // it became the default server
        Assert.False(fields.ContainsKey("SkinnyDevicePrefix"));

        // Update: 204, and the port group needs a reset.
        var update = await client.Put(uri, Payload.Object(wire, "PortGroup", new() { ["MwiMaxConcurrentRequests"] = "3", ["SipContactLineName"] = "line" }), wire);
        Assert.Equal(HttpStatusCode.NoContent, update.Status);
        Assert.Empty(update.Body);
        fields = (await client.Get(uri, wire)).Fields(wire);
        Assert.Equal("3", fields["MwiMaxConcurrentRequests"]);
        Assert.Equal("line", fields["SipContactLineName"]);
        Assert.Equal("100", fields["ResetStatusEnum"]);

        var reset = await client.Put(uri + "/reset", null, wire);
        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal("0", (await client.Get(uri, wire)).Fields(wire)["ResetStatusEnum"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete(uri, wire)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get(uri, wire)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Delete(uri, wire)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Put(uri, Payload.Object(wire, "PortGroup", new() { ["EnableMWI"] = "true" }), wire)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Put(uri + "/reset", null, wire)).Status);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Server_and_codec_endpoints(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("SCCP-servers", 1, "10.78.171.158", wire);
        var group = "vmrest/portgroups/" + id;

        // The default server, made from HostOrIPAddress.
        var servers = await client.Get(group + "/portgroupservers", wire);
        Assert.Equal(HttpStatusCode.OK, servers.Status);
        var (total, items) = servers.List(wire, "PortGroupServer");
        Assert.Equal(1, total);
        var server = items.Single();
        Assert.Equal(id, server["MediaPortGroupObjectId"]);
        Assert.Equal("10.78.171.158", server["HostOrIPAddress"]);
        Assert.Equal($"/{group}/portgroupservers/{server["ObjectId"]}", server["URI"]);

        var serverUri = server["URI"];
        Assert.Equal(server, (await client.Get(serverUri, wire)).Fields(wire));
        var update = await client.Put(serverUri, Payload.Object(wire, "PortGroupServer", new() { ["Port"] = "2001", ["Precedence"] = "2" }), wire);
        Assert.Equal(HttpStatusCode.NoContent, update.Status);
        var updated = (await client.Get(serverUri, wire)).Fields(wire);
        Assert.Equal("2001", updated["Port"]);
        Assert.Equal("2", updated["Precedence"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"vmrest/portgroups/{Guid.NewGuid()}/portgroupservers/{server["ObjectId"]}", wire)).Status);
        var orphans = await client.Get($"vmrest/portgroups/{Guid.NewGuid()}/portgroupservers", wire);
        Assert.Equal(HttpStatusCode.OK, orphans.Status);
        Assert.Equal(0, orphans.List(wire, "PortGroupServer").Total);

        // Servers can be added and removed where the schema has those endpoints.
        if (cuc.Routes.Contains("POST /vmrest/portgroups/{portGroupObjectId}/portgroupservers"))
        {
            var addedServer = await client.Post(group + "/portgroupservers", Payload.Object(wire, "PortGroupServer", new() { ["HostOrIPAddress"] = "10.0.0.9", ["Port"] = "2000" }), wire);
            Assert.Equal(HttpStatusCode.Created, addedServer.Status);
            Assert.StartsWith($"/{group}/portgroupservers/", addedServer.Body, StringComparison.Ordinal);
            Assert.Equal(2, (await client.Get(group + "/portgroupservers", wire)).List(wire, "PortGroupServer").Total);
            Assert.Equal(HttpStatusCode.NoContent, (await client.Delete(addedServer.Body, wire)).Status);
            Assert.Equal(1, (await client.Get(group + "/portgroupservers", wire)).List(wire, "PortGroupServer").Total);
        }

        // Codecs: none, add two, delete one.
        var none = await client.Get(group + "/portgroupcodecs", wire);
        Assert.Equal(0, none.List(wire, "PortGroupCodec").Total);
        var added = await client.Post(group + "/portgroupcodecs", Payload.Object(wire, "PortGroupCodec", new()
        {
            ["MediaPortGroupObjectId"] = id,
            ["RtpCodecDefObjectId"] = Seed.Ilbc,
            ["PreferredPacketSizeMs"] = "20",
        }), wire);
        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.StartsWith($"/{group}/portgroupcodecs/", added.Body, StringComparison.Ordinal);
        // The port group in the path is enough.
        var second = await client.Post(group + "/portgroupcodecs", Payload.Object(wire, "PortGroupCodec", new()
        {
            ["RtpCodecDefObjectId"] = Seed.G729,
            ["PreferredPacketSizeMs"] = "30",
        }), wire);
        Assert.Equal(HttpStatusCode.Created, second.Status);

        var codecs = (await client.Get(group + "/portgroupcodecs", wire)).List(wire, "PortGroupCodec");
        Assert.Equal(2, codecs.Total);
        Assert.Equal(added.Body, codecs.Items[0]["URI"]);
        Assert.Equal("20", codecs.Items[0]["PreferredPacketSizeMs"]);
        Assert.Equal(Seed.Ilbc, codecs.Items[0]["RtpCodecDefObjectId"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete(added.Body, wire)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Delete(added.Body, wire)).Status);
        Assert.Equal(1, (await client.Get(group + "/portgroupcodecs", wire)).List(wire, "PortGroupCodec").Total);
    }
}
