using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.Extensions.Logging;

namespace CupiGen.Client.Tests.Resilience;

/// <summary>
/// Every fault × every verb against the loopback server, counting what reached it: a 503 from the throttle is
/// retried for every method; a lost answer (timeout, reset, cut-off body) or a 500 only for GET, PUT and DELETE;
/// a create is never applied twice, and a DELETE whose answer was lost counts as done when the retry meets 404.
/// </summary>
public sealed class FaultMatrixTests : IAsyncLifetime
{
    private const string Collection = "/vmrest/portgroups";
    private const string Existing = "11111111-2222-4333-8444-555555555555";

    private FakeCupiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeCupiServer.StartAsync();
        _server.Seed(Collection, EndpointTests.Obj(Existing, ("DisplayName", "Before")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, Fault> Cases()
    {
        var data = new TheoryData<string, Fault>();
        foreach (var verb in new[] { "GET", "PUT", "DELETE", "POST" })
        {
            foreach (var fault in new[] { Fault.Busy, Fault.ServerError, Fault.Timeout, Fault.Reset, Fault.CutBody })
            {
                data.Add(verb, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_fault_is_retried_only_when_repeating_is_harmless(string verb, Fault fault)
    {
        var log = new ListLogger();
        var options = Clients.Options(_server);
        // Long enough for a loaded machine's normal answer, short enough for a fast suite.
        options.AttemptTimeout = TimeSpan.FromMilliseconds(1500);
        _server.FaultDelay = TimeSpan.FromSeconds(6);
        var client = new CupiClient(new CupiTransport(options, log));
        var faulted = 0;
        _server.Faults = request => request.Method == verb && Interlocked.Increment(ref faulted) == 1 ? fault : Fault.None;

        Exception? failure = null;
        string? createdId = null;
        try
        {
            switch (verb)
            {
                case "GET":
                    Assert.Equal("Before", (await client.PortGroups.GetAsync(Existing)).DisplayName);
                    break;
                case "PUT":
                    await client.PortGroups.UpdateAsync(Existing, new PortGroup { MwiOnCode = "*99" });
                    break;
                case "DELETE":
                    await client.PortGroups.DeleteAsync(Existing);
                    break;
                default:
                    createdId = await client.PortGroups.CreateAsync(EndpointTests.NewPortGroup("Created"));
                    break;
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        var sent = _server.Requests.Count(r => r.Method == verb);
        var objects = _server.Count(Collection);

        // A POST is repeated only when the server says it did not process it (503); a lost answer may mean the
        // object exists, and a cut-off 201 still names it in its Location header.
        var postRepeats = fault == Fault.Busy;
        var postSucceeds = fault is Fault.Busy or Fault.CutBody;
        if (verb == "POST")
        {
            Assert.Equal(postRepeats ? 2 : 1, sent);
            Assert.Equal(fault == Fault.ServerError ? 1 : 2, objects); // the seeded one, plus at most one created
            if (postSucceeds)
            {
                Assert.Null(failure);
                Assert.True(CupiTransport.IsObjectId(createdId), createdId);
                Assert.NotNull(_server.Find(Collection, createdId!));
            }
            else
            {
                var error = Assert.IsType<CupiApiException>(failure);
                Assert.Equal("POST", error.Method);
                Assert.Equal(Collection, error.Path);
                if (fault == Fault.ServerError)
                {
                    Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
                }
                else
                {
                    Assert.Equal((HttpStatusCode)0, error.StatusCode); // no answer; the cause is inside
                    Assert.NotNull(error.InnerException);
                }
            }

            return;
        }

        Assert.Null(failure);
        Assert.Equal(2, sent);
        switch (verb)
        {
            case "PUT":
                Assert.Equal("*99", _server.Find(Collection, Existing)!["MwiOnCode"]);
                break;
            case "DELETE":
                Assert.Null(_server.Find(Collection, Existing));
                // Processed, answer lost, retried into a 404: counted as deleted, and said so.
                var lost = fault is Fault.Timeout or Fault.Reset or Fault.CutBody;
                Assert.Equal(lost, log.Messages.Any(m => m.Contains("counted as deleted", StringComparison.Ordinal)));
                break;
        }
    }

    [Fact]
    public async Task A_DELETE_that_meets_404_without_a_lost_answer_still_fails()
    {
        var client = Clients.For(_server);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.DeleteAsync("99999999-2222-4333-8444-555555555555"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Single(_server.Requests);
    }

    internal sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public string[] Messages => [.. _messages];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));
    }
}
