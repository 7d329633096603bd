using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CupiGen.Client.Tests;

public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private FakeCupiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeCupiServer.StartAsync();
        _server.Seed("/vmrest/portgroups", new System.Collections.Generic.Dictionary<string, string>
        {
            ["ObjectId"] = "pg-1",
            ["DisplayName"] = "Group",
            ["SipAuthenticatePassword"] = "TY1U18Zb0s6xg6UAFpyhnw==",
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Build(LogSink sink, Action<CupiClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        services.AddCupiClient(options =>
        {
            options.BaseAddress = _server.BaseAddress;
            options.UserName = FakeCupiServer.UserName;
            options.Password = FakeCupiServer.Password;
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddCupiClient_registers_a_working_client_with_one_session_and_retries()
    {
        var sink = new LogSink();
        await using var provider = Build(sink, o => o.Format = CupiWireFormat.Xml);
        var first = provider.GetRequiredService<CupiClient>();
        var second = provider.GetRequiredService<CupiClient>();
        Assert.NotSame(first, second);

        Assert.Equal("Group", (await first.PortGroups.GetAsync("pg-1")).DisplayName);
        Assert.Equal("application/xml", _server.Requests.Last().Accept);

        var failures = 0;
        _server.Intercept = async (context, _) =>
        {
            if (Interlocked.Increment(ref failures) > 1)
            {
                return false;
            }

            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("busy");
            return true;
        };
        Assert.Equal("Group", (await second.PortGroups.GetAsync("pg-1")).DisplayName);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(1, _server.BasicCount); // both clients share the container's session
    }

    [Fact]
    public async Task Requests_are_logged_and_bodies_only_at_trace_with_secrets_masked()
    {
        var sink = new LogSink();
        await using var provider = Build(sink);
        var client = provider.GetRequiredService<CupiClient>();
        var group = await client.PortGroups.GetAsync("pg-1");
        group.SipAuthenticatePassword = "n3w-Secret!";
        await client.PortGroups.UpdateAsync(group);

        // One Debug line per call, nothing at Information or above for calls that succeed (neither ours nor
        // IHttpClientFactory's per-request lines).
        Assert.DoesNotContain(sink.Entries, e => e.Level >= LogLevel.Information);
        var debug = sink.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Equal(2, debug.Count);
        Assert.StartsWith("CUPI GET /vmrest/portgroups/pg-1 answered 200 in ", debug[0], StringComparison.Ordinal);
        Assert.StartsWith("CUPI PUT /vmrest/portgroups/pg-1 answered 204 in ", debug[1], StringComparison.Ordinal);
        Assert.EndsWith(" after 0 retries", debug[1], StringComparison.Ordinal);
        var trace = sink.Entries.Where(e => e.Level == LogLevel.Trace).Select(e => e.Message).ToList();
        Assert.Contains(trace, m => m.Contains("response: PortGroup", StringComparison.Ordinal));
        Assert.Contains(trace, m => m.Contains("request (Update): PortGroup", StringComparison.Ordinal));
        Assert.All(sink.Entries, e =>
        {
            Assert.DoesNotContain("TY1U18Zb0s6xg6UAFpyhnw==", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("n3w-Secret!", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeCupiServer.Password, e.Message, StringComparison.Ordinal);
        });
        Assert.Contains("n3w-Secret!", _server.Requests.Last().Body, StringComparison.Ordinal); // it was sent, just not logged
    }

    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
