using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.AspNetCore.Http;

namespace CupiGen.Client.Tests;

public sealed class SessionAndRetryTests : IAsyncLifetime
{
    private FakeCupiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeCupiServer.StartAsync();
        _server.Seed("/vmrest/phonesystems", EndpointTests.Obj("p1", ("DisplayName", "PhoneSystem")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Basic_is_sent_once_then_the_session_cookies()
    {
        var client = Clients.For(_server);
        for (var i = 0; i < 5; i++)
        {
            await client.PhoneSystems.GetAsync("p1");
        }

        Assert.Equal(1, _server.BasicCount);
        var later = _server.Requests.Skip(1).ToList();
        Assert.All(later, r => Assert.Null(r.Authorization));
        Assert.All(later, r => Assert.Contains("JSESSIONID=", r.Cookie, StringComparison.Ordinal));
        Assert.All(later, r => Assert.Contains("JSESSIONIDSSO=", r.Cookie, StringComparison.Ordinal));
        Assert.All(later, r => Assert.Contains("REQUEST_TOKEN_KEY=", r.Cookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_first_requests_authenticate_once()
    {
        var client = Clients.For(_server);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PhoneSystems.GetAsync("p1")));
        Assert.Equal(8, _server.Requests.Count);
        Assert.Equal(1, _server.BasicCount);
    }

    [Fact]
    public async Task An_expired_session_authenticates_again_once()
    {
        var client = Clients.For(_server);
        await client.PhoneSystems.GetAsync("p1");
        _server.ExpireSessions();
        Assert.Equal("PhoneSystem", (await client.PhoneSystems.GetAsync("p1")).DisplayName);

        var requests = _server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.NotNull(requests[1].Cookie);            // the stale session: 401
        Assert.StartsWith("Basic ", requests[2].Authorization, StringComparison.Ordinal); // authenticated again
        Assert.Equal(2, _server.BasicCount);
        await client.PhoneSystems.GetAsync("p1");
        Assert.Equal(2, _server.BasicCount);
    }

    [Fact]
    public async Task A_401_to_fresh_credentials_is_not_retried_forever()
    {
        var client = Clients.For(_server);
        await client.PhoneSystems.GetAsync("p1");
        _server.Intercept = async (context, _) =>
        {
            await FakeCupiServer.ErrorAsync(context, false, 401, "AUTHENTICATION_FAILED", "locked");
            return true;
        };
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PhoneSystems.GetAsync("p1"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(3, _server.Requests.Count); // cookie → 401, Basic → 401, stop
    }

    private void FailFirst(int failures, int status, string? retryAfter)
    {
        var count = 0;
        _server.Intercept = async (context, _) =>
        {
            if (Interlocked.Increment(ref count) > failures)
            {
                return false;
            }

            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await context.Response.WriteAsync("busy");
            return true;
        };
    }

    [Fact]
    public async Task Get_is_retried_after_503_honoring_Retry_After()
    {
        FailFirst(1, 503, "1");
        var client = Clients.For(_server);
        var watch = Stopwatch.StartNew();
        Assert.Equal("PhoneSystem", (await client.PhoneSystems.GetAsync("p1")).DisplayName);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}");
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Put_and_delete_are_retried_on_5xx()
    {
        var client = Clients.For(_server);
        var id = await client.PortGroups.CreateAsync(EndpointTests.NewPortGroup("G"));

        FailFirst(2, 502, null);
        await client.PortGroups.UpdateAsync(id, new PortGroup { EnableMWI = true });
        Assert.Equal(["POST", "PUT", "PUT", "PUT"], _server.Requests.Select(r => r.Method));

        _server.ClearRequests();
        FailFirst(1, 503, "0");
        await client.PortGroups.DeleteAsync(id);
        Assert.Equal(["DELETE", "DELETE"], _server.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Post_is_not_retried_after_a_5xx_other_than_503(int status)
    {
        FailFirst(1, status, "0");
        var client = Clients.For(_server);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.CreateAsync(EndpointTests.NewPortGroup("G")));
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("POST", error.Method);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Post_answered_503_by_the_throttle_is_retried_and_creates_one_object()
    {
        FailFirst(2, 503, "0");
        var client = Clients.For(_server);
        var id = await client.PortGroups.CreateAsync(EndpointTests.NewPortGroup("G"));
        Assert.Equal(["POST", "POST", "POST"], _server.Requests.Select(r => r.Method));
        Assert.Equal(1, _server.Count("/vmrest/portgroups"));
        Assert.NotNull(_server.Find("/vmrest/portgroups", id));
    }

    [Fact]
    public async Task Retries_give_up_after_the_configured_attempts()
    {
        FailFirst(100, 500, null);
        var client = Clients.For(_server, configure: o => o.MaxRetryAttempts = 2);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PhoneSystems.GetAsync("p1"));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_a_get_is_retried()
    {
        var count = 0;
        _server.Intercept = async (context, _) =>
        {
            if (Interlocked.Increment(ref count) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
                return true;
            }

            return false;
        };
        var client = Clients.For(_server, configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        Assert.Equal("PhoneSystem", (await client.PhoneSystems.GetAsync("p1")).DisplayName);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_stops_a_request()
    {
        _server.Intercept = async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        var client = Clients.For(_server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PhoneSystems.GetAsync("p1", cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Single(_server.Requests); // a cancelled call is not retried
    }
}
