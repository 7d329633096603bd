using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CupiGen;

/// <summary>
/// The HTTP plumbing under a CUPI client: the primary handler (TLS trust, no automatic cookies or redirects)
/// and the resilience pipeline (retries with backoff that honor <c>Retry-After</c>, only for idempotent methods,
/// and a per-attempt timeout). <c>AddCupiClient</c> wires both into IHttpClientFactory;
/// <see cref="CreateHttpClient"/> builds the same chain for code without dependency injection.
/// </summary>
public static class CupiHttp
{
    /// <summary>Creates the handler that talks to the server, with the options' certificate rules.</summary>
    /// <param name="options">The client options.</param>
    public static SocketsHttpHandler CreatePrimaryHandler(CupiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            // The transport keeps the session cookies itself, so that it knows when to send credentials.
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        if (options.DangerousAcceptAnyServerCertificate || options.PinnedCertificateThumbprints.Count > 0 || options.TrustedCertificateAuthorities.Count > 0)
        {
            var pins = NormalizedPins(options);
            var authorities = new X509Certificate2Collection(options.TrustedCertificateAuthorities);
            var acceptAny = options.DangerousAcceptAnyServerCertificate;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateServerCertificate(certificate as X509Certificate2, errors, pins, authorities, acceptAny);
        }

        return handler;
    }

    /// <summary>Adds the retry and timeout strategies to a pipeline.</summary>
    /// <param name="builder">The pipeline builder, e.g. from <c>AddResilienceHandler</c>.</param>
    /// <param name="options">The client options.</param>
    public static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, CupiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = static args => new ValueTask<bool>(IsRetryable(args.Context, args.Outcome)),
            });
        }

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    /// <summary>
    /// Creates an <see cref="HttpClient"/> with the primary handler and the resilience pipeline, for use without
    /// IHttpClientFactory. Keep it for the application's lifetime.
    /// </summary>
    /// <param name="options">The client options.</param>
    public static HttpClient CreateHttpClient(CupiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        ConfigureResilience(builder, options);
        var handler = new CupiResilienceHandler(builder.Build()) { InnerHandler = CreatePrimaryHandler(options) };
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>Whether a failed attempt may be repeated: never for POST (or PATCH), else on transient failures.</summary>
    private static bool IsRetryable(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        var method = context.GetRequestMessage()?.Method;
        if (method is null || method == HttpMethod.Post || method == HttpMethod.Patch)
        {
            return false;
        }

        return HttpClientResiliencePredicates.IsTransient(outcome);
    }

    private static string[] NormalizedPins(CupiClientOptions options)
    {
        var pins = new string[options.PinnedCertificateThumbprints.Count];
        for (var i = 0; i < pins.Length; i++)
        {
            pins[i] = NormalizeThumbprint(options.PinnedCertificateThumbprints[i]);
        }

        return pins;
    }

    private static string NormalizeThumbprint(string thumbprint)
    {
        var text = new System.Text.StringBuilder(thumbprint.Length);
        foreach (var c in thumbprint)
        {
            if (Uri.IsHexDigit(c))
            {
                text.Append(char.ToUpperInvariant(c));
            }
        }

        return text.ToString();
    }

    private static bool ValidateServerCertificate(
        X509Certificate2? certificate,
        SslPolicyErrors errors,
        string[] pins,
        X509Certificate2Collection authorities,
        bool acceptAny)
    {
        if (acceptAny)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        if (pins.Length > 0)
        {
            // Pinned: exactly these certificates, whatever their chain (Unity Connection's own is self-signed).
            var sha1 = certificate.GetCertHashString(HashAlgorithmName.SHA1);
            var sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            return Array.Exists(pins, pin => pin == sha1 || pin == sha256);
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || authorities.Count == 0)
        {
            return false; // a name mismatch or no certificate is never excused
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}

/// <summary>Runs each request through a resilience pipeline (the non-DI counterpart of <c>AddResilienceHandler</c>).</summary>
internal sealed class CupiResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public CupiResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) => _pipeline = pipeline;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.SetRequestMessage(request);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Self.SendInnerAsync(state.Request, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (Self: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
