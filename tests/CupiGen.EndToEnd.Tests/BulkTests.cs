using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;

namespace CupiGen.EndToEnd.Tests;

/// <summary>
/// The generated bulk methods against the emulator with faults on: 503s the server never processed (retried),
/// answers lost after the server processed a create (reported, never sent again), invalid items (not sent) and
/// unknown ids. Every item gets one result, no failure stops the others, nothing is created twice.
/// </summary>
public sealed class BulkTests
{
    [Theory, BothFormats]
    public async Task CreateMany_creates_each_object_once_through_503s_lost_answers_and_invalid_items(CupiWireFormat format)
    {
        string[] lost = ["bulk-13", "bulk-29"];
        await using var cuc = await Cuc.StartAsync(format, o => o.MaxConcurrentRequestsPerServer = 3, loseAnswer: request =>
            request.Method == HttpMethod.Post && request.Content is { } content &&
            lost.Any(name => content.ReadAsStringAsync().GetAwaiter().GetResult().Contains(name + (format == CupiWireFormat.Json ? "\"" : "<"), StringComparison.Ordinal)));
        var items = Enumerable.Range(0, 40).Select(i => Requests.Sccp($"bulk-{i:00}", $"10.0.1.{i + 1}")).ToList();
        items[7].MediaSwitchObjectId = null; // required on create: refused before sending
        var progress = new Recorder();
        cuc.Emulator.FailNextRequests(6, retryAfterSeconds: 0);

        var results = await cuc.Client.PortGroups.CreateManyAsync(items, progress);

        Assert.Equal(40, results.Count);
        Assert.Equal(Enumerable.Range(0, 40), results.Select(r => r.Index));
        Assert.Equal(37, results.Succeeded);
        Assert.Equal(3, results.Failed);
        Assert.All(results.Where(r => r.Succeeded), r => Assert.True(Guid.TryParse(r.Value, out _)));
        var invalid = Assert.IsType<CupiValidationException>(results[7].Error);
        Assert.Contains(invalid.Result.Errors, p => p.Field == nameof(PortGroup.MediaSwitchObjectId));
        Assert.False(results[7].MayHaveBeenApplied);
        foreach (var index in new[] { 13, 29 })
        {
            var error = Assert.IsType<CupiApiException>(results[index].Error);
            Assert.Equal((HttpStatusCode)0, error.StatusCode);
            Assert.True(results[index].MayHaveBeenApplied);
        }

        // Each object exists exactly once; the lost-answer creates were made once and not repeated.
        var names = cuc.Emulator.GetObjects("PortGroup").Select(o => o["DisplayName"]).ToList();
        Assert.Equal(39, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain("bulk-07", names);
        Assert.Equal(6, cuc.Wire.All.Count(r => r.Method == "POST" && r.Status == 503));
        Assert.Equal(39, cuc.Wire.All.Count(r => r.Method == "POST" && r.Status == 201));
        Assert.Equal(results.Values.OrderBy(id => id), cuc.Emulator.GetObjects("PortGroup").Where(o => !lost.Contains(o["DisplayName"])).Select(o => o["ObjectId"]).OrderBy(id => id));

        var last = progress.Reports.MaxBy(p => p.Done)!;
        Assert.Equal((40, 3, 40), (last.Done, last.Failed, last.Total));
        Assert.Equal(41, progress.Reports.Count); // the start, then one per item
        Assert.Equal(Enumerable.Range(0, 41), progress.Reports.Select(p => p.Done).Order());
    }

    [Theory, BothFormats]
    public async Task Update_reset_and_delete_many_go_on_past_failures(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var created = await cuc.Client.PortGroups.CreateManyAsync(Enumerable.Range(0, 12).Select(i => Requests.Sccp($"many-{i:00}", $"10.0.2.{i + 1}")));
        Assert.Equal(12, created.Succeeded);
        var ids = created.Values.ToList();

        var groups = new List<PortGroup>();
        foreach (var id in ids)
        {
            var group = await cuc.Client.PortGroups.GetAsync(id);
            group.MwiMaxConcurrentRequests = 3;
            groups.Add(group);
        }

        groups[4].MwiMaxConcurrentRequests = 1000; // out of range: refused before sending, the others go on
        cuc.Emulator.FailNextRequests(4, retryAfterSeconds: 0);
        var updated = await cuc.Client.PortGroups.UpdateManyAsync(groups);
        Assert.Equal(11, updated.Succeeded);
        Assert.IsType<CupiValidationException>(updated[4].Error);
        Assert.Same(groups[0], updated[0].Value);

        // The change asks for a reset (ResetStatusEnum 100) on the eleven updated port groups.
        var reread = new List<PortGroup>();
        foreach (var id in ids)
        {
            reread.Add(await cuc.Client.PortGroups.GetAsync(id));
        }

        var required = reread.Where(g => g.ResetStatusEnum == ResetStatus.Required).ToList();
        Assert.Equal(11, required.Count);
        var reset = await cuc.Client.PortGroups.ResetManyAsync(reread);
        Assert.Equal(11, reset.Succeeded);
        Assert.IsType<CupiValidationException>(reset[4].Error); // not 100: refused by the client, not sent

        var deleted = await cuc.Client.PortGroups.DeleteManyAsync([.. ids, Seed.Unknown]);
        Assert.Equal(12, deleted.Succeeded);
        var unknown = Assert.IsType<CupiApiException>(deleted[12].Error);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(deleted[12].MayHaveBeenApplied);
        Assert.Empty(cuc.Emulator.GetObjects("PortGroup"));
    }

    [Theory, BothFormats]
    public async Task A_bound_client_adds_many(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("servers");
        var servers = cuc.Client.PortGroups.Servers(id);

        var added = await servers.AddManyAsync(Enumerable.Range(0, 5).Select(i => new PortGroupServer { HostOrIPAddress = $"10.0.3.{i + 1}", Port = 2000 + i }));

        Assert.Equal(5, added.Succeeded);
        Assert.Equal(6, (await servers.ListPageAsync()).Total); // the port group's first server and the five
    }

    /// <summary>Records each report when it is made (Progress&lt;T&gt; would post them later, out of order).</summary>
    private sealed class Recorder : IProgress<CupiBulkProgress>
    {
        private readonly ConcurrentQueue<CupiBulkProgress> _reports = new();

        public List<CupiBulkProgress> Reports => [.. _reports];

        public void Report(CupiBulkProgress value) => _reports.Enqueue(value);
    }
}
