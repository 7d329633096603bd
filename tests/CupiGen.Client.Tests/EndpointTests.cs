using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;

namespace CupiGen.Client.Tests;

/// <summary>Every endpoint of the schema, in both wire formats, against the in-process server.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private FakeCupiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeCupiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<CupiWireFormat> Formats => new() { CupiWireFormat.Json, CupiWireFormat.Xml };

    private static string MediaType(CupiWireFormat format) => format == CupiWireFormat.Json ? "application/json" : "application/xml";

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Port_group_lifecycle(CupiWireFormat format)
    {
        var client = Clients.For(_server, format);
        var request = new PortGroup
        {
            DisplayName = "PhoneSystem-6",
            MediaSwitchObjectId = "5bfd3bae-0c37-4d20-8066-c3065431fc41",
            MediaPortGroupTemplateObjectId = "90dd306f-b8af-46b6-8289-f13437cc1e5e",
            TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
            SkinnyDevicePrefix = "Test1-VI",
            HostOrIPAddress = "10.10.10.10",
            EnableMWI = true,
            ObjectId = "set-by-the-server", // read-only: a create request drops it
        };

        var id = await client.PortGroups.CreateAsync(request);
        var create = _server.Requests.Last();
        Assert.Equal("POST", create.Method);
        Assert.Equal("/vmrest/portgroups", create.Path);
        Assert.StartsWith(MediaType(format), create.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("set-by-the-server", create.Body, StringComparison.Ordinal);
        Assert.Contains("Test1-VI", create.Body, StringComparison.Ordinal);
        Assert.Equal(36, id.Length); // from the body's URI

        var group = await client.PortGroups.GetAsync(id);
        Assert.Equal("PhoneSystem-6", group.DisplayName);
        Assert.Equal(TelephonyIntegrationMethod.Sccp, group.TelephonyIntegrationMethodEnum);
        Assert.True(group.EnableMWI);
        Assert.Equal(id, group.ObjectId);
        Assert.Equal(MediaType(format), _server.Requests.Last().Accept);

        group.EnableMWI = false;
        group.MwiOnCode = "*99";
        await client.PortGroups.UpdateAsync(group);
        var update = _server.Requests.Last();
        Assert.Equal("PUT", update.Method);
        Assert.Equal("/vmrest/portgroups/" + id, update.Path);
        Assert.Contains("MwiOnCode", update.Body, StringComparison.Ordinal);
        Assert.Contains("EnableMWI", update.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("DisplayName", update.Body, StringComparison.Ordinal); // unchanged: not sent
        Assert.DoesNotContain("ObjectId", update.Body, StringComparison.Ordinal);
        Assert.False(group.HasChanges); // accepted after the 204

        var reread = await client.PortGroups.GetAsync(id);
        Assert.False(reread.EnableMWI);
        Assert.Equal("*99", reread.MwiOnCode);

        var all = new List<PortGroup>();
        await foreach (var item in client.PortGroups.ListAsync())
        {
            all.Add(item);
        }

        Assert.Single(all);
        var page = await client.PortGroups.ListPageAsync();
        Assert.Equal(1, page.Total);

        await client.PortGroups.DeleteAsync(id);
        Assert.Equal(("DELETE", "/vmrest/portgroups/" + id), (_server.Requests.Last().Method, _server.Requests.Last().Path));
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync(id));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("DATA_EXCEPTION", error.ErrorCode);
        Assert.Equal(0, (await client.PortGroups.ListPageAsync()).Total);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Create_for_a_phone_system_posts_to_its_id(CupiWireFormat format)
    {
        var client = Clients.For(_server, format);
        var request = NewPortGroup("Added");
        var id = await client.PortGroups.CreateForPhoneSystemAsync(PhoneSystemId, request);
        Assert.Equal("/vmrest/portgroups/" + PhoneSystemId, _server.Requests.Last().Path);
        var group = await client.PortGroups.GetAsync(id);
        Assert.Equal(PhoneSystemId, group.MediaSwitchObjectId);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Reset_checks_the_status_client_side_and_otherwise_surfaces_the_server_error(CupiWireFormat format)
    {
        var client = Clients.For(_server, format);
        _server.Seed("/vmrest/portgroups",
            new Dictionary<string, string> { ["ObjectId"] = "needs-reset", ["DisplayName"] = "A", ["ResetStatusEnum"] = "100" },
            new Dictionary<string, string> { ["ObjectId"] = "no-reset", ["DisplayName"] = "B", ["ResetStatusEnum"] = "0" });

        var needs = await client.PortGroups.GetAsync("needs-reset");
        Assert.Equal(ResetStatus.Required, needs.ResetStatusEnum);
        await client.PortGroups.ResetAsync(needs);
        Assert.Equal(("PUT", "/vmrest/portgroups/needs-reset/reset"), (_server.Requests.Last().Method, _server.Requests.Last().Path));
        Assert.Equal("0", _server.Find("/vmrest/portgroups", "needs-reset")!["ResetStatusEnum"]);

        var noReset = await client.PortGroups.GetAsync("no-reset");
        var sent = _server.Requests.Count;
        var invalid = await Assert.ThrowsAsync<CupiValidationException>(() => client.PortGroups.ResetAsync(noReset));
        Assert.Contains("ResetStatusEnum", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(sent, _server.Requests.Count); // nothing sent

        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.ResetAsync("no-reset"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("INVALID_PARAMETER", error.ErrorCode);
        Assert.Equal("PUT", error.Method);
        Assert.Equal("/vmrest/portgroups/no-reset/reset", error.Path);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Servers_of_a_port_group(CupiWireFormat format)
    {
        var client = Clients.For(_server, format);
        var servers = client.PortGroups.Servers("pg-1");
        Assert.Equal("pg-1", servers.PortGroupObjectId);

        var id = await servers.AddAsync(new PortGroupServer { HostOrIPAddress = "10.0.0.1", Port = 5060, Precedence = 1 });
        Assert.Equal(("POST", "/vmrest/portgroups/pg-1/portgroupservers"), (_server.Requests.Last().Method, _server.Requests.Last().Path));

        var server = await servers.GetAsync(id);
        Assert.Equal("10.0.0.1", server.HostOrIPAddress);
        Assert.Equal(5060, server.Port);
        Assert.Equal("pg-1", server.MediaPortGroupObjectId);

        server.Port = 5061;
        await servers.UpdateAsync(server);
        Assert.Equal(("PUT", "/vmrest/portgroups/pg-1/portgroupservers/" + id), (_server.Requests.Last().Method, _server.Requests.Last().Path));
        Assert.DoesNotContain("HostOrIPAddress", _server.Requests.Last().Body, StringComparison.Ordinal);

        var list = await servers.ListPageAsync();
        Assert.Equal(5061, Assert.Single(list).Port);
        await servers.DeleteAsync(id);
        Assert.Equal(("DELETE", "/vmrest/portgroups/pg-1/portgroupservers/" + id), (_server.Requests.Last().Method, _server.Requests.Last().Path));
        Assert.Empty(await servers.ListPageAsync());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Codecs_of_a_port_group(CupiWireFormat format)
    {
        var client = Clients.For(_server, format);
        var codecs = client.PortGroups.Codecs("pg 2/x"); // an id that needs escaping
        var id = await codecs.AddAsync(new PortGroupCodec { MediaPortGroupObjectId = PhoneSystemId, RtpCodecDefObjectId = "2d3fd0a3-0b44-4ed8-9d55-3c35e3f7b9a4", PreferredPacketSizeMs = 20 });
        Assert.Equal("/vmrest/portgroups/pg%202%2Fx/portgroupcodecs", _server.Requests.Last().RawTarget);

        var items = new List<PortGroupCodec>();
        await foreach (var codec in codecs.ListAsync())
        {
            items.Add(codec);
        }

        Assert.Equal(20, Assert.Single(items).PreferredPacketSizeMs);
        await codecs.DeleteAsync(id);
        Assert.Equal("DELETE", _server.Requests.Last().Method);
        Assert.Equal(0, (await codecs.ListPageAsync()).Total);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Catalogue_lists_and_gets(CupiWireFormat format)
    {
        var client = Clients.For(_server, format);
        _server.Seed("/vmrest/portgrouptemplates", Obj("t1", ("CopyTelephonyIntegrationMethodEnum", "2")));
        _server.Seed("/vmrest/rtpcodecsdefs", Obj("c1", ("DisplayName", "G.711 mu-law")), Obj("c2", ("DisplayName", "G.729")));
        _server.Seed("/vmrest/phonesystems", Obj("p1", ("DisplayName", "PhoneSystem")));
        _server.Seed("/vmrest/sipprofiles", Obj("s1", ("DisplayName", "5061/TLS"), ("Port", "5061"), ("DoTLS", "true")));
        _server.Seed("/vmrest/sipcertificates", Obj("x1", ("DisplayName", "Cert")));

        Assert.Equal(TelephonyIntegrationMethod.Sip, (await client.PortGroupTemplates.GetAsync("t1")).CopyTelephonyIntegrationMethodEnum);
        Assert.Equal(1, (await client.PortGroupTemplates.ListPageAsync()).Total);
        Assert.Equal(["G.711 mu-law", "G.729"], (await client.RtpCodecDefs.ListPageAsync()).Select(c => c.DisplayName));
        Assert.Equal("G.729", (await client.RtpCodecDefs.GetAsync("c2")).DisplayName);
        Assert.Equal("PhoneSystem", Assert.Single(await client.PhoneSystems.ListPageAsync()).DisplayName);
        Assert.Equal("PhoneSystem", (await client.PhoneSystems.GetAsync("p1")).DisplayName);
        var profile = await client.SipSecurityProfiles.GetAsync("s1");
        Assert.Equal(5061, profile.Port);
        Assert.True(profile.DoTLS);
        Assert.Single(await client.SipSecurityProfiles.ListPageAsync());
        Assert.Equal("Cert", (await client.SipCertificates.GetAsync("x1")).DisplayName);
        Assert.Single(await client.SipCertificates.ListPageAsync());
        Assert.All(_server.Requests, r => Assert.Equal(MediaType(format), r.Accept));
    }

    [Fact]
    public async Task Clients_are_mockable()
    {
        var client = new MockClient();
        Assert.Equal("mocked", (await client.PortGroups.GetAsync("any")).DisplayName);
    }

    private sealed class MockClient : CupiClient
    {
        public override PortGroupClient PortGroups { get; } = new MockPortGroups();
    }

    private sealed class MockPortGroups : PortGroupClient
    {
        public override Task<PortGroup> GetAsync(string objectId, System.Threading.CancellationToken cancellationToken = default) =>
            Task.FromResult(new PortGroup { DisplayName = "mocked" });
    }

    internal const string PhoneSystemId = "5bfd3bae-0c37-4d20-8066-c3065431fc41";

    /// <summary>A valid SCCP create request, as the document's example sends it.</summary>
    internal static PortGroup NewPortGroup(string name) => new()
    {
        DisplayName = name,
        MediaSwitchObjectId = PhoneSystemId,
        MediaPortGroupTemplateObjectId = "90dd306f-b8af-46b6-8289-f13437cc1e5e",
        TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
        SkinnyDevicePrefix = "Test1-VI",
        HostOrIPAddress = "10.10.10.10",
    };

    internal static Dictionary<string, string> Obj(string id, params (string Key, string Value)[] fields)
    {
        var result = new Dictionary<string, string> { ["ObjectId"] = id, ["URI"] = "/vmrest/x/" + id };
        foreach (var (key, value) in fields)
        {
            result[key] = value;
        }

        return result;
    }
}
