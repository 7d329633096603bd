using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;


namespace CupiGen.Client.Tests.Resilience;

/// <summary>Bodies are read within CupiClientOptions.MaxResponseBytes, on the wire, with bounded memory.</summary>
public sealed class BoundedResponseTests : IAsyncLifetime
{
    private const int Limit = 1024 * 1024;
    private static readonly byte[] Chunk = CreateChunk();

    private FakeCupiServer _server = null!;
    private long _served;

    public async Task InitializeAsync() => _server = await FakeCupiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static byte[] CreateChunk()
    {
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)' ');
        chunk[0] = (byte)'[';
        return chunk;
    }

    /// <summary>Answers with an endless chunked body (or one that declares <paramref name="declared"/> bytes).</summary>
    private void Endless(int status, string contentType, long? declared = null) =>
        _server.Intercept = async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = declared;
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(Chunk, context.RequestAborted);
                    Interlocked.Add(ref _served, Chunk.Length);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or InvalidOperationException)
            {
                // The client hung up, as it should.
            }

            return true;
        };

    [Fact]
    public async Task An_endless_body_fails_at_the_limit_with_bounded_memory()
    {
        Endless(200, "application/json");
        var client = Clients.For(_server, configure: o => o.MaxResponseBytes = Limit);
        await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync("x")); // warm up the pools and the JIT
        _server.ClearRequests();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync("x"));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // The process (client and in-process server) allocated a small multiple of the limit, not the stream.
        Assert.True(allocated < 16L * Limit, $"allocated {allocated:N0} bytes for a limit of {Limit:N0}");
        Assert.Single(_server.Requests, r => r.Path == "/vmrest/portgroups/x"); // too large is not retried
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_fails_before_reading()
    {
        Endless(200, "application/json", declared: 200L * 1024 * 1024);
        var client = Clients.For(_server, configure: o => o.MaxResponseBytes = Limit);

        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync("x"));

        Assert.Contains("declares 209715200 bytes", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    public async Task Too_large_an_answer_fails_every_verb_without_a_retry(string verb)
    {
        Endless(verb == "POST" ? 201 : 200, "application/json", declared: 2L * Limit);
        var client = Clients.For(_server, configure: o => o.MaxResponseBytes = Limit);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => verb switch
        {
            "GET" => client.PortGroups.GetAsync("x"),
            "PUT" => client.PortGroups.UpdateAsync("x", new Cupi.PortGroup { MwiOnCode = "1" }),
            "DELETE" => client.PortGroups.DeleteAsync("x"),
            _ => client.PortGroups.CreateAsync(EndpointTests.NewPortGroup("Big")),
        });
        Assert.Equal(verb, error.Method);
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task The_default_limit_is_the_parsers_limit()
    {
        Assert.Equal(CupiLimits.MaxDocumentBytes, new CupiClientOptions().MaxResponseBytes);
        Endless(200, "application/json", declared: 200L * 1024 * 1024);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.GetAsync("x"));
        Assert.Contains("declares 209715200 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_error_body_is_read_only_as_far_as_the_message_needs()
    {
        Endless(400, "text/plain");
        var client = Clients.For(_server, configure: o => o.MaxRetryAttempts = 0);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync("x"));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16L * Limit);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read()
    {
        _server.Seed("/vmrest/portgroups", EndpointTests.Obj("pg-1", ("DisplayName", new string('x', 40))));
        var client = Clients.For(_server, configure: o => o.MaxResponseBytes = 200);
        Assert.Equal(40, (await client.PortGroups.GetAsync("pg-1")).DisplayName!.Length);

        var tight = Clients.For(_server, configure: o => o.MaxResponseBytes = 20);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => tight.PortGroups.GetAsync("pg-1"));
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limit_cannot_exceed_the_parsers()
    {
        var options = Clients.Options(_server);
        options.MaxResponseBytes = CupiLimits.MaxDocumentBytes + 1;
        Assert.Throws<ArgumentOutOfRangeException>(() => CupiTransport.Create(options));
    }
}
