using System;
using System.Net.Http;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;
using CupiGen.Emulator;

namespace CupiGen.EndToEnd.Tests;

/// <summary>The emulator over HTTPS with its self-signed certificate, as Unity Connection ships.</summary>
public sealed class TlsTests
{
    [Theory, BothFormats]
    public async Task A_pinned_self_signed_certificate_is_accepted(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format, server: new CupiEmulatorOptions { Https = true });
        Assert.Equal("https", cuc.Emulator.BaseAddress.Scheme);

        var id = await cuc.CreateSccpAsync("Over TLS");

        Assert.Equal("Over TLS", (await cuc.Client.PortGroups.GetAsync(id)).DisplayName);
        Assert.Equal(1, cuc.Emulator.BasicAuthenticationCount);
    }

    [Theory, BothFormats]
    public async Task Another_certificate_is_refused_before_any_credentials_are_sent(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(
            format,
            options =>
            {
                options.PinnedCertificateThumbprints.Clear();
                options.PinnedCertificateThumbprints.Add(new string('A', 64));
            },
            new CupiEmulatorOptions { Https = true });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem));

        Assert.Equal((System.Net.HttpStatusCode)0, ex.StatusCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"a refused certificate is not retried, yet the call took {clock.Elapsed}");

        Assert.Equal(0, cuc.Emulator.RequestCount);
        Assert.Equal(0, cuc.Emulator.BasicAuthenticationCount);
    }
}
