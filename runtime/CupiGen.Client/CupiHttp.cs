using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CupiGen;

/// <summary>
/// The HTTP plumbing under a CUPI client: the primary handler (TLS trust, no automatic cookies or redirects).
/// <c>AddCupiClient</c> wires it into IHttpClientFactory; <see cref="CreateHttpClient"/> builds it for code without
/// dependency injection. Retries, timeouts and limits live in <see cref="CupiTransport"/>.
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

    /// <summary>
    /// Creates an <see cref="HttpClient"/> over the primary handler, for use without IHttpClientFactory. Keep it
    /// for the application's lifetime. Retries, timeouts, the concurrency limit and the size limit are applied
    /// by <see cref="CupiTransport"/>, which alone knows what a CUPI answer must look like.
    /// </summary>
    /// <param name="options">The client options.</param>
    public static HttpClient CreateHttpClient(CupiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HttpClient(CreatePrimaryHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
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
