using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>Binding, TLS, Basic authentication, sessions and the test knobs.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Starts_on_a_free_loopback_port_over_http()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        Assert.Equal("http", cuc.BaseAddress.Scheme);
        Assert.Equal("127.0.0.1", cuc.BaseAddress.Host);
        Assert.InRange(cuc.Port, 1, 65535);
        Assert.Equal(CupiEmulatorOptions.DefaultUserName, cuc.UserName);
        Assert.Null(cuc.Certificate);

        using var client = new Client(cuc);
        var reply = await client.Get("vmrest/portgrouptemplates");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task Serves_https_with_a_self_signed_certificate()
    {
        await using var cuc = await CupiEmulator.StartAsync(new CupiEmulatorOptions { Https = true });
        Assert.Equal("https", cuc.BaseAddress.Scheme);
        Assert.Equal("127.0.0.1", cuc.BaseAddress.Host);
        Assert.NotNull(cuc.Certificate);
        Assert.Equal(cuc.Certificate!.Subject, cuc.Certificate.Issuer);

        using var client = new Client(cuc);
        var reply = await client.Get("vmrest/phonesystems", WireFormat.Json);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        // Over HTTPS the session cookies are Secure.
        Assert.Contains(reply.Message.Headers.GetValues("Set-Cookie"), c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // A client that does not trust the certificate is refused by TLS.
        using var untrusting = new HttpClient { BaseAddress = cuc.BaseAddress };
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("vmrest/phonesystems"));
    }

    [Fact]
    public async Task Uses_the_requested_port_and_users()
    {
        await using var probe = await CupiEmulator.StartAsync();
        var port = probe.Port;
        await probe.StopAsync();

        var options = new CupiEmulatorOptions { Port = port }.WithUser("operator", "S3cret!").WithUser("second", "other");
        await using var cuc = await CupiEmulator.StartAsync(options);
        Assert.Equal(port, cuc.Port);
        Assert.Equal("operator", cuc.UserName);
        Assert.Equal("S3cret!", cuc.Password);

        using var second = new Client(cuc, user: "second", password: "other");
        Assert.Equal(HttpStatusCode.OK, (await second.Get("vmrest/sipcertificates")).Status);
        using var defaultAccount = new Client(cuc, user: CupiEmulatorOptions.DefaultUserName, password: CupiEmulatorOptions.DefaultPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await defaultAccount.Get("vmrest/sipcertificates")).Status);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Refuses_requests_without_valid_credentials_with_401(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var anonymous = new Client(cuc, withCredentials: false);
        var reply = await anonymous.Get("vmrest/portgroups", wire);
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Contains("Basic", reply.Message.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("UNAUTHORIZED", reply.Error(wire).Code);

        using var wrong = new Client(cuc, password: "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.Get("vmrest/portgroups", wire)).Status);
        Assert.False(reply.Message.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_session_cookie_replaces_basic_credentials()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var first = await client.Get("vmrest/portgrouptemplates");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var cookies = first.Message.Headers.GetValues("Set-Cookie").Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).ToHashSet();
        Assert.Superset(new[] { "JSESSIONID", "JSESSIONIDSSO", "REQUEST_TOKEN_KEY" }.ToHashSet(), cookies);
        Assert.Equal(1, cuc.BasicAuthenticationCount);
        Assert.Equal(1, cuc.SessionsOpened);

        // Same cookie jar, no Authorization header: the session is enough.
        client.Headers.Authorization = null;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/rtpcodecsdefs")).Status);
        }

        Assert.Equal(1, cuc.BasicAuthenticationCount);
        Assert.Equal(4, cuc.RequestCount);
        Assert.Equal(1, cuc.ActiveSessions);
    }

    [Fact]
    public async Task Expired_sessions_need_basic_credentials_again()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/portgrouptemplates")).Status);
        var authorization = client.Headers.Authorization;
        client.Headers.Authorization = null;

        cuc.ExpireSessions();
        Assert.Equal(0, cuc.ActiveSessions);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Get("vmrest/portgrouptemplates")).Status);

        client.Headers.Authorization = authorization;
        var again = await client.Get("vmrest/portgrouptemplates");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains(again.Message.Headers.GetValues("Set-Cookie"), c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal));
        Assert.Equal(2, cuc.SessionsOpened);
        Assert.Equal(2, cuc.BasicAuthenticationCount);
    }

    [Theory]
    [InlineData(WireFormat.Xml)]
    [InlineData(WireFormat.Json)]
    public async Task Injected_failures_answer_503_with_retry_after_then_recover(WireFormat wire)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        cuc.FailNextRequests(2, retryAfterSeconds: 7);
        for (var i = 0; i < 2; i++)
        {
            var failed = await client.Get("vmrest/portgroups", wire);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
            Assert.Equal(TimeSpan.FromSeconds(7), failed.Message.Headers.RetryAfter?.Delta);
            Assert.Equal("SERVICE_UNAVAILABLE", failed.Error(wire).Code);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/portgroups", wire)).Status);
        Assert.Equal(3, cuc.BasicAuthenticationCount);
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_wrong_methods_405()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var unknown = await client.Get("vmrest/users");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("NOT_FOUND", unknown.Error(WireFormat.Xml).Code);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.Delete("vmrest/portgrouptemplates/" + Seed.SccpTemplate)).Status);
    }
}
