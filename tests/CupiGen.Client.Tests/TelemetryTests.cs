using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CupiGen.Client.Tests;

/// <summary>
/// The client's spans (ActivitySource "CupiGen"), metrics (Meter "CupiGen") and log levels, observed with
/// <see cref="ActivityListener"/>, <see cref="MeterListener"/> and a logger. Each test's server has its own port,
/// and only measurements tagged with it are kept, so parallel tests do not disturb the counts.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private readonly ConcurrentBag<int> _ports = [];
    private FakeCupiServer _server = null!;

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CupiTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("server.port") is int port && _ports.Contains(port))
                {
                    _activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CupiTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    public async Task InitializeAsync()
    {
        _server = await FakeCupiServer.StartAsync();
        _ports.Add(_server.BaseAddress.Port);
        _server.Seed("/vmrest/portgroups", new Dictionary<string, string>
        {
            ["ObjectId"] = "0f6a8f4e-2f9c-4a51-9d1e-0c1c2b3a4d5e",
            ["DisplayName"] = "Group",
            ["SipAuthenticatePassword"] = "TY1U18Zb0s6xg6UAFpyhnw==",
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private const string Id = "0f6a8f4e-2f9c-4a51-9d1e-0c1c2b3a4d5e";

    [Fact]
    public void The_source_and_the_meter_carry_the_package_version()
    {
        // What OpenTelemetry exporters report as the instrumentation scope's version.
        var informational = typeof(CupiTelemetry).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), inherit: false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.False(string.IsNullOrEmpty(CupiTelemetry.ActivitySource.Version));
        Assert.Equal(CupiTelemetry.ActivitySource.Version, CupiTelemetry.Meter.Version);
        Assert.Equal(informational.Split('+')[0], CupiTelemetry.ActivitySource.Version);
    }

    [Fact]
    public async Task A_retried_call_is_one_span_with_the_http_conventions_and_counted_once()
    {
        var busy = 0;
        _server.Intercept = async (context, _) =>
        {
            if (Interlocked.Increment(ref busy) > 1)
            {
                return false;
            }

            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("busy");
            return true;
        };
        var log = new LevelLogger();
        var client = new CupiClient(new CupiTransport(Clients.Options(_server), log));

        var group = await client.PortGroups.GetAsync(Id);
        Assert.Equal("Group", group.DisplayName);

        var span = Assert.Single(_activities);
        Assert.Equal("GET /vmrest/portgroups/{objectId}", span.DisplayName); // the endpoint table's template
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("127.0.0.1", span.GetTagItem("server.address"));
        Assert.Equal("/vmrest/portgroups/{objectId}", span.GetTagItem("url.template"));
        Assert.Equal("PortGroup", span.GetTagItem("cupi.resource"));
        Assert.Equal("Get", span.GetTagItem("cupi.operation"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(1, span.GetTagItem("http.request.resend_count"));
        Assert.Null(span.GetTagItem("error.type"));

        var request = Assert.Single(Measured("cupi.client.requests"));
        Assert.Equal(1, request.Value);
        Assert.Equal(200, request.Tags["http.response.status_code"]);
        Assert.Equal("/vmrest/portgroups/{objectId}", request.Tags["url.template"]);
        Assert.False(request.Tags.ContainsKey("error.type"));
        var duration = Assert.Single(Measured("cupi.client.request.duration"));
        Assert.InRange(duration.Value, 0, 30);
        Assert.Equal(1, Assert.Single(Measured("cupi.client.retries")).Value);
        Assert.Equal(1, Assert.Single(Measured("cupi.client.server_busy")).Value);

        // One Debug line for the call (and one for the retry); nothing at Information or above.
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Information);
        Assert.Single(log.Entries, e => e.Level == LogLevel.Debug && e.EventName == "CupiCall" && e.Message.EndsWith("after 1 retries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_call_is_an_error_span_a_warning_and_a_measurement_with_error_type()
    {
        var log = new LevelLogger();
        var client = new CupiClient(new CupiTransport(Clients.Options(_server), log));

        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.DeleteAsync("7d1bb1b3-0000-4000-8000-000000000000"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);

        var span = Assert.Single(_activities);
        Assert.Equal("DELETE /vmrest/portgroups/{objectId}", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("404", span.GetTagItem("error.type"));
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
        Assert.Equal("Delete", span.GetTagItem("cupi.operation"));
        var request = Assert.Single(Measured("cupi.client.requests"));
        Assert.Equal("404", request.Tags["error.type"]);
        Assert.Empty(Measured("cupi.client.retries"));

        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(2, warning.EventId);
        Assert.StartsWith("CUPI DELETE /vmrest/portgroups/7d1bb1b3-0000-4000-8000-000000000000 failed (404)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_is_error_type_connection_error_and_the_reset_action_is_its_own_operation()
    {
        var client = new CupiClient(Clients.Options(_server));
        await client.PortGroups.ResetAsync(Id).ContinueWith(_ => { }, TaskScheduler.Default);
        var reset = Assert.Single(_activities);
        Assert.Equal("PUT /vmrest/portgroups/{objectId}/reset", reset.DisplayName);
        Assert.Equal("Reset", reset.GetTagItem("cupi.operation"));

        // A server that has gone: its port refuses connections.
        var gone = await FakeCupiServer.StartAsync();
        var port = gone.BaseAddress.Port;
        var options = Clients.Options(gone);
        await gone.DisposeAsync();
        _ports.Add(port);
        options.MaxRetryAttempts = 0;
        var closed = new CupiClient(new CupiTransport(options));
        var error = await Assert.ThrowsAsync<CupiApiException>(() => closed.PortGroups.GetAsync(Id));
        Assert.Equal((HttpStatusCode)0, error.StatusCode);
        var failed = _activities.Last();
        Assert.Equal("connection_error", failed.GetTagItem("error.type"));
        Assert.Null(failed.GetTagItem("http.response.status_code"));
        Assert.Equal(port, failed.GetTagItem("server.port"));
    }

    [Fact]
    public async Task Waiting_for_a_slot_of_the_server_limit_is_counted_and_timed()
    {
        _server.Throttle(inProgress: 5, queueTimeout: TimeSpan.FromSeconds(30), work: TimeSpan.FromMilliseconds(150));
        var options = Clients.Options(_server);
        options.MaxConcurrentRequestsPerServer = 1;
        var client = new CupiClient(new CupiTransport(options));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PortGroups.GetAsync(Id)));

        var waits = Measured("cupi.client.throttle.waits");
        Assert.InRange(waits.Sum(m => m.Value), 1, 3);
        var durations = Measured("cupi.client.throttle.wait.duration");
        Assert.Equal(waits.Count, durations.Count);
        Assert.Contains(durations, d => d.Value >= 0.1); // at least one waited for another's 150 ms of work
        Assert.Equal(3, Measured("cupi.client.requests").Count);
    }

    [Fact]
    public async Task No_secret_reaches_a_tag_or_a_log_entry()
    {
        var log = new LevelLogger();
        var client = new CupiClient(new CupiTransport(Clients.Options(_server), log));
        var group = await client.PortGroups.GetAsync(Id);
        group.SipAuthenticatePassword = "n3w-Secret!";
        await client.PortGroups.UpdateAsync(group);
        await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.GetAsync("7d1bb1b3-0000-4000-8000-000000000000"));

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(FakeCupiServer.UserName + ":" + FakeCupiServer.Password));
        string[] secrets = [FakeCupiServer.Password, basic, "n3w-Secret!", "TY1U18Zb0s6xg6UAFpyhnw=="];
        Assert.Equal(3, _activities.Count);
        var texts = _activities.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName).Append(a.StatusDescription ?? string.Empty))
            .Concat(_measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(log.Entries.Select(e => e.Message + " " + e.State))
            .ToList();
        Assert.NotEmpty(texts);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_child_resource_call_is_named_by_its_endpoint_table()
    {
        var info = ((ICupiModel)new PortGroupServer()).ModelInfo;
        var update = CupiTelemetry.Endpoint(info, System.Net.Http.HttpMethod.Put, "/vmrest/portgroups/8a00/portgroupservers/77b1");
        Assert.NotNull(update);
        Assert.Equal("Update", update.Name);
        Assert.Equal("/vmrest/portgroups/{portGroupObjectId}/portgroupservers/{objectId}", update.Path);
        Assert.Null(CupiTelemetry.Endpoint(info, System.Net.Http.HttpMethod.Put, "/vmrest/portgroups/8a00"));
        Assert.Equal("List", CupiTelemetry.Endpoint(info, System.Net.Http.HttpMethod.Get, "/vmrest/portgroups/8a00/portgroupservers?rowsPerPage=5")?.Name);
    }

    [Theory]
    [InlineData("/vmrest/portgroups", "/vmrest/portgroups")]
    [InlineData("/vmrest/portgroups?rowsPerPage=10&query=(DisplayName%20is%20x)", "/vmrest/portgroups")]
    [InlineData("/vmrest/portgroups/8a00/reset", "/vmrest/portgroups/{id}/reset")]
    [InlineData("/vmrest/portgroups/8a00/portgroupservers/77b1", "/vmrest/portgroups/{id}/portgroupservers/{id}")]
    [InlineData("/vmrest/version", "/vmrest/version")]
    public void The_url_template_replaces_object_ids(string path, string template) =>
        Assert.Equal(template, CupiTelemetry.Template(path));

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measured(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).ToList();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        if (map.GetValueOrDefault("server.port") is int port && _ports.Contains(port))
        {
            _measurements.Enqueue((instrument.Name, value, map));
        }
    }

    private sealed class LevelLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, int EventId, string? EventName, string Message, string State)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            Entries.Enqueue((logLevel, eventId.Id, eventId.Name, formatter(state, exception), structured));
        }
    }
}
