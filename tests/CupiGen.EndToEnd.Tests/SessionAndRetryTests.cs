using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;

namespace CupiGen.EndToEnd.Tests;

/// <summary>Sessions (Basic once, then cookies; one re-authentication after expiry) and retries (idempotent
/// requests after 503 honoring Retry-After; POST only after 503).</summary>
public sealed class SessionAndRetryTests
{
    [Theory, BothFormats]
    public async Task Basic_is_sent_once_and_the_session_cookie_carries_every_later_call(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Session");
        await cuc.Client.PortGroups.GetAsync(id);
        await cuc.Client.PortGroups.UpdateAsync(id, new PortGroup { EnableAGC = false });
        await cuc.Client.PortGroups.Servers(id).ListPageAsync();
        await cuc.Client.PortGroups.Codecs(id).AddAsync(new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 20 });
        await cuc.Client.PortGroups.ResetAsync(id);
        await cuc.Client.PhoneSystems.ListPageAsync();
        await cuc.Client.PortGroups.DeleteAsync(id);

        Assert.Equal(8, cuc.Emulator.RequestCount);
        Assert.Equal(1, cuc.Emulator.BasicAuthenticationCount);
        Assert.Equal(1, cuc.Emulator.SessionsOpened);
        var requests = cuc.Wire.All;
        Assert.Equal("Basic", requests[0].AuthorizationScheme);
        Assert.Null(requests[0].Cookie);
        Assert.All(requests.Skip(1), r => Assert.Null(r.AuthorizationScheme));
        Assert.All(requests.Skip(1), r => Assert.Contains("JSESSIONID=", r.Cookie, StringComparison.Ordinal));
    }

    [Theory, BothFormats]
    public async Task Concurrent_first_calls_open_one_session(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem)));

        Assert.Equal(6, cuc.Emulator.RequestCount);
        Assert.Equal(1, cuc.Emulator.SessionsOpened);
    }

    [Theory, BothFormats]
    public async Task An_expired_session_authenticates_again_exactly_once(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);
        cuc.Emulator.ExpireSessions();
        var before = cuc.Wire.Count;

        var read = await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);
        await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);

        Assert.Equal(Seed.PhoneSystemName, read.DisplayName);
        var after = cuc.Wire.Since(before);
        Assert.Equal([401, 200, 200], after.Select(r => r.Status));
        Assert.Equal([null, "Basic", null], after.Select(r => r.AuthorizationScheme));
        Assert.Equal(2, cuc.Emulator.BasicAuthenticationCount);
        Assert.Equal(2, cuc.Emulator.SessionsOpened);
    }

    [Theory, BothFormats]
    public async Task Concurrent_calls_on_an_expired_session_authenticate_again_once(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);

        for (var round = 0; round < 5; round++)
        {
            cuc.Emulator.ExpireSessions();
            var basic = cuc.Emulator.BasicAuthenticationCount;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem)));
            Assert.Equal(basic + 1, cuc.Emulator.BasicAuthenticationCount);
        }
    }

    [Theory, BothFormats]
    public async Task An_expired_session_before_a_POST_creates_exactly_one_object(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);
        cuc.Emulator.ExpireSessions();

        var id = await cuc.CreateSccpAsync("After expiry");

        Assert.Equal(id, Assert.Single(cuc.Emulator.GetObjects("PortGroup"))["ObjectId"]);
        Assert.Equal(2, cuc.Emulator.BasicAuthenticationCount);
    }

    [Theory, BothFormats]
    public async Task A_GET_answered_503_is_retried_after_Retry_After(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);
        cuc.Emulator.FailNextRequests(1, retryAfterSeconds: 1);
        var before = cuc.Emulator.RequestCount;

        var clock = Stopwatch.StartNew();
        var read = await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);

        Assert.Equal(Seed.PhoneSystemName, read.DisplayName);
        Assert.Equal(2, cuc.Emulator.RequestCount - before);
        Assert.Equal([503, 200], cuc.Wire.All.TakeLast(2).Select(r => r.Status));
        // The configured backoff is 10 ms; only the server's Retry-After explains a wait of about a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
    }

    [Theory, BothFormats]
    public async Task A_PUT_and_a_DELETE_answered_503_are_retried(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Retried");

        cuc.Emulator.FailNextRequests(2, retryAfterSeconds: 0);
        await cuc.Client.PortGroups.UpdateAsync(id, new PortGroup { EnableAGC = false });
        Assert.Equal("false", cuc.Emulator.GetObjects("PortGroup").Single()["EnableAGC"]);

        cuc.Emulator.FailNextRequests(1, retryAfterSeconds: 0);
        await cuc.Client.PortGroups.DeleteAsync(id);
        Assert.Empty(cuc.Emulator.GetObjects("PortGroup"));
        Assert.Equal([503, 503, 204, 503, 204], cuc.Wire.All.Skip(1).Select(r => r.Status));
    }

    [Theory, BothFormats]
    public async Task A_POST_answered_503_is_retried_and_creates_exactly_one_object(CupiWireFormat format)
    {
        // Unity Connection answers 503 to a request that waited too long in its queue: it was never processed.
        await using var cuc = await Cuc.StartAsync(format);
        await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);
        cuc.Emulator.FailNextRequests(1, retryAfterSeconds: 0);
        var before = cuc.Emulator.RequestCount;

        var id = await cuc.CreateSccpAsync("Retried after 503");

        Assert.Equal(2, cuc.Emulator.RequestCount - before);
        Assert.Equal([503, 201], cuc.Wire.All.TakeLast(2).Select(r => r.Status));
        Assert.Equal(id, Assert.Single(cuc.Emulator.GetObjects("PortGroup"))["ObjectId"]);
    }

    [Theory, BothFormats]
    public async Task A_POST_answered_500_is_not_retried(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);
        cuc.Emulator.FailNextRequests(1, retryAfterSeconds: 0, statusCode: 500);
        var before = cuc.Emulator.RequestCount;

        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.CreateSccpAsync("Not retried"));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(("POST", "/vmrest/portgroups"), (ex.Method, ex.Path));
        Assert.Equal(1, cuc.Emulator.RequestCount - before);
        Assert.Empty(cuc.Emulator.GetObjects("PortGroup"));

        // The failure was consumed: the same request now succeeds.
        await cuc.CreateSccpAsync("Not retried");
        Assert.Single(cuc.Emulator.GetObjects("PortGroup"));
    }

    [Theory, BothFormats]
    public async Task A_GET_that_keeps_failing_gives_up_after_the_configured_retries(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format, options => options.MaxRetryAttempts = 2);
        cuc.Emulator.FailNextRequests(5, retryAfterSeconds: 0);

        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, cuc.Emulator.RequestCount);
    }
}
