using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>
/// Unity Connection's throttle (Cisco, "Unity Connection REST API FAQ"): a few requests in progress per server,
/// whatever the client, the rest queued, and a request that cannot get a slot in time answered 503 unprocessed.
/// </summary>
public sealed class ThrottleTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var throttle = new CupiEmulatorOptions().Throttle;
        Assert.Equal(5, throttle.MaxConcurrentRequests);
        Assert.Equal(255, throttle.QueueLimit);
        Assert.Equal(TimeSpan.FromSeconds(20), throttle.QueueTimeout);
        Assert.Equal(TimeSpan.Zero, throttle.Latency);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Requests_beyond_the_slots_and_the_queue_are_503_unprocessed(WireFormat wire)
    {
        var options = new CupiEmulatorOptions();
        options.Throttle.MaxConcurrentRequests = 2;
        options.Throttle.QueueLimit = 3;
        options.Throttle.QueueTimeout = TimeSpan.FromMilliseconds(300);
        options.Throttle.Latency = TimeSpan.FromMilliseconds(1500);
        await using var cuc = await CupiEmulator.StartAsync(options);

        // Eight clients, each with its own connection: the limit is the server's, not a connection's.
        var clients = Enumerable.Range(0, 8).Select(_ => new Client(cuc)).ToArray();
        try
        {
            var replies = await Task.WhenAll(clients.Select(c => c.Get("vmrest/portgrouptemplates", wire)));
            // Two get a slot; three wait past the queue timeout and three find the queue full: 503 each.
            Assert.Equal(2, replies.Count(r => r.Status == HttpStatusCode.OK));
            var busy = replies.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
            Assert.Equal(6, busy.Count);
            Assert.All(busy, r => Assert.Equal(("SERVICE_UNAVAILABLE", "The server is busy: too many requests in progress; try again later"), r.Error(wire)));
            Assert.Equal(2, cuc.CountProcessed("GET", "/vmrest/portgrouptemplates"));
            Assert.Equal(8, cuc.Requests.Count);
        }
        finally
        {
            Array.ForEach(clients, c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_busy_create_is_not_processed()
    {
        var options = new CupiEmulatorOptions();
        options.Throttle.MaxConcurrentRequests = 1;
        options.Throttle.QueueLimit = 0;
        options.Throttle.Latency = TimeSpan.FromMilliseconds(1500);
        await using var cuc = await CupiEmulator.StartAsync(options);
        using var first = new Client(cuc);
        using var second = new Client(cuc);
        var slow = first.CreatePortGroup("Slot", 1);
        // Wait until the first create holds the only slot (a fixed sleep raced a slow first connection).
        var waited = Stopwatch.StartNew();
        while (cuc.RequestsInProgress == 0 && !slow.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, cuc.RequestsInProgress);
        var refused = await second.Post("vmrest/portgroups", Payload.Object(WireFormat.Xml, "PortGroup", new()
        {
            ["MediaSwitchObjectId"] = Seed.PhoneSystem, ["MediaPortGroupTemplateObjectId"] = Seed.SccpTemplate, ["DisplayName"] = "Refused",
            ["TelephonyIntegrationMethodEnum"] = "1", ["HostOrIPAddress"] = "10.0.0.1",
        }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        await slow;
        Assert.Equal(["Slot"], cuc.GetObjects("PortGroup").Select(p => p["DisplayName"]));
        Assert.Equal(1, cuc.CountProcessed("POST", "/vmrest/portgroups", 201));
    }

    [Fact]
    public async Task Queued_requests_wait_their_turn_within_the_timeout()
    {
        var options = new CupiEmulatorOptions();
        options.Throttle.Latency = TimeSpan.FromMilliseconds(150);
        await using var cuc = await CupiEmulator.StartAsync(options);
        var clients = Enumerable.Range(0, 20).Select(_ => new Client(cuc)).ToArray();
        try
        {
            var clock = Stopwatch.StartNew();
            var replies = await Task.WhenAll(clients.Select(c => c.Get("vmrest/phonesystems")));
            clock.Stop();
            Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            // 20 requests through 5 slots of 150 ms each take at least 4 rounds; unthrottled they would take one.
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(4 * 150 * 0.9), $"{clock.Elapsed.TotalMilliseconds} ms");
        }
        finally
        {
            Array.ForEach(clients, c => c.Dispose());
        }
    }
}
