using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.AspNetCore.Http;

namespace CupiGen.Client.Tests.Resilience;

/// <summary>What counts as a successful answer, how retries wait, and the one exception contract.</summary>
public sealed class AnswerContractTests : IAsyncLifetime
{
    private const string Id = "11111111-2222-4333-8444-555555555555";
    private const string Portal = "<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body><p>Please sign in to continue</p></body></html>";

    private FakeCupiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeCupiServer.StartAsync();
        _server.Seed("/vmrest/portgroups", EndpointTests.Obj(Id, ("DisplayName", "G")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private void Answer(int status, string? contentType, string body, int times = int.MaxValue)
    {
        var count = 0;
        _server.Intercept = async (context, _) =>
        {
            if (Interlocked.Increment(ref count) > times)
            {
                return false;
            }

            context.Response.StatusCode = status;
            if (contentType is not null)
            {
                context.Response.ContentType = contentType;
            }

            await context.Response.WriteAsync(body);
            return true;
        };
    }

    // ------------------------------------------------------------------ PUT and DELETE: 204, or 200 without a body

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_200_html_page_is_not_success_for_put_and_delete(string verb)
    {
        Answer(200, "text/html", Portal);
        var client = Clients.For(_server);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => verb == "PUT"
            ? client.PortGroups.UpdateAsync(Id, new PortGroup { MwiOnCode = "1" })
            : client.PortGroups.DeleteAsync(Id));
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(verb, error.Method);
        Assert.Contains("expected 204 No Content", error.Message, StringComparison.Ordinal);
        Assert.Contains("<!DOCTYPE html><html><head><title>Guest Wi-Fi", error.Message, StringComparison.Ordinal); // the body's first characters
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_200_html_page_is_not_a_created_object()
    {
        Answer(200, "text/html", Portal);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.CreateAsync(EndpointTests.NewPortGroup("H")));
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("Guest Wi-Fi", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_200_without_a_body_is_success_for_put()
    {
        Answer(200, null, "  ");
        await Clients.For(_server).PortGroups.UpdateAsync(Id, new PortGroup { MwiOnCode = "1" });
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_200_html_page_is_not_data_for_get_and_is_not_retried()
    {
        Answer(200, "text/html", Portal);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.GetAsync(Id));
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
        Assert.Contains("Guest Wi-Fi", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_get_whose_body_does_not_parse_is_retried()
    {
        Answer(200, "application/json", "{\"ObjectId\":\"" + Id + "\",\"Display", times: 1);
        var group = await Clients.For(_server).PortGroups.GetAsync(Id);
        Assert.Equal("G", group.DisplayName);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_get_whose_body_never_parses_fails_with_CupiApiException_not_CupiFormatException()
    {
        Answer(200, "application/json", "{\"ObjectId\":\"" + Id + "\",\"Display");
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server, configure: o => o.MaxRetryAttempts = 1).PortGroups.GetAsync(Id));
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.IsType<CupiFormatException>(error.InnerException);
        Assert.Equal(2, _server.Requests.Count);
    }

    // ------------------------------------------------------------------ 201: the id from the body or Location

    [Fact]
    public async Task A_201_with_the_uri_only_in_Location_yields_its_id()
    {
        _server.CreatedBody = _ => string.Empty;
        var id = await Clients.For(_server).PortGroups.CreateAsync(EndpointTests.NewPortGroup("L"));
        Assert.NotNull(_server.Find("/vmrest/portgroups", id));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_201_whose_body_and_Location_disagree_fails_naming_both()
    {
        var other = "/vmrest/portgroups/" + Guid.NewGuid();
        _server.CreatedLocation = _ => other;
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.CreateAsync(EndpointTests.NewPortGroup("D")));
        Assert.Equal(HttpStatusCode.Created, error.StatusCode);
        var created = _server.Objects("/vmrest/portgroups").Single(o => o["ObjectId"] != Id);
        Assert.Contains(created["URI"], error.Message, StringComparison.Ordinal);
        Assert.Contains(other, error.Message, StringComparison.Ordinal);
        Assert.Contains("probably created", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests); // not retried: the object exists
    }

    [Fact]
    public async Task A_201_whose_body_is_cut_in_half_never_yields_a_cut_id()
    {
        _server.CreatedBody = uri => uri[..(uri.Length / 2 + 10)];
        _server.CreatedLocation = null;
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.CreateAsync(EndpointTests.NewPortGroup("C")));
        Assert.Equal(HttpStatusCode.Created, error.StatusCode);
        Assert.Contains("does not end in an object id", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Equal(2, _server.Count("/vmrest/portgroups"));
    }

    [Fact]
    public async Task A_201_without_any_uri_fails()
    {
        _server.CreatedBody = _ => string.Empty;
        _server.CreatedLocation = null;
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.CreateAsync(EndpointTests.NewPortGroup("N")));
        Assert.Contains("carries no URI and no Location header", error.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ waits and timeouts

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    public async Task Retry_After_is_capped_by_MaxRetryDelay(string verb)
    {
        Answer(503, "text/plain", "busy", times: 1);
        _server.Intercept = WithRetryAfter(_server.Intercept!, "120");
        var client = Clients.For(_server, configure: o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        await (verb switch
        {
            "GET" => client.PortGroups.GetAsync(Id),
            "PUT" => client.PortGroups.UpdateAsync(Id, new PortGroup { MwiOnCode = "1" }),
            "DELETE" => client.PortGroups.DeleteAsync(Id),
            _ => client.PortGroups.CreateAsync(EndpointTests.NewPortGroup("R")),
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"waited {clock.Elapsed} for a Retry-After of 120 s capped at 200 ms");
        Assert.Equal([verb, verb], _server.Requests.Select(r => r.Method));
        Assert.Equal(verb == "POST" ? 2 : verb == "DELETE" ? 0 : 1, _server.Count("/vmrest/portgroups"));
    }

    private static Func<HttpContext, RecordedRequest, Task<bool>> WithRetryAfter(Func<HttpContext, RecordedRequest, Task<bool>> inner, string seconds) =>
        (context, request) =>
        {
            context.Response.Headers.RetryAfter = seconds;
            return inner(context, request);
        };

    [Fact]
    public async Task The_total_timeout_bounds_every_attempt_and_wait()
    {
        Answer(503, "text/plain", "busy");
        _server.Intercept = WithRetryAfter(_server.Intercept!, "1");
        var client = Clients.For(_server, configure: o =>
        {
            o.MaxRetryAttempts = 1000;
            o.TotalTimeout = TimeSpan.FromMilliseconds(500);
        });
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync(Id));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal((HttpStatusCode)0, error.StatusCode);
        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error.InnerException);
    }

    [Fact]
    public async Task The_total_timeout_cuts_a_slow_attempt()
    {
        _server.Intercept = async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        var client = Clients.For(_server, configure: o => o.TotalTimeout = TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync(Id));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal((HttpStatusCode)0, error.StatusCode);
    }

    [Fact]
    public async Task An_attempt_timeout_on_the_last_attempt_is_a_CupiApiException_with_its_cause()
    {
        _server.Intercept = async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        var client = Clients.For(_server, configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 1;
        });
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync(Id));
        Assert.Equal((HttpStatusCode)0, error.StatusCode);
        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_refused_connection_is_a_CupiApiException_with_status_0()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var client = new CupiClient(new CupiClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            UserName = "admin",
            Password = FakeCupiServer.Password,
            MaxRetryAttempts = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync(Id));
        Assert.Equal((HttpStatusCode)0, error.StatusCode);
        Assert.Equal(("GET", "/vmrest/portgroups/" + Id), (error.Method, error.Path));
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.DoesNotContain(FakeCupiServer.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_callers_cancellation_is_an_OperationCanceledException()
    {
        _server.Intercept = async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        var client = Clients.For(_server, configure: o => o.AttemptTimeout = TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PortGroups.GetAsync(Id, cts.Token));
        Assert.Equal(cts.Token, cancelled.CancellationToken);
    }

    // ------------------------------------------------------------------ GET /vmrest/version

    [Theory]
    [InlineData("application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><VersionInformation><name>vmrest</name><version>14.0.1.10000-10</version></VersionInformation>")]
    [InlineData("application/json", "{\"name\":\"vmrest\",\"version\":\"14.0.1.10000-10\"}")]
    public async Task The_version_is_read_in_either_format(string contentType, string body)
    {
        _server.Intercept = async (context, request) =>
        {
            if (request.Path != "/vmrest/version")
            {
                return false;
            }

            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
            return true;
        };
        var version = await Clients.For(_server).GetVersionAsync();
        Assert.Equal("vmrest", version.Name);
        Assert.Equal("14.0.1.10000-10", version.Version);
        Assert.Equal(new Version(14, 0, 1, 10000), version.Number);
        Assert.Equal(("GET", "/vmrest/version"), (_server.Requests.Single().Method, _server.Requests.Single().Path));
    }

    [Fact]
    public async Task A_version_answer_without_a_version_is_a_CupiApiException()
    {
        Answer(200, "application/json", "{\"name\":\"vmrest\"}");
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server, configure: o => o.MaxRetryAttempts = 0).GetVersionAsync());
        Assert.Contains("no version", error.Message, StringComparison.Ordinal);
        Assert.Equal("/vmrest/version", error.Path);
    }
}
