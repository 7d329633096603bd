using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace CupiGen;

/// <summary>
/// How a generated CUPI client reaches its server: address, credentials, wire format, paging, TLS trust and
/// retries. Bind it with <c>services.AddCupiClient(options =&gt; …)</c> or pass it to a client's constructor.
/// </summary>
public sealed class CupiClientOptions
{
    /// <summary>The largest page CUPI serves comfortably; larger pages are throttled by the server.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The default of <see cref="MaxConcurrentRequestsPerServer"/>: one less than the 5 requests Unity Connection processes at once.</summary>
    public const int DefaultMaxConcurrentRequestsPerServer = 4;

    /// <summary>The server's root, e.g. <c>https://cuc.example.com/</c>; endpoint paths (<c>/vmrest/…</c>) are resolved against it.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The administrator account used for HTTP Basic authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>The account's password. Sent once per session; never logged or shown by <see cref="ToString"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The wire format of requests and responses: CUPI JSON (the default) or XML.</summary>
    public CupiWireFormat Format { get; set; } = CupiWireFormat.Json;

    /// <summary>Rows per page when a list is enumerated (<c>rowsPerPage</c>); default 100.</summary>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>Certificate authorities to trust for the server's certificate, in addition to the system's.</summary>
    public X509Certificate2Collection TrustedCertificateAuthorities { get; } = [];

    /// <summary>
    /// Thumbprints (SHA-1 or SHA-256, hex, separators ignored) of server certificates to accept whatever their chain:
    /// pinning a self-signed Unity Connection certificate. When any is given, only a pinned certificate is accepted.
    /// </summary>
    public IList<string> PinnedCertificateThumbprints { get; } = new List<string>();

    /// <summary>
    /// Accepts any server certificate, which lets anyone on the network read and change the traffic, credentials
    /// included. For throw-away lab servers only; prefer <see cref="PinnedCertificateThumbprints"/>.
    /// </summary>
    public bool DangerousAcceptAnyServerCertificate { get; set; }

    /// <summary>
    /// Retries of a failed attempt; 0 disables them. GET, PUT and DELETE are retried after a timeout, a lost
    /// connection, a cut-off or unreadable body, a 408 or a 5xx. Every method, POST included, is retried after
    /// a 503 or 429: Unity Connection answers 503 to a request that waited too long in its queue, which it has
    /// therefore not processed (Cisco, "Unity Connection REST API FAQ"). A POST is never retried otherwise,
    /// because the server may already have created the object. A refused TLS certificate is never retried.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter. A <c>Retry-After</c> header takes precedence.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before one retry: a longer <c>Retry-After</c> is cut to it.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take, from sending to the end of the response body, before it is
    /// abandoned (and, when the method allows it, retried). Waiting for a free slot of the server's concurrency
    /// limit is not counted; <see cref="TotalTimeout"/> bounds everything. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long one call may take in all: waiting for a slot, every attempt and every wait between
    /// retries. When it passes, the call fails with <see cref="CupiApiException"/> (status 0).
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest response body accepted, in bytes (at most <see cref="CupiLimits.MaxDocumentBytes"/>).
    /// A larger <c>Content-Length</c> fails before the body is read; a longer body fails when it reaches the limit.</summary>
    public int MaxResponseBytes { get; set; } = CupiLimits.MaxDocumentBytes;

    /// <summary>
    /// How many requests may be in progress at once against one server (scheme, host and port), counted across
    /// every client of the process that talks to it; the others wait their turn. Unity Connection processes at
    /// most 5 CUPI requests at once and queues the rest (Cisco, "Unity Connection REST API FAQ"); the default 4
    /// leaves a slot for the administration web UI. The first client created for a server fixes its limit for
    /// the process.
    /// </summary>
    public int MaxConcurrentRequestsPerServer { get; set; } = DefaultMaxConcurrentRequestsPerServer;

    /// <summary>The options without the password.</summary>
    public override string ToString() =>
        $"CupiClientOptions {{ BaseAddress = {BaseAddress}, UserName = {UserName}, Password = {(Password is null ? "null" : "***")}, Format = {Format}, PageSize = {PageSize} }}";

    /// <summary>Every problem of these options, each naming the option; empty when they are usable.</summary>
    /// <param name="requireBaseAddress">Whether a missing <see cref="BaseAddress"/> is a problem (it is with
    /// dependency injection, where no HttpClient of yours can supply it).</param>
    public IReadOnlyList<string> Problems(bool requireBaseAddress = false)
    {
        var problems = new List<string>();
        foreach (var (_, message) in Check(requireBaseAddress))
        {
            problems.Add(message);
        }

        return problems;
    }

    internal void Validate()
    {
        foreach (var (name, message) in Check(requireBaseAddress: false))
        {
            throw name == nameof(BaseAddress) ? new ArgumentException(message, name) : new ArgumentOutOfRangeException(name, message);
        }
    }

    private IEnumerable<(string Name, string Message)> Check(bool requireBaseAddress)
    {
        if (requireBaseAddress && BaseAddress is null)
        {
            yield return (nameof(BaseAddress), "BaseAddress is required: the server's root, such as https://cuc.example.com/.");
        }

        if (BaseAddress is { IsAbsoluteUri: false })
        {
            yield return (nameof(BaseAddress), "BaseAddress must be an absolute URI such as https://cuc.example.com/.");
        }
        else if (BaseAddress is { Scheme: not ("https" or "http") })
        {
            yield return (nameof(BaseAddress), $"BaseAddress must be an https (or http) URI, not {BaseAddress.Scheme}.");
        }

        if (PageSize < 1)
        {
            yield return (nameof(PageSize), $"PageSize must be at least 1 (it is {PageSize}).");
        }

        if (MaxRetryAttempts < 0)
        {
            yield return (nameof(MaxRetryAttempts), $"MaxRetryAttempts cannot be negative (it is {MaxRetryAttempts}).");
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero)
        {
            yield return (nameof(RetryDelay), "RetryDelay and MaxRetryDelay cannot be negative.");
        }

        foreach (var (value, name) in new[] { (AttemptTimeout, nameof(AttemptTimeout)), (TotalTimeout, nameof(TotalTimeout)) })
        {
            // The resilience library accepts 10 ms to 1 day.
            if (value != System.Threading.Timeout.InfiniteTimeSpan && (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromDays(1)))
            {
                yield return (name, $"{name} must be between 10 ms and 1 day, or Timeout.InfiniteTimeSpan (it is {value}).");
            }
        }

        if (MaxResponseBytes < 1 || MaxResponseBytes > CupiLimits.MaxDocumentBytes)
        {
            yield return (nameof(MaxResponseBytes), $"MaxResponseBytes must be between 1 and {CupiLimits.MaxDocumentBytes} (it is {MaxResponseBytes}).");
        }

        if (MaxConcurrentRequestsPerServer < 1)
        {
            yield return (nameof(MaxConcurrentRequestsPerServer), $"MaxConcurrentRequestsPerServer must be at least 1 (it is {MaxConcurrentRequestsPerServer}).");
        }
    }
}
