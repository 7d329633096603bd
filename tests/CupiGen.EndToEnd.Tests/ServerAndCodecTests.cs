using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;
using static CupiGen.EndToEnd.Tests.PortGroupEndpointTests;

namespace CupiGen.EndToEnd.Tests;

/// <summary><c>client.PortGroups.Servers(id)</c> and <c>client.PortGroups.Codecs(id)</c> against the emulator.</summary>
public sealed class ServerAndCodecTests
{
    [Theory, BothFormats]
    public async Task A_new_port_group_has_its_default_server_from_HostOrIPAddress(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Servers", host: "10.1.2.3");

        var servers = cuc.Client.PortGroups.Servers(id);
        var server = Assert.Single(await ToListAsync(servers.ListAsync()));
        Assert.Equal("/vmrest/portgroups/" + id + "/portgroupservers?rowsPerPage=100&pageNumber=1", cuc.Wire.Last.PathAndQuery);
        Assert.Equal("10.1.2.3", server.HostOrIPAddress);
        Assert.Equal(id, server.MediaPortGroupObjectId);
        Assert.Equal(2000, server.Port); // the document's SCCP server (l. 997-1005)

        var page = await servers.ListPageAsync();
        Assert.Equal(1, page.Total);
        var read = await servers.GetAsync(server.ObjectId!);
        Assert.Equal(server.URI, read.URI);
        Assert.Equal("/vmrest/portgroups/" + id + "/portgroupservers/" + server.ObjectId, read.URI);
    }

    [Theory, BothFormats]
    public async Task Servers_AddAsync_UpdateAsync_and_DeleteAsync(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Servers");
        var servers = cuc.Client.PortGroups.Servers(id);

        var added = new PortGroupServer { HostOrIPAddress = "10.0.0.5", Port = 5060, Precedence = 1 };
        var serverId = await servers.AddAsync(added);
        var post = cuc.Wire.Last;
        Assert.Equal(("POST", "/vmrest/portgroups/" + id + "/portgroupservers", 201), (post.Method, post.PathAndQuery, post.Status));
        // The path names the port group; the server-set MediaPortGroupObjectId is not sent.
        Assert.DoesNotContain("MediaPortGroupObjectId", post.BodyFields(format).Keys);

        var read = await servers.GetAsync(serverId);
        Assert.Equal(("10.0.0.5", 5060, 1), (read.HostOrIPAddress, read.Port, read.Precedence));
        Assert.Equal(id, read.MediaPortGroupObjectId);
        Assert.Equal(2, (await servers.ListPageAsync()).Total);

        read.Port = 5070;
        await servers.UpdateAsync(read);
        Assert.Equal(("PUT", "/vmrest/portgroups/" + id + "/portgroupservers/" + serverId), (cuc.Wire.Last.Method, cuc.Wire.Last.PathAndQuery));
        Assert.Equal(["Port"], cuc.Wire.Last.BodyFields(format).Keys);
        await servers.UpdateAsync(serverId, new PortGroupServer { TlsPort = 5071 });
        Assert.Equal((5070, 5071), ((await servers.GetAsync(serverId)).Port, (await servers.GetAsync(serverId)).TlsPort));

        await servers.DeleteAsync(serverId);
        Assert.Equal(("DELETE", 204), (cuc.Wire.Last.Method, cuc.Wire.Last.Status));
        var gone = await Assert.ThrowsAsync<CupiApiException>(() => servers.GetAsync(serverId));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(1, (await servers.ListPageAsync()).Total);
    }

    [Theory, BothFormats]
    public async Task Codecs_AddAsync_fills_the_port_group_it_is_scoped_to(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Codecs");
        var codecs = cuc.Client.PortGroups.Codecs(id);

        // MediaPortGroupObjectId is required on create (x-cupi-requiredOnCreate); the client scoped to the
        // port group supplies it, as the path does.
        var codec = new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 20 };
        var codecId = await codecs.AddAsync(codec);

