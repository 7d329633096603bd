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
using System.Threading.Tasks;
using CupiGen.Emulator.Engine;
using CupiGen.Emulator.Hosting;
using CupiGen.Emulator.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CupiGen.Emulator;

/// <summary>
/// A Cisco Unity Connection CUPI "Port Groups" server on 127.0.0.1, driven by the CupiGen schema: every
/// endpoint of the schema, in XML and JSON, with the schema's rules, Basic authentication and CUPI sessions.
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
    private long _requests;
    private long _basicRequests;
    private long _sessionsOpened;
    private int _pendingFailures;
    private int _failureStatus = 503;
    private int _retryAfterSeconds = 1;
    private int _disposed;

    private CupiEmulator(WebApplication app, EmulatorEngine engine, CupiEmulatorOptions options, Dictionary<string, string> users, X509Certificate2? certificate)
    {
        _app = app;
        _engine = engine;
        _users = users;
        _log = options.Log;
        _sessions = new Sessions(options.SessionIdleTimeout);
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

    /// <summary>The method and path template of every route served (documented and alternate paths).</summary>
    public IReadOnlyList<string> Routes => _engine.Routes.Routes.Select(r => r.Endpoint.Method + " " + r.Template).ToArray();

    /// <summary>The rules read from the schema.</summary>
    public SchemaModel Schema => _engine.Schema;

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

        var users = options.Users.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [CupiEmulatorOptions.DefaultUserName] = CupiEmulatorOptions.DefaultPassword }
            : new Dictionary<string, string>(options.Users, StringComparer.Ordinal);
        var engine = new EmulatorEngine(SchemaModel.LoadEmbedded(), options.StatePath);
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

    /// <summary>Ends every session: the next request must sign in with Basic credentials again.</summary>
    public void ExpireSessions() => _sessions.ExpireAll();

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/> (503 by default) and a Retry-After header, before authentication.</summary>
    public void FailNextRequests(int count, int retryAfterSeconds = 1, int statusCode = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        Volatile.Write(ref _retryAfterSeconds, retryAfterSeconds);
        Volatile.Write(ref _failureStatus, statusCode);
        Volatile.Write(ref _pendingFailures, count);
    }

    /// <summary>Copies of the stored objects of a resource (wire name → value as sent on the wire).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> GetObjects(string resource) => _engine.Snapshot(resource);

    /// <summary>Sets (or, with null, removes) one field of a stored object behind the API's back, e.g. a port
    /// group's <c>ResetStatusEnum</c> to 101. Returns false when there is no such object.</summary>
    public bool SetField(string resource, string objectId, string field, string? value) => _engine.SetField(resource, objectId, field, value);

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
        var response = context.Response;
        Interlocked.Increment(ref _requests);
        var authorization = request.Headers.Authorization.ToString();
        var basic = authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (basic)
        {
            Interlocked.Increment(ref _basicRequests);
        }

        var format = Accepts(request);
        EmulatorResponse result;
        if (TakeFailure())
        {
            response.Headers.RetryAfter = Volatile.Read(ref _retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = EmulatorEngine.Error(format, Volatile.Read(ref _failureStatus), "SERVICE_UNAVAILABLE", "The emulator was told to fail this request");
        }
        else if (!Authenticate(context, basic ? authorization : null))
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"Cisco Unity Connection\"";
            result = EmulatorEngine.Error(format, 401, "UNAUTHORIZED", "Authentication is required: Basic credentials or a valid session cookie");
        }
        else
        {
            var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            result = _engine.Handle(new EmulatorRequest(request.Method.ToUpperInvariant(), request.Path.Value ?? "/", query, body, BodyFormat(request), format));
        }

        _log?.Invoke($"{request.Method} {request.Path}{request.QueryString} -> {result.Status}");
        response.StatusCode = result.Status;
        if (result.Location is not null)
        {
            response.Headers.Location = result.Location;
        }

        if (result.Body is not null)
        {
            response.ContentType = result.ContentType + "; charset=utf-8";
            await response.WriteAsync(result.Body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private bool TakeFailure()
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pendingFailures);
            if (pending <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _pendingFailures, pending - 1, pending) == pending)
            {
                return true;
            }
        }
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
