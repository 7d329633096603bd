using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Linq;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;

namespace CupiGen.Client.Tests;

/// <summary>Certificate rules against a loopback TLS server.</summary>
public sealed class TlsTests
{
    private static X509Certificate2 SelfSigned(string subject = "CN=cuc.test")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(SubjectAlternativeName());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static X509Extension SubjectAlternativeName()
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        return san.Build();
    }

    private static (X509Certificate2 Authority, X509Certificate2 Leaf) SignedByAuthority()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=CupiGen Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var authority = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        leafRequest.CertificateExtensions.Add(SubjectAlternativeName());
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = leafRequest.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), [1, 2, 3, 4]);
        using var withKey = leaf.CopyWithPrivateKey(leafKey);
        return (X509CertificateLoader.LoadCertificate(authority.Export(X509ContentType.Cert)), X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null));
    }

    private static async Task<Exception?> TryList(FakeCupiServer server, Action<CupiClientOptions> configure)
    {
        var client = Clients.For(server, configure: o =>
        {
            o.MaxRetryAttempts = 0;
            configure(o);
        });
        try
        {
            await client.PhoneSystems.ListPageAsync();
            return null;
        }
        catch (CupiApiException ex)
        {
            // No answer: status 0, the TLS failure as the cause.
            Assert.Equal((HttpStatusCode)0, ex.StatusCode);
            return Assert.IsType<HttpRequestException>(ex.InnerException);
        }
    }

    [Fact]
    public async Task Validation_is_on_by_default_and_a_pinned_thumbprint_is_accepted()
    {
        using var certificate = SelfSigned();
        await using var server = await FakeCupiServer.StartAsync(certificate);

        Assert.NotNull(await TryList(server, _ => { }));
        Assert.NotNull(await TryList(server, o => o.PinnedCertificateThumbprints.Add(new string('A', 64))));
        Assert.Null(await TryList(server, o => o.PinnedCertificateThumbprints.Add(certificate.GetCertHashString(HashAlgorithmName.SHA256))));
        Assert.Null(await TryList(server, o => o.PinnedCertificateThumbprints.Add(certificate.Thumbprint.ToLowerInvariant())));
        // Separators as certificate viewers print them are ignored.
        Assert.Null(await TryList(server, o => o.PinnedCertificateThumbprints.Add(string.Join(":", certificate.Thumbprint.Chunk(2).Select(c => new string(c))))));
    }

    [Fact]
    public async Task A_refused_certificate_is_not_retried()
    {
        using var certificate = SelfSigned();
        await using var server = await FakeCupiServer.StartAsync(certificate);
        var log = new Resilience.FaultMatrixTests.ListLogger();
        var options = Clients.Options(server);
        options.MaxRetryAttempts = 3;
        var client = new CupiClient(new CupiTransport(options, log));

        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PhoneSystems.ListPageAsync());

        Assert.Equal((HttpStatusCode)0, error.StatusCode);
        Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.DoesNotContain(log.Messages, m => m.Contains("retrying", StringComparison.Ordinal));
        Assert.Single(log.Messages, m => m.Contains("failed after", StringComparison.Ordinal)); // one attempt
    }

    [Fact]
    public async Task Accepting_any_certificate_needs_the_dangerous_option()
    {
        using var certificate = SelfSigned();
        await using var server = await FakeCupiServer.StartAsync(certificate);
        Assert.Null(await TryList(server, o => o.DangerousAcceptAnyServerCertificate = true));
    }

    [Fact]
    public async Task A_trusted_authority_validates_its_certificates()
    {
        var (authority, leaf) = SignedByAuthority();
        using (authority)
        using (leaf)
        {
            await using var server = await FakeCupiServer.StartAsync(leaf);
            Assert.NotNull(await TryList(server, _ => { }));
            Assert.Null(await TryList(server, o => o.TrustedCertificateAuthorities.Add(authority)));

            using var other = SelfSigned("CN=Other CA");
            Assert.NotNull(await TryList(server, o => o.TrustedCertificateAuthorities.Add(other)));
        }
    }
}
