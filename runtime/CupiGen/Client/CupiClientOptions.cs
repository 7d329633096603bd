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

    /// <summary>Retries of an idempotent request (GET, PUT, DELETE) after a 5xx, 408, 429 or timeout; 0 disables them. POST is never retried.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially. A <c>Retry-After</c> header takes precedence.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before one retry, <c>Retry-After</c> included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it is abandoned (and, when idempotent, retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The options without the password.</summary>
    public override string ToString() =>
        $"CupiClientOptions {{ BaseAddress = {BaseAddress}, UserName = {UserName}, Password = {(Password is null ? "null" : "***")}, Format = {Format}, PageSize = {PageSize} }}";

    internal void Validate()
    {
        if (PageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "PageSize must be at least 1.");
        }

        if (BaseAddress is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("BaseAddress must be an absolute URI such as https://cuc.example.com/.", nameof(BaseAddress));
        }
    }
}