        Assert.Equal(id, codec.MediaPortGroupObjectId);
        var post = cuc.Wire.Last;
        Assert.Equal(("POST", "/vmrest/portgroups/" + id + "/portgroupcodecs", 201), (post.Method, post.PathAndQuery, post.Status));
        Assert.Equal(id, post.BodyFields(format)["MediaPortGroupObjectId"]);

        var listed = Assert.Single(await ToListAsync(codecs.ListAsync()));
        Assert.Equal((codecId, id, Seed.G729, 20), (listed.ObjectId, listed.MediaPortGroupObjectId, listed.RtpCodecDefObjectId, listed.PreferredPacketSizeMs));
        Assert.Equal(1, (await codecs.ListPageAsync()).Total);
    }

    [Theory, BothFormats]
    public async Task Codecs_AddAsync_keeps_an_explicit_port_group_and_DeleteAsync_removes_the_codec(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Codecs");
        var codecs = cuc.Client.PortGroups.Codecs(id);
        var first = await codecs.AddAsync(new PortGroupCodec { MediaPortGroupObjectId = id, RtpCodecDefObjectId = Seed.G711MuLaw, PreferredPacketSizeMs = 30 });
        var second = await codecs.AddAsync(new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 10 });

        await codecs.DeleteAsync(first);

        Assert.Equal(("DELETE", "/vmrest/portgroups/" + id + "/portgroupcodecs/" + first, 204), (cuc.Wire.Last.Method, cuc.Wire.Last.PathAndQuery, cuc.Wire.Last.Status));
        Assert.Equal(second, Assert.Single(await ToListAsync(codecs.ListAsync())).ObjectId);
        var again = await Assert.ThrowsAsync<CupiApiException>(() => codecs.DeleteAsync(first));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory, BothFormats]
    public async Task Servers_and_codecs_of_one_port_group_are_not_those_of_another(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var a = await cuc.CreateSccpAsync("A");
        var b = await cuc.CreateSccpAsync("B");
        var codecId = await cuc.Client.PortGroups.Codecs(a).AddAsync(new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 20 });
        var serverOfA = Assert.Single(await ToListAsync(cuc.Client.PortGroups.Servers(a).ListAsync()));

        Assert.Empty(await ToListAsync(cuc.Client.PortGroups.Codecs(b).ListAsync()));
        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.Servers(b).GetAsync(serverOfA.ObjectId!));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.Codecs(b).DeleteAsync(codecId));
        Assert.Single(await ToListAsync(cuc.Client.PortGroups.Codecs(a).ListAsync()));
    }

    [Theory, BothFormats]
    public async Task Deleting_a_port_group_deletes_its_servers_and_codecs(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var kept = await cuc.CreateSccpAsync("Kept");
        var id = await cuc.CreateSccpAsync("Deleted");
        await cuc.Client.PortGroups.Servers(id).AddAsync(new PortGroupServer { HostOrIPAddress = "10.0.0.6", Port = 2000 });
        await cuc.Client.PortGroups.Codecs(id).AddAsync(new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 20 });
        await cuc.Client.PortGroups.Codecs(kept).AddAsync(new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 20 });
        Assert.Equal(3, cuc.Emulator.GetObjects("PortGroupServer").Count);

        await cuc.Client.PortGroups.DeleteAsync(id);

        Assert.All(cuc.Emulator.GetObjects("PortGroupServer"), s => Assert.Equal(kept, s["MediaPortGroupObjectId"]));
        Assert.Single(cuc.Emulator.GetObjects("PortGroupServer"));
        Assert.Equal(kept, Assert.Single(cuc.Emulator.GetObjects("PortGroupCodec"))["MediaPortGroupObjectId"]);
        // Through the API, the deleted port group's lists are empty, as a real server answers them.
        var servers = await cuc.Client.PortGroups.Servers(id).ListPageAsync();
        Assert.Equal(0, servers.Total);
        Assert.Empty(servers);
        var codecs = await cuc.Client.PortGroups.Codecs(id).ListPageAsync();
        Assert.Equal(0, codecs.Total);
        Assert.Empty(codecs);
    }
}
