using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;
using static CupiGen.EndToEnd.Tests.PortGroupEndpointTests;

namespace CupiGen.EndToEnd.Tests;

/// <summary>The read-only resources: templates, codec definitions, phone systems, SIP security profiles and SIP
/// certificates, listed and read one by one from the emulator's seed data (the document's examples).</summary>
public sealed class CatalogueTests
{
    [Theory, BothFormats]
    public async Task PortGroupTemplates_list_and_get(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var templates = await ToListAsync(cuc.Client.PortGroupTemplates.ListAsync());
        Assert.Equal([Seed.SccpTemplate, Seed.SipTemplate, Seed.PimgTemplate], templates.Select(t => t.ObjectId));
        Assert.Equal(
            [TelephonyIntegrationMethod.Sccp, TelephonyIntegrationMethod.Sip, TelephonyIntegrationMethod.Pimg],
            templates.Select(t => t.CopyTelephonyIntegrationMethodEnum));
        Assert.Equal(3, (await cuc.Client.PortGroupTemplates.ListPageAsync()).Total);

        var sip = await cuc.Client.PortGroupTemplates.GetAsync(Seed.SipTemplate);
        Assert.Equal("/vmrest/portgrouptemplates/" + Seed.SipTemplate, cuc.Wire.Last.PathAndQuery);
        Assert.Equal(("SIP", TelephonyIntegrationMethod.Sip), (sip.TemplateDescriptionDefault, sip.CopyTelephonyIntegrationMethodEnum));
    }

    [Theory, BothFormats]
    public async Task RtpCodecDefs_list_and_get(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var defs = await ToListAsync(cuc.Client.RtpCodecDefs.ListAsync());
        Assert.Equal(["G.711 mu-law", "G.711 a-law", "G.722", "G.729", "iLBC"], defs.Select(d => d.DisplayName));
        Assert.StartsWith("/vmrest/rtpcodecsdefs?", cuc.Wire.Last.PathAndQuery, System.StringComparison.Ordinal);
        Assert.Equal(5, (await cuc.Client.RtpCodecDefs.ListPageAsync()).Total);

        var g729 = await cuc.Client.RtpCodecDefs.GetAsync(Seed.G729);
        Assert.Equal(("G.729", "/vmrest/rtpcodecsdefs/" + Seed.G729), (g729.DisplayName, g729.URI));
    }

    [Theory, BothFormats]
    public async Task PhoneSystems_list_and_get(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var phoneSystem = Assert.Single(await ToListAsync(cuc.Client.PhoneSystems.ListAsync()));
        Assert.Equal((Seed.PhoneSystem, Seed.PhoneSystemName), (phoneSystem.ObjectId, phoneSystem.DisplayName));
        Assert.Equal(1, (await cuc.Client.PhoneSystems.ListPageAsync()).Total);

        var read = await cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem);
        Assert.Equal("/vmrest/phonesystems/" + Seed.PhoneSystem, read.URI);
    }

    [Theory, BothFormats]
    public async Task SipSecurityProfiles_list_and_get(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var profiles = await ToListAsync(cuc.Client.SipSecurityProfiles.ListAsync());
        Assert.Equal([(5060, false), (5061, true)], profiles.Select(p => (p.Port!.Value, p.DoTLS!.Value)));
        Assert.Equal(2, (await cuc.Client.SipSecurityProfiles.ListPageAsync()).Total);

        var tls = await cuc.Client.SipSecurityProfiles.GetAsync(Seed.Sip5061TlsProfile);
        Assert.Equal("/vmrest/sipprofiles/" + Seed.Sip5061TlsProfile, cuc.Wire.Last.PathAndQuery);
        Assert.Equal(("5061/TLS", 5061, true), (tls.DisplayName, tls.Port, tls.DoTLS));
    }

    [Theory, BothFormats]
    public async Task SipCertificates_list_and_get(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var certificate = Assert.Single(await ToListAsync(cuc.Client.SipCertificates.ListAsync()));
        Assert.Equal(Seed.SipCertificate, certificate.ObjectId);
        Assert.Equal(1, (await cuc.Client.SipCertificates.ListPageAsync()).Total);

        var read = await cuc.Client.SipCertificates.GetAsync(Seed.SipCertificate);
        Assert.Equal(("SIP Certificate", "/vmrest/sipcertificates/" + Seed.SipCertificate), (read.DisplayName, read.URI));
    }

    [Theory, BothFormats]
    public async Task Every_catalogue_answers_404_for_an_unknown_id(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var client = cuc.Client;
        var failures = new[]
        {
            await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroupTemplates.GetAsync(Seed.Unknown)),
            await Assert.ThrowsAsync<CupiApiException>(() => client.RtpCodecDefs.GetAsync(Seed.Unknown)),
            await Assert.ThrowsAsync<CupiApiException>(() => client.PhoneSystems.GetAsync(Seed.Unknown)),
            await Assert.ThrowsAsync<CupiApiException>(() => client.SipSecurityProfiles.GetAsync(Seed.Unknown)),
            await Assert.ThrowsAsync<CupiApiException>(() => client.SipCertificates.GetAsync(Seed.Unknown)),
        };

        Assert.All(failures, ex => Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode));
        Assert.All(failures, ex => Assert.Equal("GET", ex.Method));
        Assert.All(failures, ex => Assert.EndsWith("/" + Seed.Unknown, ex.Path, System.StringComparison.Ordinal));
    }
}
