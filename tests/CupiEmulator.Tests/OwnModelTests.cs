using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>
/// A user's own resource (Schemas/partitions.schema.json, generated here as Contoso.Partitions): handed to the
/// emulator as <c>CupiModels.All</c>, it gets CRUD, paging, query, sort and validation with no emulator code.
/// </summary>
public sealed class OwnModelTests
{
    private static CupiModelInfo PartitionTable => ((ICupiModel)new Contoso.Partitions.Partition()).ModelInfo;

    private static CupiEmulatorOptions WithPartitions() => new CupiEmulatorOptions().AddModels(Contoso.Partitions.CupiModels.All);

    private static async Task<string> CreatePartition(Client client, WireFormat wire, string name, int? weight = null)
    {
        var fields = new Dictionary<string, string> { ["Name"] = name, ["Description"] = "for " + name };
        if (weight is { } w)
        {
            fields["Weight"] = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var reply = await client.Post("vmrest/partitions", Payload.Object(wire, "Partition", fields), wire);
        Assert.True(reply.Status == HttpStatusCode.Created, $"{reply.Status}: {reply.Body}");
        Assert.Equal(reply.Body, reply.Message.Headers.Location?.OriginalString);
        Assert.Matches("^/vmrest/partitions/[0-9a-f-]{36}$", reply.Body);
        return reply.Body;
    }

    [Fact]
    public async Task Its_routes_come_from_its_table()
    {
        await using var cuc = await CupiEmulator.StartAsync(WithPartitions());
        Assert.Contains(PartitionTable, cuc.Models);
        foreach (var route in new[] { "GET /vmrest/partitions", "GET /vmrest/partitions/{objectId}", "POST /vmrest/partitions", "PUT /vmrest/partitions/{objectId}", "DELETE /vmrest/partitions/{objectId}" })
        {
            Assert.Contains(route, cuc.Routes);
        }

        // The Port Groups models are still served next to it.
        Assert.Contains("GET /vmrest/portgroups", cuc.Routes);
        Assert.Empty(cuc.GetObjects("Partition"));
    }

    [Fact]
    public async Task Without_the_port_group_models_only_its_own_are_served()
    {
        await using var cuc = await CupiEmulator.StartAsync(new CupiEmulatorOptions { IncludePortGroupModels = false }.AddModels(Contoso.Partitions.CupiModels.All));
        using var client = new Client(cuc);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get("vmrest/portgroups")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/partitions")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/version")).Status);
        Assert.Equal([PartitionTable], cuc.Models);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Create_get_update_and_delete(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync(WithPartitions());
        using var client = new Client(cuc);
        var uri = await CreatePartition(client, wire, "Sales");

        var get = await client.Get(uri, wire);
        Assert.Equal(HttpStatusCode.OK, get.Status);
        if (wire == WireFormat.Xml)
        {
            Assert.Equal("Partition", get.Xml().Name.LocalName);
        }

        var fields = get.Fields(wire);
        Assert.Equal("Sales", fields["Name"]);
        Assert.Equal("for Sales", fields["Description"]);
        Assert.Equal(uri, fields["URI"]);
        Assert.Equal(uri[(uri.LastIndexOf('/') + 1)..], fields["ObjectId"]);
        Assert.Equal("10", fields["Weight"]); // the schema's default

        Assert.Equal(HttpStatusCode.NoContent, (await client.Put(uri, Payload.Object(wire, "Partition", new() { ["Description"] = "renamed" }), wire)).Status);
        Assert.Equal("renamed", (await client.Get(uri, wire)).Fields(wire)["Description"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete(uri, wire)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get(uri, wire)).Status);
        Assert.Empty(cuc.GetObjects("Partition"));
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Paging_query_and_sort(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync(WithPartitions());
        using var client = new Client(cuc);
        for (var i = 1; i <= 12; i++)
        {
            await CreatePartition(client, wire, $"P{i:00}", weight: (i * 7) % 13);
        }

        var page = await client.Get("vmrest/partitions?rowsPerPage=5&pageNumber=3", wire);
        var (total, items) = page.List(wire, "Partition");
        Assert.Equal(12, total);
        Assert.Equal(["P11", "P12"], items.Select(i => i["Name"]));

        var (matched, found) = (await client.Get("vmrest/partitions?query=(Name%20startswith%20p1)", wire)).List(wire, "Partition");
        Assert.Equal(3, matched);
        Assert.Equal(["P10", "P11", "P12"], found.Select(i => i["Name"]).Order(StringComparer.Ordinal));

        var (_, sorted) = (await client.Get("vmrest/partitions?sort=(Weight%20desc)", wire)).List(wire, "Partition");
        var weights = sorted.Select(i => int.Parse(i["Weight"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(weights.OrderDescending(), weights);
        Assert.Equal(12, weights.Count);

        var unknownColumn = await client.Get("vmrest/partitions?query=(Colour%20is%20red)", wire);
        Assert.Equal(HttpStatusCode.BadRequest, unknownColumn.Status);
        Assert.Contains("Colour", unknownColumn.Error(wire).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Its_rules_are_its_schemas(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync(WithPartitions());
        using var client = new Client(cuc);

        var missing = await client.Post("vmrest/partitions", Payload.Object(wire, "Partition", new() { ["Description"] = "no name" }), wire);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal(("MISSING_PARAMETER", "Name: is required in a create request"), missing.Error(wire));

        var tooLong = await client.Post("vmrest/partitions", Payload.Object(wire, "Partition", new() { ["Name"] = new string('n', 51) }), wire);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.StartsWith("Name:", tooLong.Error(wire).Message, StringComparison.Ordinal);
        Assert.Contains("more than 50", tooLong.Error(wire).Message, StringComparison.Ordinal);

        var outOfRange = await client.Post("vmrest/partitions", Payload.Object(wire, "Partition", new() { ["Name"] = "x", ["Weight"] = "101" }), wire);
        Assert.Equal("Weight: 101 is outside 0..100", outOfRange.Error(wire).Message);

        var readOnly = await client.Post("vmrest/partitions", Payload.Object(wire, "Partition", new() { ["Name"] = "x", ["ObjectId"] = Guid.NewGuid().ToString() }), wire);
        Assert.Contains("ObjectId is read-only", readOnly.Error(wire).Message, StringComparison.Ordinal);

        var uri = await CreatePartition(client, wire, "Fixed");
        var createOnly = await client.Put(uri, Payload.Object(wire, "Partition", new() { ["LocationObjectId"] = Guid.NewGuid().ToString() }), wire);
        Assert.Equal(HttpStatusCode.BadRequest, createOnly.Status);
        Assert.StartsWith("LocationObjectId: was changed, but it is fixed when the object is created", createOnly.Error(wire).Message, StringComparison.Ordinal);

        var malformed = await client.Post("vmrest/partitions", wire == WireFormat.Json ? "{\"Name\": " : "<Partition><Name>x</Partition>", wire);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Single(cuc.GetObjects("Partition"));
    }
}
