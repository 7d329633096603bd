using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;

namespace CupiGen.Client.Tests;

/// <summary>CupiBulk and the generated *ManyAsync methods: the concurrency bound, progress, cancellation and
/// what a failed item's <see cref="CupiBulkResult{T}.MayHaveBeenApplied"/> says.</summary>
public sealed class BulkTests : IAsyncLifetime
{
    private FakeCupiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeCupiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static PortGroup Request(int i) => new()
    {
        DisplayName = $"bulk-{i}",
        MediaSwitchObjectId = "5bfd3bae-0c37-4d20-8066-c3065431fc41",
        MediaPortGroupTemplateObjectId = "90dd306f-b8af-46b6-8289-f13437cc1e5e",
        TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
        HostOrIPAddress = "10.0.0.1",
    };

    [Fact]
    public async Task A_run_never_has_more_requests_in_flight_than_the_limit()
    {
        // The server makes each request last, so that too many at once would show.
        _server.Throttle(inProgress: 50, queueTimeout: TimeSpan.FromSeconds(30), work: TimeSpan.FromMilliseconds(40));
        var client = Clients.For(_server, configure: o => o.MaxConcurrentRequestsPerServer = 3);
        var progress = new Recorder();

        var results = await client.PortGroups.CreateManyAsync(Enumerable.Range(0, 24).Select(Request), progress);

        Assert.Equal(24, results.Succeeded);
        Assert.Equal(3, _server.MaxInFlight);
        Assert.Equal(24, _server.Count("/vmrest/portgroups"));
        Assert.Equal(25, progress.Reports.Count);
        Assert.All(progress.Reports, p => Assert.Equal(24, p.Total));
        Assert.True(results.Elapsed > TimeSpan.FromMilliseconds(24 / 3 * 40 - 50), results.ToString());
        Assert.Matches(@"^24 of 24 succeeded, 0 failed, in \d+\.\d\d s \(\d+ items/s\)$", results.ToString());
    }

    [Fact]
    public async Task Cancelling_stops_the_run_with_OperationCanceledException()
    {
        _server.Throttle(inProgress: 50, queueTimeout: TimeSpan.FromSeconds(30), work: TimeSpan.FromMilliseconds(50));
        var client = Clients.For(_server, configure: o => o.MaxConcurrentRequestsPerServer = 2);
        using var cancel = new CancellationTokenSource();
        var progress = new Recorder(p =>
        {
            if (p.Done == 4)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PortGroups.DeleteManyAsync(Enumerable.Range(0, 100).Select(i => $"id-{i}"), progress, cancel.Token));
        Assert.InRange(_server.Requests.Count, 4, 10);
    }

    [Fact]
    public async Task A_failed_item_says_whether_the_server_may_have_acted_on_it()
    {
        _server.Faults = request => request.Method == "POST" && request.Body.Contains("bulk-1", StringComparison.Ordinal) ? Fault.Reset
            : request.Method == "POST" && request.Body.Contains("bulk-2", StringComparison.Ordinal) ? Fault.ServerError
            : Fault.None;
        var client = Clients.For(_server);

        var results = await client.PortGroups.CreateManyAsync([Request(0), Request(1), Request(2)]);

        Assert.True(results[0].Succeeded);
        Assert.False(results[0].MayHaveBeenApplied);
        Assert.Equal((HttpStatusCode)0, Assert.IsType<CupiApiException>(results[1].Error).StatusCode);
        Assert.True(results[1].MayHaveBeenApplied); // processed, then the connection reset: the object exists
        Assert.Equal(HttpStatusCode.InternalServerError, Assert.IsType<CupiApiException>(results[2].Error).StatusCode);
        Assert.True(results[2].MayHaveBeenApplied);
        Assert.Equal(1, _server.Requests.Count(r => r.Method == "POST" && r.Body.Contains("bulk-1", StringComparison.Ordinal)));
        Assert.Equal(1, _server.Requests.Count(r => r.Method == "POST" && r.Body.Contains("bulk-2", StringComparison.Ordinal)));

        // A server that cannot be reached never acted.
        var gone = await FakeCupiServer.StartAsync();
        var options = Clients.Options(gone);
        await gone.DisposeAsync();
        options.MaxRetryAttempts = 0;
        var unreachable = await new CupiClient(options).PortGroups.CreateManyAsync([Request(3)]);
        Assert.False(unreachable[0].Succeeded);
        Assert.False(unreachable[0].MayHaveBeenApplied);
    }

    [Fact]
    public async Task An_item_without_an_id_is_an_invalid_item_not_an_exception_of_the_run()
    {
        _server.Seed("/vmrest/portgroups", new Dictionary<string, string> { ["ObjectId"] = "pg-1", ["DisplayName"] = "one" });
        var client = Clients.For(_server);
        var group = await client.PortGroups.GetAsync("pg-1");
        group.MwiOnCode = "*98";

        var results = await client.PortGroups.UpdateManyAsync([new PortGroup { MwiOnCode = "*97" }, group]);

        var error = Assert.IsType<CupiValidationException>(results[0].Error);
        Assert.Contains("ObjectId", error.Message, StringComparison.Ordinal);
        Assert.True(results[1].Succeeded, results[1].ToString());
        Assert.Equal("*98", _server.Find("/vmrest/portgroups", "pg-1")!["MwiOnCode"]);
    }

    private sealed class Recorder(Action<CupiBulkProgress>? onReport = null) : IProgress<CupiBulkProgress>
    {
        private readonly ConcurrentQueue<CupiBulkProgress> _reports = new();

        public List<CupiBulkProgress> Reports => [.. _reports];

        public void Report(CupiBulkProgress value)
        {
            _reports.Enqueue(value);
            onReport?.Invoke(value);
        }
    }
}
