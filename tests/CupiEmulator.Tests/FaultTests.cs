using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>Injected faults for users' own tests, and the counts that show what reached the emulator.</summary>
public sealed class FaultTests
{
    private static string SccpBody(WireFormat wire, string name) => Payload.Object(wire, "PortGroup", new()
    {
        ["MediaSwitchObjectId"] = Seed.PhoneSystem, ["MediaPortGroupTemplateObjectId"] = Seed.SccpTemplate, ["DisplayName"] = name,
        ["TelephonyIntegrationMethodEnum"] = "1", ["HostOrIPAddress"] = "10.0.0.1",
    });

    [Theory]
    [InlineData(WireFormat.Xml, 503, 2)]
    [InlineData(WireFormat.Json, 503, null)]
    [InlineData(WireFormat.Xml, 500, null)]
    [InlineData(WireFormat.Json, 502, 5)]
    public async Task A_status_fault_answers_the_nth_match_unprocessed(WireFormat wire, int status, int? retryAfter)
    {
        var options = new CupiEmulatorOptions();
        options.Faults.Add(CupiFault.Status(status, retryAfter is { } s ? TimeSpan.FromSeconds(s) : null).For("POST", "/vmrest/portgroups").OnOccurrence(2));
        await using var cuc = await CupiEmulator.StartAsync(options);
        using var client = new Client(cuc);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/portgroups", wire)).Status); // another method: not counted

        var replies = new[] { await client.Post("vmrest/portgroups", SccpBody(wire, "One"), wire), await client.Post("vmrest/portgroups", SccpBody(wire, "Two"), wire), await client.Post("vmrest/portgroups", SccpBody(wire, "Three"), wire) };
        Assert.Equal([HttpStatusCode.Created, (HttpStatusCode)status, HttpStatusCode.Created], replies.Select(r => r.Status));
        Assert.Equal(retryAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture), replies[1].Message.Headers.RetryAfter?.ToString());
        Assert.NotEmpty(replies[1].Error(wire).Code);
        Assert.Equal(["One", "Three"], cuc.GetObjects("PortGroup").Select(p => p["DisplayName"]));
        Assert.Equal(2, cuc.CountProcessed("POST", "/vmrest/portgroups", 201));
        Assert.Equal(0, cuc.CountProcessed("POST", "/vmrest/portgroups", status));
    }

    [Fact]
    public async Task A_reset_before_the_body_is_read_loses_the_request()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        cuc.InjectFault(CupiFault.ResetBeforeBody().For("POST", "/vmrest/portgroups").Times(1));
        using var client = new Client(cuc);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Post("vmrest/portgroups", SccpBody(WireFormat.Xml, "Lost")));
        Assert.Empty(cuc.GetObjects("PortGroup"));
        Assert.Equal(0, cuc.CountProcessed("POST", "/vmrest/portgroups"));

        // Only once: the retry goes through.
        Assert.Equal(HttpStatusCode.Created, (await client.Post("vmrest/portgroups", SccpBody(WireFormat.Xml, "Lost"))).Status);
        Assert.Equal(1, cuc.CountProcessed("POST", "/vmrest/portgroups", 201));
    }

    [Fact]
    public async Task A_reset_after_the_body_is_read_loses_only_the_answer()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        cuc.InjectFault(CupiFault.ResetAfterBody().For("POST", "/vmrest/portgroups"));
        using var client = new Client(cuc);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Post("vmrest/portgroups", SccpBody(WireFormat.Json, "Made"), WireFormat.Json));
        // The port group exists although the client never heard so: a blind retry would create it twice.
        Assert.Equal(["Made"], cuc.GetObjects("PortGroup").Select(p => p["DisplayName"]));
        Assert.Equal(1, cuc.CountProcessed("POST", "/vmrest/portgroups"));
        Assert.Equal(0, cuc.CountProcessed("POST", "/vmrest/portgroups", 201));
    }

    [Fact]
    public async Task A_slow_fault_delays_the_answer()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        cuc.InjectFault(CupiFault.Slow(TimeSpan.FromMilliseconds(400)).For("GET", "/vmrest/phonesystems"));
        using var client = new Client(cuc);
        var clock = Stopwatch.StartNew();
        var reply = await client.Get("vmrest/phonesystems", WireFormat.Json);
        Assert.True(clock.ElapsedMilliseconds >= 380, $"{clock.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, reply.List(WireFormat.Json, "PhoneSystem").Total);
    }

    [Fact]
    public async Task A_truncated_body_fails_to_read_after_the_request_was_processed()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Cut", 1);
        cuc.InjectFault(CupiFault.TruncatedBody().For("GET", "/vmrest/portgroups/*"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.Get("vmrest/portgroups/" + id));
        Assert.Equal(1, cuc.CountProcessed("GET", "/vmrest/portgroups/*", 200));
        // The list is not under the pattern.
        Assert.Equal(HttpStatusCode.OK, (await client.Get("vmrest/portgroups")).Status);
    }

    [Fact]
    public async Task An_html_error_page_is_html()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        cuc.InjectFault(CupiFault.HtmlErrorPage(500).For(null, "/vmrest/**"));
        using var client = new Client(cuc);
        var reply = await client.Post("vmrest/portgroups", SccpBody(WireFormat.Json, "Html"), WireFormat.Json);
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
        Assert.StartsWith("<!doctype html>", reply.Body, StringComparison.Ordinal);
        Assert.Empty(cuc.GetObjects("PortGroup"));
    }

    [Fact]
    public async Task An_expired_session_is_401_with_the_cookies_cleared()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var signedIn = new Client(cuc);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Get("vmrest/phonesystems")).Status);
        Assert.Equal(1, cuc.ActiveSessions);

        cuc.InjectFault(CupiFault.ExpiredSession().For("GET").OnOccurrence(2));
        var expired = await signedIn.Get("vmrest/phonesystems");
        Assert.Equal(HttpStatusCode.OK, expired.Status); // the fault's first GET: fine
        expired = await signedIn.Get("vmrest/phonesystems");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal(0, cuc.ActiveSessions);
        var cleared = expired.Message.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cleared, c => c.StartsWith("JSESSIONID=;", StringComparison.Ordinal) && c.Contains("expires=", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Basic", expired.Message.Headers.WwwAuthenticate.Single().Scheme);
        // The client signs in again with its credentials.
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Get("vmrest/phonesystems")).Status);
        Assert.Equal(2, cuc.SessionsOpened);
    }

    [Fact]
    public async Task A_probability_fault_is_repeatable_by_its_seed()
    {
        async Task<string> Pattern(int seed)
        {
            await using var cuc = await CupiEmulator.StartAsync();
            cuc.InjectFault(CupiFault.Status(503).For("GET", "/vmrest/portgrouptemplates").WithProbability(0.3, seed));
            using var client = new Client(cuc);
            var statuses = new char[60];
            for (var i = 0; i < statuses.Length; i++)
            {
                statuses[i] = (await client.Get("vmrest/portgrouptemplates")).Status == HttpStatusCode.OK ? '.' : 'x';
            }

            Assert.Equal(statuses.Count(c => c == '.'), cuc.CountProcessed("GET", "/vmrest/portgrouptemplates", 200));
            return new string(statuses);
        }

        var first = await Pattern(42);
        Assert.Equal(first, await Pattern(42));
        Assert.NotEqual(first, await Pattern(7));
        Assert.InRange(first.Count(c => c == 'x'), 6, 36);
    }

    [Fact]
    public async Task Path_patterns_pick_nested_paths_and_clear_faults_removes_them()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Nested", 1);
        cuc.InjectFault(CupiFault.Status(503).For("POST", "/vmrest/portgroups/*/portgroupcodecs"));
        var codec = Payload.Object(WireFormat.Xml, "PortGroupCodec", new() { ["RtpCodecDefObjectId"] = Seed.Ilbc, ["PreferredPacketSizeMs"] = "20" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Post($"vmrest/portgroups/{id}/portgroupcodecs", codec)).Status);
        Assert.Equal(HttpStatusCode.Created, (await client.Post($"vmrest/portgroups/{id}/portgroupservers", Payload.Object(WireFormat.Xml, "PortGroupServer", new() { ["HostOrIPAddress"] = "10.0.0.2" }))).Status);
        cuc.ClearFaults();
        Assert.Equal(HttpStatusCode.Created, (await client.Post($"vmrest/portgroups/{id}/portgroupcodecs", codec)).Status);
        Assert.Equal(1, cuc.CountProcessed("POST", "/vmrest/portgroups/*/portgroupcodecs", 201));
    }
}
