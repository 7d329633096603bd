using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>Reset flow, cascades, paging, queries, persistence and concurrency.</summary>
public sealed class BehaviourTests
{
    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Update_requires_a_reset_and_reset_clears_it(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Reset flow", 1, wire: wire);
        var path = "vmrest/portgroups/" + id;
        Assert.Equal("0", (await client.Get(path, wire)).Fields(wire)["ResetStatusEnum"]);

        // Setting a field to the value it already has changes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await client.Put(path, Payload.Object(wire, "PortGroup", new() { ["EnableAGC"] = "true" }), wire)).Status);
        Assert.Equal("0", (await client.Get(path, wire)).Fields(wire)["ResetStatusEnum"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Put(path, Payload.Object(wire, "PortGroup", new() { ["EnableAGC"] = "false" }), wire)).Status);
        Assert.Equal("100", (await client.Get(path, wire)).Fields(wire)["ResetStatusEnum"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Put(path + "/reset", null, wire)).Status);
        var after = (await client.Get(path, wire)).Fields(wire);
        Assert.Equal("0", after["ResetStatusEnum"]);
        Assert.Equal("false", after["EnableAGC"]);

        // A second reset is refused: nothing to reset.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Put(path + "/reset", null, wire)).Status);
    }

    [Fact]
    public async Task Deleting_a_port_group_deletes_its_servers_and_codecs()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var doomed = await client.CreatePortGroup("Doomed", 2);
        var kept = await client.CreatePortGroup("Kept", 2);
        foreach (var id in new[] { doomed, kept })
        {
            var added = await client.Post($"vmrest/portgroups/{id}/portgroupcodecs", Payload.Object(WireFormat.Xml, "PortGroupCodec", new()
            {
                ["RtpCodecDefObjectId"] = Seed.Ilbc,
                ["PreferredPacketSizeMs"] = "20",
            }));
            Assert.Equal(HttpStatusCode.Created, added.Status);
        }

