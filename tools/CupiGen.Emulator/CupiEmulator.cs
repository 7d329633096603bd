using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using CupiGen.Emulator.Engine;
using CupiGen.Emulator.Faults;
using CupiGen.Emulator.Hosting;
using CupiGen.Emulator.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CupiGen.Emulator;

/// <summary>
/// A Cisco Unity Connection CUPI server on 127.0.0.1, driven by the tables of the generated models it serves (the
/// Port Groups API by default, any namespace's <c>CupiModels.All</c> on request): their endpoints, in XML and JSON,
/// with the runtime's rules, Basic authentication and CUPI sessions, Unity Connection's throttle, and faults on demand.
/// </summary>
/// <example><code>await using var cuc = await CupiEmulator.StartAsync();
/// using var http = new HttpClient(cuc.CreateHandler()) { BaseAddress = cuc.BaseAddress };</code></example>
public sealed class CupiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorEngine _engine;
    private readonly Sessions _sessions;
    private readonly Dictionary<string, string> _users;
    private readonly Action<string>? _log;
    private readonly ConcurrencyLimiter _throttle;
    private readonly CupiThrottleOptions _throttleOptions;
    private readonly FaultPlan _faults = new();
    private readonly Traffic _traffic = new();
    private long _requests;
    private long _basicRequests;
    private long _sessionsOpened;
    private int _disposed;

    private CupiEmulator(WebApplication app, EmulatorEngine engine, CupiEmulatorOptions options, Dictionary<string, string> users, X509Certificate2? certificate)
    {
        _app = app;
        _engine = engine;
        _users = users;
        _log = options.Log;
        _sessions = new Sessions(options.SessionIdleTimeout);
        _throttleOptions = new CupiThrottleOptions
        {
            MaxConcurrentRequests = options.Throttle.MaxConcurrentRequests,
            QueueLimit = options.Throttle.QueueLimit,
            QueueTimeout = options.Throttle.QueueTimeout,
            Latency = options.Throttle.Latency,
        };
        _throttle = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _throttleOptions.MaxConcurrentRequests,
            QueueLimit = _throttleOptions.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        foreach (var fault in options.Faults)
        {
            _faults.Add(fault);
        }

        Certificate = certificate;
        UserName = users.Keys.First();
        Password = users[UserName];
        BaseAddress = new Uri("http://127.0.0.1/");
    }

    /// <summary>The root of the server, e.g. <c>http://127.0.0.1:41234/</c>; CUPI paths start with <c>vmrest/</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>The first configured account's user name.</summary>
    public string UserName { get; }

    /// <summary>The first configured account's password.</summary>
    public string Password { get; }

    /// <summary>The self-signed server certificate when serving HTTPS, otherwise null.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Requests received (including refused ones).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Requests that arrived with an <c>Authorization: Basic</c> header, valid or not.</summary>
    public long BasicAuthenticationCount => Interlocked.Read(ref _basicRequests);

    /// <summary>Sessions opened by a successful Basic sign-in.</summary>
    public long SessionsOpened => Interlocked.Read(ref _sessionsOpened);

    /// <summary>Sessions currently valid.</summary>
    public int ActiveSessions => _sessions.Count;

    /// <summary>Requests holding one of the throttle's processing slots right now (at most
    /// <see cref="CupiThrottleOptions.MaxConcurrentRequests"/>), so a test can wait for a slot to be taken
    /// instead of sleeping.</summary>
    public int RequestsInProgress =>
        _throttleOptions.MaxConcurrentRequests - (int)(_throttle.GetStatistics()?.CurrentAvailablePermits ?? _throttleOptions.MaxConcurrentRequests);

    /// <summary>The method and path template of every route served (documented and alternate paths, and the GET of every object URI).</summary>
    public IReadOnlyList<string> Routes => _engine.Routes.Routes.Select(r => r.Method.ToString().ToUpperInvariant() + " " + r.Template).ToArray();

    /// <summary>The models served.</summary>
    public IReadOnlyList<CupiModelInfo> Models => _engine.Routes.Resources.Select(r => r.Info).ToArray();

    /// <summary>Every request so far, in arrival order (the latest 100,000).</summary>
    public IReadOnlyList<CupiRequestRecord> Requests => _traffic.Snapshot();

    /// <summary>Starts an emulator on a free port over HTTP with the default account.</summary>
    public static Task<CupiEmulator> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new CupiEmulatorOptions(), cancellationToken);

    /// <summary>Starts an emulator.</summary>
    public static async Task<CupiEmulator> StartAsync(CupiEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "The port must be 0 (any free port) to 65535.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Throttle.MaxConcurrentRequests, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Throttle.QueueLimit, nameof(options));

        var users = options.Users.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [CupiEmulatorOptions.DefaultUserName] = CupiEmulatorOptions.DefaultPassword }
            : new Dictionary<string, string>(options.Users, StringComparer.Ordinal);
        var engine = new EmulatorEngine(BuildTables(options), options.StatePath, options.ServerVersion);
        var certificate = options.Https ? CreateCertificate() : null;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Loopback only, never another address.
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        var app = builder.Build();
        var emulator = new CupiEmulator(app, engine, options, users, certificate);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        var port = new Uri(address).Port;
        emulator.BaseAddress = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/");
        return emulator;
    }

    private static RouteTable BuildTables(CupiEmulatorOptions options)
    {
        var models = new List<CupiModelInfo>();
        if (options.IncludePortGroupModels)
        {
            models.AddRange(Wire.CupiModels.All);
        }

        foreach (var model in options.Models.Where(m => !models.Contains(m)))
        {
            if (models.Any(m => m.Namespace == model.Namespace && m.TypeName == model.TypeName))
            {
                throw new ArgumentException($"Two models are named {model}.", nameof(options));
            }

            models.Add(model);
        }

        var resources = models.Select(m => new Resource(m)).ToList();
        foreach (var resource in resources)
        {
            resource.Key = resources.Count(r => r.Name == resource.Name) == 1 ? resource.Name : resource.Info.ToString();
        }

        return new RouteTable(resources);
    }

    /// <summary>Ends every session: the next request must sign in with Basic credentials again.</summary>
    public void ExpireSessions() => _sessions.ExpireAll();

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/> (503 by default) and a Retry-After header, unprocessed.</summary>
    public void FailNextRequests(int count, int retryAfterSeconds = 1, int statusCode = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        InjectFault(CupiFault.Status(statusCode, TimeSpan.FromSeconds(retryAfterSeconds)).Times(count));
    }

    /// <summary>Adds a fault for the requests it chooses (see <see cref="CupiFault"/>); the first fault added that fires wins.</summary>
    public void InjectFault(CupiFault fault) => _faults.Add(fault);

    /// <summary>Removes every injected fault.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>
    /// Requests so far with a method (null: any) and a path pattern (<c>*</c> within a segment, <c>**</c> across;
    /// null: any) that reached the CUPI logic and were answered <paramref name="status"/> (null: any status, resets included).
    /// <c>cuc.CountProcessed("POST", "/vmrest/portgroups", 201)</c> is the number of port groups created.
    /// </summary>
    public int CountProcessed(string? method, string? pathPattern, int? status = null) =>
        _traffic.Count(method, pathPattern, r => r.Processed && (status is null || r.Status == status));

    /// <summary>Copies of the stored objects of a model (by type name, or full name when two namespaces share it): wire name → value as sent on the wire.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> GetObjects(string model) => _engine.Snapshot(model);

    /// <summary>Sets (or, with null, removes) one field of a stored object behind the API's back, e.g. a port
    /// group's <c>ResetStatusEnum</c> to 101. Returns false when there is no such object.</summary>
    public bool SetField(string model, string objectId, string field, string? value) => _engine.SetField(model, objectId, field, value);

    /// <summary>Stores an object as the server would hold it (ObjectId, URI and other server fields completed), bypassing the API; returns its ObjectId.</summary>
    public string AddObject(ICupiModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _engine.Add(model);
    }

    /// <summary>Writes every object to a state file.</summary>
    public void SaveState(string path) => _engine.Save(path);

    /// <summary>Replaces every object with a state file's.</summary>
    public void LoadState(string path) => _engine.Load(path);

    /// <summary>Replaces every object with the seed data from the document.</summary>
    public void ResetState() => _engine.Reseed();

    /// <summary>
    /// A handler for <see cref="HttpClient"/> that keeps cookies (so sessions work as with a real server) and,
    /// over HTTPS, trusts exactly this emulator's certificate.
    /// </summary>
    public SocketsHttpHandler CreateHandler(bool useCookies = true)
    {
        var handler = new SocketsHttpHandler { UseCookies = useCookies, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        if (Certificate is { } trusted)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString(),
            };
        }

        return handler;
    }

    /// <summary>Stops serving.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _throttle.Dispose();
            Certificate?.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public override string ToString() => $"CUPI emulator at {BaseAddress}";

    // ------------------------------------------------------------------ the pipeline

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var path = request.Path.Value ?? "/";
        Interlocked.Increment(ref _requests);
        var authorization = request.Headers.Authorization.ToString();
        var basic = authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (basic)
        {
            Interlocked.Increment(ref _basicRequests);
        }

        var format = Accepts(request);
        var fault = _faults.Take(method, path);
        switch (fault?.Kind)
        {
            case CupiFaultKind.ResetBeforeBody:
                Finish(method, path, request, 0, processed: false);
                context.Abort();
                return;
            case CupiFaultKind.Status:
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await WriteAsync(context, EmulatorEngine.Error(format, fault.StatusCode, StatusCode(fault.StatusCode), "The emulator was told to fail this request"), null, processed: false).ConfigureAwait(false);
                return;
            case CupiFaultKind.HtmlErrorPage:
                await WriteAsync(context, new EmulatorResponse(fault.StatusCode, HtmlErrorPage(fault.StatusCode), "text/html"), null, processed: false).ConfigureAwait(false);
                return;
            case CupiFaultKind.ExpiredSession:
                _sessions.ExpireAll();
                ClearSessionCookies(context);
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Cisco Unity Connection\"";
                await WriteAsync(context, EmulatorEngine.Error(format, 401, "UNAUTHORIZED", "The session has expired: sign in again with Basic credentials"), null, processed: false).ConfigureAwait(false);
                return;
        }

        using var lease = await AcquireAsync(context.RequestAborted).ConfigureAwait(false);
        if (lease is null)
        {
            // Unity Connection answers a request that could not get a processing slot in time 503, unprocessed.
            await WriteAsync(context, EmulatorEngine.Error(format, 503, "SERVICE_UNAVAILABLE", "The server is busy: too many requests in progress; try again later"), null, processed: false).ConfigureAwait(false);
            return;
        }

        if (_throttleOptions.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_throttleOptions.Latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (!Authenticate(context, basic ? authorization : null))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Cisco Unity Connection\"";
            await WriteAsync(context, EmulatorEngine.Error(format, 401, "UNAUTHORIZED", "Authentication is required: Basic credentials or a valid session cookie"), null, processed: false).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var result = _engine.Handle(new EmulatorRequest(method, path, query, body, BodyFormat(request), format));
        switch (fault?.Kind)
        {
            case CupiFaultKind.Slow:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                break;
            case CupiFaultKind.ResetAfterBody:
                Finish(method, path, request, 0, processed: true);
                context.Abort();
                return;
        }

        await WriteAsync(context, result, fault?.Kind, processed: true).ConfigureAwait(false);
    }

    // A slot of the throttle, or null when the queue is full or the wait passed the queue timeout.
    private async Task<RateLimitLease?> AcquireAsync(CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(_throttleOptions.QueueTimeout);
        try
        {
            var lease = await _throttle.AcquireAsync(1, timeout.Token).ConfigureAwait(false);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task WriteAsync(HttpContext context, EmulatorResponse result, CupiFaultKind? fault, bool processed)
    {
        var request = context.Request;
        var response = context.Response;
        response.StatusCode = result.Status;
        if (result.Location is not null)
        {
            // The new object's URI, in the body and as Location, as absolute as a client resolves it.
            response.Headers.Location = result.Location;
        }

        if (result.Body is not null)
        {
            response.ContentType = result.ContentType + "; charset=utf-8";
            var bytes = Encoding.UTF8.GetBytes(result.Body);
            response.ContentLength = bytes.Length;
            if (fault == CupiFaultKind.TruncatedBody)
            {
                // Announce the whole answer, send half of it, and drop the connection.
                await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                Finish(request.Method.ToUpperInvariant(), request.Path.Value ?? "/", request, result.Status, processed);
                context.Abort();
                return;
            }

            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }

        Finish(request.Method.ToUpperInvariant(), request.Path.Value ?? "/", request, result.Status, processed);
    }

    private void Finish(string method, string path, HttpRequest request, int status, bool processed)
    {
        _traffic.Add(new CupiRequestRecord(method, path, status, processed));
        _log?.Invoke($"{method} {path}{request.QueryString} -> {(status == 0 ? "reset" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
    }

    private static string StatusCode(int status) => status switch
    {
        500 => "INTERNAL_SERVER_ERROR",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        504 => "GATEWAY_TIMEOUT",
        _ => "ERROR",
    };

    // What Tomcat sends when the web application behind it fails: HTML, not CUPI's error body.
    private static string HtmlErrorPage(int status) =>
        "<!doctype html><html lang=\"en\"><head><title>HTTP Status " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) +
        " - Internal Server Error</title></head><body><h1>HTTP Status " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) +
        " - Internal Server Error</h1><hr class=\"line\" /><p><b>Type</b> Exception Report</p><h3>Apache Tomcat</h3></body></html>";

    private static void ClearSessionCookies(HttpContext context)
    {
        var cookies = context.Response.Cookies;
        cookies.Delete("JSESSIONIDSSO", new CookieOptions { Path = "/" });
        cookies.Delete("JSESSIONID", new CookieOptions { Path = "/vmrest" });
        cookies.Delete("REQUEST_TOKEN_KEY", new CookieOptions { Path = "/" });
    }

    private bool Authenticate(HttpContext context, string? basic)
    {
        var cookies = context.Request.Cookies;
        var session = _sessions.Find(cookies["JSESSIONID"]) ?? _sessions.Find(cookies["JSESSIONIDSSO"]);
        if (basic is not null)
        {
            if (!TryBasic(basic, out var user))
            {
                return false;
            }

            if (session is null || session.User != user)
            {
                OpenSession(context, user);
            }

            return true;
        }

        return session is not null;
    }

    private bool TryBasic(string header, out string user)
    {
        user = string.Empty;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            user = decoded[..colon];
            return _users.TryGetValue(user, out var password) &&
                CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void OpenSession(HttpContext context, string user)
    {
        var session = _sessions.Open(user);
        Interlocked.Increment(ref _sessionsOpened);
        var secure = context.Request.IsHttps;
        var cookies = context.Response.Cookies;
        cookies.Append("JSESSIONIDSSO", session.JSessionIdSso, new CookieOptions { Path = "/", HttpOnly = true, Secure = secure });
        cookies.Append("JSESSIONID", session.JSessionId, new CookieOptions { Path = "/vmrest", HttpOnly = true, Secure = secure });
        cookies.Append("REQUEST_TOKEN_KEY", session.RequestToken, new CookieOptions { Path = "/", Secure = secure });
    }

    private static CupiWireFormat Accepts(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase) ? CupiWireFormat.Json : CupiWireFormat.Xml;

    private static CupiWireFormat? BodyFormat(HttpRequest request)
    {
        var type = request.ContentType ?? string.Empty;
        if (type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return CupiWireFormat.Json;
        }

        return type.Contains("xml", StringComparison.OrdinalIgnoreCase) ? CupiWireFormat.Xml : null;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        return memory.ToArray();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1, O=CupiGen CUPI emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        // Round trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    // The emulator is stopped by its owner (a test, or Program on Ctrl+C / SIGTERM), never by the host itself.
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
