using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CupiGen.Client.Tests.Resilience;

/// <summary>
/// At Trace, through a structured provider that keeps every entry's state and scope key/values (as a JSON sink
/// writes them to disk), neither the password, nor the Basic credential, nor any session cookie value appears.
/// </summary>
public sealed partial class SecretLoggingTests : IAsyncLifetime
{
    private FakeCupiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeCupiServer.StartAsync();
        _server.Seed("/vmrest/portgroups", EndpointTests.Obj("pg-1", ("DisplayName", "Group"), ("SipAuthenticatePassword", "TY1U18Zb0s6xg6UAFpyhnw==")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task No_credential_or_cookie_reaches_any_log_state_scope_or_message()
    {
        var sink = new StructuredSink();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        services.AddCupiClient(options =>
        {
            options.BaseAddress = _server.BaseAddress;
            options.UserName = FakeCupiServer.UserName;
            options.Password = FakeCupiServer.Password;
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<CupiClient>();

        var group = await client.PortGroups.GetAsync("pg-1");
        group.MwiOnCode = "*9";
        await client.PortGroups.UpdateAsync(group);
        _server.ExpireSessions(); // a second login: Basic again, new cookies
        await client.PortGroups.ListPageAsync();
        await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync("missing"));

        var secrets = new List<string>
        {
            FakeCupiServer.Password,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(FakeCupiServer.UserName + ":" + FakeCupiServer.Password)),
            "TY1U18Zb0s6xg6UAFpyhnw==",
        };
        var cookies = _server.Requests.Where(r => r.Cookie is not null).SelectMany(r => CookieValue().Matches(r.Cookie!).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(cookies.Count >= 6, $"expected two sessions of three cookies, saw {cookies.Count}");
        secrets.AddRange(cookies);

        var logged = sink.Texts();
        // IHttpClientFactory's header logging was on and seen: the test can see headers, and only secrets are hidden.
        Assert.Contains(sink.Pairs, p => p.Key == "Authorization");
        Assert.Contains(sink.Pairs, p => p.Key == "Set-Cookie");
        Assert.Contains(sink.Pairs, p => p.Key == "Accept" && p.Value.Contains("application/json", StringComparison.Ordinal));
        Assert.All(sink.Pairs.Where(p => CupiServiceCollectionExtensions.IsSecretHeader(p.Key)), p => Assert.Equal("*", p.Value));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logged, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("=([^;\\s]+)")]
    private static partial Regex CookieValue();

    private sealed class StructuredSink : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ConcurrentQueue<KeyValuePair<string, string>> Pairs { get; } = new();

        public List<string> Texts() => [.. Entries, .. Pairs.Select(p => p.Key + "=" + p.Value)];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private void Capture(object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    Pairs.Enqueue(new(key, Render(value)));
                }
            }

            Entries.Enqueue(state?.ToString() ?? string.Empty);
        }

        private static string Render(object? value) => value switch
        {
            null => string.Empty,
            string text => text,
            IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Render)),
            _ => value.ToString() ?? string.Empty,
        };

        private sealed class Logger(StructuredSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                sink.Capture(state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {

                sink.Capture(state);
                sink.Entries.Enqueue(formatter(state, exception));
                if (exception is not null)
                {
                    sink.Entries.Enqueue(exception.ToString());
                }
            }
        }
    }
}