        Assert.Equal(2, cuc.GetObjects("PortGroupServer").Count);
        Assert.Equal(2, cuc.GetObjects("PortGroupCodec").Count);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete("vmrest/portgroups/" + doomed)).Status);
        // Lists under a port group that is gone are empty (200), as on a real server.
        Assert.Equal(0, (await client.Get($"vmrest/portgroups/{doomed}/portgroupservers")).List(WireFormat.Xml, "PortGroupServer").Total);
        Assert.Equal(0, (await client.Get($"vmrest/portgroups/{doomed}/portgroupcodecs")).List(WireFormat.Xml, "PortGroupCodec").Total);
        Assert.All(cuc.GetObjects("PortGroupServer"), s => Assert.Equal(kept, s["MediaPortGroupObjectId"]));
        Assert.All(cuc.GetObjects("PortGroupCodec"), c => Assert.Equal(kept, c["MediaPortGroupObjectId"]));
        Assert.Single(cuc.GetObjects("PortGroupServer"));
        Assert.Single(cuc.GetObjects("PortGroupCodec"));
        // The lookups are untouched.
        Assert.Equal(5, cuc.GetObjects("RtpCodecDef").Count);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Paging_query_and_sort(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        foreach (var (name, method) in new[] { ("Alpha-2", 2), ("Beta", 1), ("Alpha-1", 1), ("Gamma", 3), ("Alpha-3", 2) })
        {
            await client.CreatePortGroup(name, method);
        }

        // "total:name,name" for one page.
        async Task<string> Names(string query)
        {
            var reply = await client.Get("vmrest/portgroups?" + query, wire);
            Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
            var (total, items) = reply.List(wire, "PortGroup");
            return total + ":" + string.Join(",", items.Select(i => i["DisplayName"]));
        }

        Assert.Equal("5:Alpha-2,Beta,Alpha-1", await Names("rowsPerPage=3"));
        Assert.Equal("5:Gamma,Alpha-3", await Names("rowsPerPage=3&pageNumber=2"));
        Assert.Equal("5:", await Names("rowsPerPage=3&pageNumber=3"));
        Assert.Equal("5:", await Names("rowsPerPage=0"));

        Assert.Equal("3:Alpha-2,Alpha-1,Alpha-3", await Names("query=(DisplayName%20startswith%20alpha)"));
        Assert.Equal("1:Beta", await Names("query=(DisplayName%20is%20beta)"));
        Assert.Equal("2:Alpha-2,Alpha-3", await Names("query=(TelephonyIntegrationMethodEnum%20is%202)"));
        Assert.Equal("0:", await Names("query=(DisplayName%20is%20Delta)"));

        Assert.Equal("5:Alpha-1,Alpha-2,Alpha-3,Beta,Gamma", await Names("sort=(DisplayName%20asc)"));
        Assert.Equal("5:Gamma,Beta,Alpha-3,Alpha-2,Alpha-1", await Names("sort=(DisplayName%20desc)"));
        Assert.Equal("3:Alpha-3,Alpha-2", await Names("query=(DisplayName%20startswith%20Alpha)&sort=(DisplayName%20desc)&rowsPerPage=2"));
        Assert.Equal("5:Gamma,Alpha-2,Alpha-3,Beta,Alpha-1", await Names("sort=(TelephonyIntegrationMethodEnum%20desc)"));

        foreach (var bad in new[] { "query=(Nothing%20is%201)", "query=(DisplayName%20near%20x)", "sort=(DisplayName%20sideways)", "rowsPerPage=x", "rowsPerPage=2&pageNumber=0" })
        {
            var reply = await client.Get("vmrest/portgroups?" + bad, wire);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal("INVALID_PARAMETER", reply.Error(wire).Code);
        }
    }

    [Fact]
    public async Task Lookups_page_and_filter_too()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var page = (await client.Get("vmrest/rtpcodecdefs?rowsPerPage=2&pageNumber=3", WireFormat.Json)).List(WireFormat.Json, "RtpCodecDef");
        Assert.Equal(5, page.Total);
        Assert.Equal("iLBC", page.Items.Single()["DisplayName"]);
        var tls = (await client.Get("vmrest/sipsecurityprofiles?query=(Port%20is%205061)")).List(WireFormat.Xml, "SipSecurityProfile");
        Assert.Equal(Seed.Profile5061, tls.Items.Single()["ObjectId"]);
        Assert.Equal("true", tls.Items.Single()["DoTLS"]);
    }

    [Fact]
    public async Task State_is_saved_to_and_loaded_from_a_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cupi-emulator-tests-" + Guid.NewGuid().ToString("N"));
        var statePath = Path.Combine(directory, "state.json");
        try
        {
            string id;
            await using (var first = await CupiEmulator.StartAsync(new CupiEmulatorOptions { StatePath = statePath }))
            {
                Assert.True(File.Exists(statePath)); // seeded and written at start
                using var client = new Client(first);
                id = await client.CreatePortGroup("Persistent", 2);
                Assert.Equal(HttpStatusCode.NoContent, (await client.Put("vmrest/portgroups/" + id, Payload.Object(WireFormat.Xml, "PortGroup", new() { ["EnableMWI"] = "true" }))).Status);
            }

            await using (var second = await CupiEmulator.StartAsync(new CupiEmulatorOptions { StatePath = statePath }))
            {
                using var client = new Client(second);
                var fields = (await client.Get("vmrest/portgroups/" + id)).Fields(WireFormat.Xml);
                Assert.Equal("Persistent", fields["DisplayName"]);
                Assert.Equal("true", fields["EnableMWI"]);
                Assert.Equal("100", fields["ResetStatusEnum"]);
                Assert.Single((await client.Get($"vmrest/portgroups/{id}/portgroupservers")).List(WireFormat.Xml, "PortGroupServer").Items);
                Assert.Equal(3, (await client.Get("vmrest/portgrouptemplates")).List(WireFormat.Xml, "PortGroupTemplate").Total);
            }

            // The explicit API: save, change, load back; reseed.
            await using var third = await CupiEmulator.StartAsync();
            using var api = new Client(third);
            var snapshot = Path.Combine(directory, "snapshot.json");
            third.SaveState(snapshot);
            await api.CreatePortGroup("Transient", 1);
            Assert.Single(third.GetObjects("PortGroup"));
            third.LoadState(snapshot);
            Assert.Empty(third.GetObjects("PortGroup"));
            third.LoadState(statePath);
            Assert.Equal(id, third.GetObjects("PortGroup").Single()["ObjectId"]);
            third.ResetState();
            Assert.Empty(third.GetObjects("PortGroup"));
            Assert.Equal(5, third.GetObjects("RtpCodecDef").Count);

            File.WriteAllText(snapshot, """{"objects":{"Widget":[]}}""");
            Assert.Throws<InvalidDataException>(() => third.LoadState(snapshot));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Concurrent_requests_are_safe()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/portgroups")).Status); // open the session first

        var ids = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var wire = i % 2 == 0 ? WireFormat.Xml : WireFormat.Json;
            var id = await client.CreatePortGroup($"Parallel-{i:D2}", 1 + (i % 3), wire: wire);
            ids.Add(id);
            var get = await client.Get("vmrest/portgroups/" + id, wire);
            var put = await client.Put("vmrest/portgroups/" + id, Payload.Object(wire, "PortGroup", new() { ["MwiMaxConcurrentRequests"] = (i % 250).ToString(System.Globalization.CultureInfo.InvariantCulture) }), wire);
            var list = await client.Get("vmrest/portgroups?rowsPerPage=5", wire);
            if (get.Status != HttpStatusCode.OK || put.Status != HttpStatusCode.NoContent || list.Status != HttpStatusCode.OK)
            {
                failures.Add($"{i}: {get.Status} {put.Status} {list.Status}");
            }
        });

        Assert.Empty(failures);
        Assert.Equal(60, ids.Distinct().Count());
        var all = (await client.Get("vmrest/portgroups", WireFormat.Json)).List(WireFormat.Json, "PortGroup");
        Assert.Equal(60, all.Total);
        Assert.Equal(60, cuc.GetObjects("PortGroupServer").Count);
        // Every update that changed a value (all but the one that set the default 0 again) requires a reset.
        Assert.All(all.Items.Where(p => p["MwiMaxConcurrentRequests"] != "0"), p => Assert.Equal("100", p["ResetStatusEnum"]));
        Assert.Equal(cuc.RequestCount, cuc.BasicAuthenticationCount);
    }
}
