using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Cupi;
using CupiGen.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace CupiGen.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One emulator and one generated <see cref="CupiClient"/> talking to it, wired the way an application wires it
/// (<c>services.AddCupiClient(…)</c>: CUPI's primary handler and resilience pipeline), plus a recording handler
/// inside the pipeline that sees every attempt as it goes on the wire. Each test starts its own: it takes
/// milliseconds, and tests stay independent and parallel-safe.
/// </summary>
public sealed class Cuc : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Cuc(CupiEmulator emulator, ServiceProvider services, WireLog wire, CupiWireFormat format)
    {
        Emulator = emulator;
        _services = services;
        Wire = wire;
        Format = format;
        Client = services.GetRequiredService<CupiClient>();
    }

    public CupiEmulator Emulator { get; }

    public CupiClient Client { get; }

    /// <summary>What the client put on the wire (every attempt, retries included).</summary>
    public WireLog Wire { get; }

    public CupiWireFormat Format { get; }

    /// <summary>Starts the emulator and a client; <paramref name="loseAnswer"/>, when given, picks requests whose
    /// answer is lost on the way back after the emulator processed them (the connection resets).</summary>
    public static async Task<Cuc> StartAsync(CupiWireFormat format, Action<CupiClientOptions>? configure = null, CupiEmulatorOptions? server = null, Func<HttpRequestMessage, bool>? loseAnswer = null)
    {
        var emulator = await CupiEmulator.StartAsync(server ?? new CupiEmulatorOptions());
        var wire = new WireLog();
        var services = new ServiceCollection();
        services.AddCupiClient(options =>
        {
            options.BaseAddress = emulator.BaseAddress;
            options.UserName = emulator.UserName;
            options.Password = emulator.Password;
            options.Format = format;
            // Short backoff keeps the suite fast; a Retry-After header still takes precedence.
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
            options.MaxRetryDelay = TimeSpan.FromSeconds(5);
            options.AttemptTimeout = TimeSpan.FromSeconds(30);
            if (emulator.Certificate is { } certificate)
            {
                // Unity Connection's certificate is self-signed: pin it.
                options.PinnedCertificateThumbprints.Add(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
            }

            configure?.Invoke(options);
        })
        // The losing handler is outside the recording one: the wire log shows the answer that was then lost.
        .AddHttpMessageHandler(() => new LosingHandler(loseAnswer)).AddHttpMessageHandler(() => new RecordingHandler(wire));
        return new Cuc(emulator, services.BuildServiceProvider(), wire, format);
    }

    /// <summary>Emulator requests and recorded requests so far, to show that nothing was sent.</summary>
    public (long Server, int Client) Traffic => (Emulator.RequestCount, Wire.Count);

    /// <summary>Creates an SCCP port group as the document's SCCP example does, and returns its id.</summary>
    public Task<string> CreateSccpAsync(string displayName, string host = "10.10.10.10") =>
        Client.PortGroups.CreateAsync(Requests.Sccp(displayName, host));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>Lets the emulator process a request, then drops its answer as a reset connection would.</summary>
    private sealed class LosingHandler(Func<HttpRequestMessage, bool>? loseAnswer) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (loseAnswer?.Invoke(request) == true)
            {
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The answer was lost on the way back (test).");
            }

            return response;
        }
    }

    private sealed class RecordingHandler(WireLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            log.Add(new WireRequest(
                request.Method.Method,
                request.RequestUri!.PathAndQuery,
                request.Headers.Authorization?.Scheme,
                request.Headers.TryGetValues("Cookie", out var cookies) ? string.Join("; ", cookies) : null,
                request.Headers.Accept.ToString(),
                request.Content?.Headers.ContentType?.MediaType,
                body,
                (int)response.StatusCode));
            return response;
        }
    }
}

public sealed record WireRequest(string Method, string PathAndQuery, string? AuthorizationScheme, string? Cookie, string Accept, string? ContentType, string? Body, int Status)
{
    /// <summary>The fields of the request body (wire name → text), in either format.</summary>
    public IReadOnlyDictionary<string, string> BodyFields(CupiWireFormat format) => Payload.Fields(Body ?? string.Empty, format);
}

public sealed class WireLog
{
    private readonly List<WireRequest> _requests = [];

    public int Count
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<WireRequest> All
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    public WireRequest Last => All[^1];

    public IReadOnlyList<WireRequest> Since(int count) => All.Skip(count).ToArray();

    internal void Add(WireRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }
    }
}

/// <summary>Reads a one-object payload independently of the generated serializers.</summary>
public static class Payload
{
    public static IReadOnlyDictionary<string, string> Fields(string body, CupiWireFormat format)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (format == CupiWireFormat.Json)
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
        else
        {
            foreach (var element in XDocument.Parse(body).Root!.Elements())
            {
                fields[element.Name.LocalName] = element.Value.Trim();
            }
        }

        return fields;
    }
}
