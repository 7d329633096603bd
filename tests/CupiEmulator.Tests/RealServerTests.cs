using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>What real Unity Connection servers do that a client written against them relies on (issue 11).</summary>
public sealed class RealServerTests
{
    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Version_answers_vmrest_and_the_configured_version(WireFormat wire)
    {
        var options = new CupiEmulatorOptions { ServerVersion = "15.0.1.10000-7" };
        await using var cuc = await CupiEmulator.StartAsync(options);
        using var client = new Client(cuc);
        var reply = await client.Get("vmrest/version", wire);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        if (wire == WireFormat.Xml)
        {
            var root = reply.Xml();
            Assert.Equal("VersionInformation", root.Name.LocalName);
            Assert.Equal("vmrest", root.Element("name")!.Value);
            Assert.Equal("15.0.1.10000-7", root.Element("version")!.Value);
        }
        else
        {
            Assert.Equal("vmrest", reply.Json().GetProperty("name").GetString());
            Assert.Equal("15.0.1.10000-7", reply.Json().GetProperty("version").GetString());
        }
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Vmsservers_lists_this_server_and_its_uri_answers(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var reply = await client.Get("vmrest/vmsservers", wire);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var (total, items) = reply.List(wire, "VmsServer");
        Assert.Equal(1, total);
        var server = Assert.Single(items);
        Assert.Equal("127.0.0.1", server["IpAddress"]);
        Assert.Equal("0", server["ClusterMemberId"]);
        Assert.Equal(server["ObjectId"], server["VmsServerObjectId"]);
        Assert.Equal("/vmrest/vmsservers/" + server["ObjectId"], server["URI"]);
        Assert.Equal(server, (await client.Get(server["URI"], wire)).Fields(wire));
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Every_object_uri_a_list_hands_out_answers_get(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Uris", 2, wire: wire);
        var codec = await client.Post($"vmrest/portgroups/{id}/portgroupcodecs", Payload.Object(wire, "PortGroupCodec", new() { ["RtpCodecDefObjectId"] = Seed.G729, ["PreferredPacketSizeMs"] = "20" }), wire);
        Assert.Equal(HttpStatusCode.Created, codec.Status);

        var lists = new[]
        {
            ("vmrest/portgroups", "PortGroup"), ($"vmrest/portgroups/{id}/portgroupservers", "PortGroupServer"),
            ($"vmrest/portgroups/{id}/portgroupcodecs", "PortGroupCodec"), ("vmrest/portgrouptemplates", "PortGroupTemplate"),
            ("vmrest/rtpcodecsdefs", "RtpCodecDef"), ("vmrest/phonesystems", "PhoneSystem"), ("vmrest/sipprofiles", "SipSecurityProfile"),
            ("vmrest/sipcertificates", "SipCertificate"),
        };
        foreach (var (path, element) in lists)
        {
            var (_, items) = (await client.Get(path, wire)).List(wire, element);
            Assert.NotEmpty(items);
            foreach (var item in items)
            {
                var get = await client.Get(item["URI"], wire);
                Assert.True(get.Status == HttpStatusCode.OK, $"GET {item["URI"]}: {get.Status}");
                Assert.Equal(item, get.Fields(wire));
            }
        }

        // A codec under another port group is not found at this one's path.
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"vmrest/portgroups/{Guid.NewGuid()}/portgroupcodecs/{codec.Body[(codec.Body.LastIndexOf('/') + 1)..]}", wire)).Status);
    }

    [Theory]
    [InlineData(WireFormat.Xml, "portgroupservers", "PortGroupServer")]
    [InlineData(WireFormat.Json, "portgroupservers", "PortGroupServer")]
    [InlineData(WireFormat.Xml, "portgroupcodecs", "PortGroupCodec")]
    [InlineData(WireFormat.Json, "portgroupcodecs", "PortGroupCodec")]
    public async Task A_create_accepts_the_paths_parent_id_in_its_body_and_refuses_another(WireFormat wire, string list, string element)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Parent", 1);
        var other = await client.CreatePortGroup("Other", 1);
        System.Collections.Generic.Dictionary<string, string> Body(string parent) => element == "PortGroupServer"
            ? new() { ["MediaPortGroupObjectId"] = parent, ["HostOrIPAddress"] = "10.0.0.7", ["Port"] = "2000" }
            : new() { ["MediaPortGroupObjectId"] = parent, ["RtpCodecDefObjectId"] = Seed.Ilbc, ["PreferredPacketSizeMs"] = "20" };
        var before = cuc.GetObjects(element).Count;

        var same = await client.Post($"vmrest/portgroups/{id}/{list}", Payload.Object(wire, element, Body(id.ToUpperInvariant())), wire);
        Assert.True(same.Status == HttpStatusCode.Created, same.Body);
        Assert.StartsWith($"/vmrest/portgroups/{id}/{list}/", same.Body, StringComparison.Ordinal);

        var differs = await client.Post($"vmrest/portgroups/{id}/{list}", Payload.Object(wire, element, Body(other)), wire);
        Assert.Equal(HttpStatusCode.BadRequest, differs.Status);
        Assert.Equal($"MediaPortGroupObjectId: '{other}' is not the PortGroup of the request's path ({id})", differs.Error(wire).Message);
        Assert.Equal(before + 1, cuc.GetObjects(element).Count);
        Assert.All(cuc.GetObjects(element).Skip(before), o => Assert.Equal(id, o["MediaPortGroupObjectId"]));
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Lists_under_an_unknown_parent_are_empty_not_404(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        foreach (var (list, element) in new[] { ("portgroupservers", "PortGroupServer"), ("portgroupcodecs", "PortGroupCodec") })
        {
            var reply = await client.Get($"vmrest/portgroups/{Guid.NewGuid()}/{list}", wire);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var (total, items) = reply.List(wire, element);
            Assert.Equal(0, total);
            Assert.Empty(items);
        }

        // Creating under it is still 404: there is nothing to add to.
        var add = await client.Post($"vmrest/portgroups/{Guid.NewGuid()}/portgroupcodecs", Payload.Object(wire, "PortGroupCodec", new() { ["RtpCodecDefObjectId"] = Seed.Ilbc, ["PreferredPacketSizeMs"] = "20" }), wire);
        Assert.Equal(HttpStatusCode.NotFound, add.Status);
        Assert.Equal("NOT_FOUND", add.Error(wire).Code);
    }

    [Theory]
    [InlineData(WireFormat.Xml, 1)]
    [InlineData(WireFormat.Json, 2)]
    [InlineData(WireFormat.Xml, 3)]
    public async Task New_port_groups_carry_what_every_document_example_shows(WireFormat wire, int method)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Examples", method, wire: wire);
        var fields = (await client.Get("vmrest/portgroups/" + id, wire)).Fields(wire);
        Assert.Equal("true", fields["CcmDoAutoFailback"]);
        Assert.Equal("/vmrest/ports/", fields["PortURI"]);
        Assert.Equal("0", fields["ResetStatusEnum"]);
        // WaitForCallInfoMs appears in the SIP and PIMG/TIMG examples only.
        Assert.Equal(method != 1, fields.ContainsKey("WaitForCallInfoMs"));
        var server = Assert.Single(cuc.GetObjects("PortGroupServer"));
        Assert.Equal(method == 1 ? "2000" : "5060", server["Port"]);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Created_answers_carry_the_uri_in_the_body_and_in_location(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var reply = await client.Post("vmrest/portgroups", Payload.Object(wire, "PortGroup", new()
        {
            ["MediaSwitchObjectId"] = Seed.PhoneSystem, ["MediaPortGroupTemplateObjectId"] = Seed.SccpTemplate, ["DisplayName"] = "Located",
            ["TelephonyIntegrationMethodEnum"] = "1", ["HostOrIPAddress"] = "10.1.1.1",
        }), wire);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("text/plain", reply.ContentType);
        Assert.Equal(reply.Body, reply.Message.Headers.Location!.OriginalString);
        Assert.Equal(reply.Body, cuc.GetObjects("PortGroup").Single()["URI"]);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task A_body_without_a_content_type_is_415_and_changes_nothing(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        using var request = new HttpRequestMessage(HttpMethod.Post, "vmrest/portgroups")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("<PortGroup><DisplayName>x</DisplayName></PortGroup>")),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(wire == WireFormat.Json ? "application/json" : "application/xml"));
        var reply = await client.SendRaw(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
        Assert.Equal(("UNSUPPORTED_MEDIA_TYPE", "The request body needs a Content-Type of application/xml or application/json"), reply.Error(wire));
        Assert.Empty(cuc.GetObjects("PortGroup"));

        // A reset has no body and needs no content type.
        var id = await client.CreatePortGroup("NoBody", 1);
        Assert.True(cuc.SetField("PortGroup", id, "ResetStatusEnum", "100"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.Put($"vmrest/portgroups/{id}/reset", null, wire)).Status);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Error_bodies_are_in_the_requests_format(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var type = wire == WireFormat.Json ? "application/json" : "application/xml";
        foreach (var reply in new[]
        {
            await client.Get("vmrest/portgroups/" + Guid.NewGuid(), wire),
            await client.Get("vmrest/nothing-here", wire),
            await client.Delete("vmrest/portgrouptemplates/" + Seed.SccpTemplate, wire),
            await client.Get("vmrest/portgroups?rowsPerPage=many", wire),
        })
        {
            Assert.Equal(type, reply.ContentType);
            var (code, message) = reply.Error(wire);
            Assert.NotEmpty(code);
            Assert.NotEmpty(message);
        }
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("1")]
    [InlineData("OPTIONS")]
    public async Task Other_methods_are_405_and_change_nothing(string method)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Methods", 1);
        var reply = await client.Send(new HttpMethod(method), "vmrest/portgroups/" + id, "<PortGroup><EnableMWI>true</EnableMWI></PortGroup>", WireFormat.Xml);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", reply.Error(WireFormat.Xml).Code);
        Assert.Equal("false", cuc.GetObjects("PortGroup").Single()["EnableMWI"]);
    }

    [Theory]
    [InlineData(WireFormat.Json, "{\"DisplayName\": ")]
    [InlineData(WireFormat.Json, "[1, 2]")]
    [InlineData(WireFormat.Json, "{\"EnableMWI\": \"maybe\"}")]
    [InlineData(WireFormat.Json, "{\"PortCount\": {\"nested\": true}}")]
    [InlineData(WireFormat.Json, "\"text\"")]
    [InlineData(WireFormat.Json, "{\"DisplayName\": \"a\"} {\"DisplayName\": \"b\"}")]
    [InlineData(WireFormat.Xml, "<PortGroup><DisplayName>x</Display></PortGroup>")]
    [InlineData(WireFormat.Xml, "<!DOCTYPE PortGroup [<!ENTITY x \"y\">]><PortGroup><DisplayName>&x;</DisplayName></PortGroup>")]
    [InlineData(WireFormat.Xml, "<PortGroup><MwiMaxConcurrentRequests>three</MwiMaxConcurrentRequests></PortGroup>")]
    [InlineData(WireFormat.Xml, "not xml at all")]
    [InlineData(WireFormat.Xml, "<PortGroup/><PortGroup/>")]
    public async Task Malformed_bodies_are_400_never_500(WireFormat wire, string body)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Target", 1);
        foreach (var reply in new[] { await client.Post("vmrest/portgroups", body, wire), await client.Put("vmrest/portgroups/" + id, body, wire) })
        {
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{reply.Status}: {reply.Body}");
            Assert.Equal("INVALID_PARAMETER", reply.Error(wire).Code);
        }

        Assert.Single(cuc.GetObjects("PortGroup"));
    }

    [Fact]
    public async Task Garbage_bytes_are_400_never_500()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var random = new Random(11);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            foreach (var type in new[] { "application/json", "application/xml" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "vmrest/portgroups") { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
                var reply = await client.SendRaw(request);
                Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{reply.Status}: {reply.Body}");
            }
        }

        Assert.Empty(cuc.GetObjects("PortGroup"));
    }
}
