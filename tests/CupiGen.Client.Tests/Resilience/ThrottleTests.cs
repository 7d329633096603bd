using System;
using System.Linq;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;

namespace CupiGen.Client.Tests.Resilience;

/// <summary>
/// Bulk work against a server that throttles as Unity Connection does (Cisco, "Unity Connection REST API FAQ"):
/// 5 requests in progress, the rest queued, 503 to one that queued too long.
/// </summary>
public sealed class ThrottleTests : IAsyncLifetime
{
    private const int Creates = 500;

    private FakeCupiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeCupiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task CreateAllAsync(Func<int, CupiClient> clientFor) =>
        Task.WhenAll(Enumerable.Range(0, Creates).Select(i => clientFor(i).PortGroups.CreateAsync(EndpointTests.NewPortGroup("Bulk-" + i))));

    private void AssertEveryCreateAppliedOnce()
    {
        var names = _server.Objects("/vmrest/portgroups").Select(o => o["DisplayName"]).ToList();
        Assert.Equal(Creates, names.Count);
        Assert.Equal(Creates, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Bulk_creates_from_several_clients_share_one_limit_per_server_and_never_meet_the_throttle()
    {
        _server.Throttle(inProgress: 5, queueTimeout: TimeSpan.FromMilliseconds(50), work: TimeSpan.FromMilliseconds(2));
        // Three clients of the process, each with its own HttpClient and session, talk to the same server.
        var clients = Enumerable.Range(0, 3).Select(_ => Clients.For(_server)).ToArray();

        await CreateAllAsync(i => clients[i % clients.Length]);

        AssertEveryCreateAppliedOnce();
        Assert.InRange(_server.MaxInFlight, 2, CupiClientOptions.DefaultMaxConcurrentRequestsPerServer);
        Assert.Equal(0, _server.BusyAnswers);
        Assert.Equal(Creates, _server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Bulk_creates_that_overrun_the_throttle_are_retried_after_503_with_no_failure_and_no_duplicate()
    {
        _server.Throttle(inProgress: 5, queueTimeout: TimeSpan.FromMilliseconds(20), work: TimeSpan.FromMilliseconds(5));
        var client = Clients.For(_server, configure: o =>
        {
            o.MaxConcurrentRequestsPerServer = 40; // far more than the server takes: its queue overflows
            o.MaxRetryAttempts = 100;
            o.RetryDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
        });

        await CreateAllAsync(_ => client);

        AssertEveryCreateAppliedOnce();
        Assert.True(_server.BusyAnswers > 0, "the server's throttle never answered 503: the test did not exercise the retry");
        // Requests are recorded once admitted past the throttle: every create was processed exactly once.
        Assert.Equal(Creates, _server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public void The_limit_is_keyed_by_scheme_host_and_port()
    {
        Assert.Equal("https://cuc.example.com:443", CupiServerThrottle.ServerKey(new Uri("https://CUC.example.com/vmrest/portgroups")));
        Assert.NotEqual(CupiServerThrottle.ServerKey(new Uri("http://cuc.example.com/")), CupiServerThrottle.ServerKey(new Uri("https://cuc.example.com/")));
        Assert.Same(CupiServerThrottle.For(new Uri("https://a.example.com:8443/x"), 4), CupiServerThrottle.For(new Uri("https://A.example.com:8443/y"), 9));
        Assert.NotSame(CupiServerThrottle.For(new Uri("https://a.example.com:8443/"), 4), CupiServerThrottle.For(new Uri("https://a.example.com:9443/"), 4));
    }
}
