using System.Linq;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>Values read from the document's examples, checked against what the document prints.</summary>
public class DocumentValueTests
{
    [Fact]
    public void Fixture_01_xml_list_of_three_port_groups()
    {
        var list = PortGroup.ListFromXml(Fixtures.Text(1));
        Assert.Equal(3, list.Count);
        Assert.Equal(3, list.Total);

        var sccp = list[0];
        Assert.Equal("/vmrest/portgroups/eee76668-7d26-4e74-ba61-b41630c2819e", sccp.URI);
        Assert.Equal("PhoneSystem-SCCP", sccp.DisplayName);
        Assert.Equal(TelephonyIntegrationMethod.Sccp, sccp.TelephonyIntegrationMethodEnum);
        Assert.Equal("90dd306f-b8af-46b6-8289-f13437cc1e5e", sccp.MediaPortGroupTemplateObjectId);
        Assert.Equal("72c5dbe6-9590-40c5-b668-9c599eedf125", sccp.MediaSwitchObjectId);
        Assert.Equal("/vmrest/phonesystems/72c5dbe6-9590-40c5-b668-9c599eedf125", sccp.PhoneSystemURI);
        Assert.Equal(2500, sccp.OutgoingGuardTimeMs);
        Assert.True(sccp.EnableMWI);
        Assert.True(sccp.EnableAGC);
        Assert.True(sccp.CcmDoAutoFailback);
        Assert.Equal(1, sccp.MwiRetryCountOnSuccess);
        Assert.Equal(2, sccp.MwiRetryIntervalOnSuccessMs);
        Assert.Equal("VVMSetup-VI", sccp.SkinnyDevicePrefix);
        Assert.Equal(4, sccp.MwiMinRequestIntervalMs);
        Assert.Equal(50, sccp.OutgoingPostDialDelayMs);
        Assert.Equal(0, sccp.OutgoingPreDialDelayMs);
        Assert.Equal(300, sccp.DtmfDialInterDigitDelayMs);
        Assert.Equal(3, sccp.MwiMaxConcurrentRequests);
        Assert.Equal("PhoneSystem123", sccp.MediaSwitchDisplayName);
        Assert.Equal(0, sccp.PortCount);
        Assert.Equal(SipTlsMode.Encrypted, sccp.SipTLSModeEnum);
        Assert.Equal(11, (int)sccp.SipTLSModeEnum!.Value);
        Assert.Equal(ResetStatus.NotRequired, sccp.ResetStatusEnum);
        Assert.Equal(170, sccp.RecordingDTMFClipMs);
        Assert.Equal(250, sccp.RecordingToneExtraClipMs);
        Assert.True(sccp.NoiseFreeEnable);
        // Split over lines after a page break in the document: still one trimmed value.
        Assert.Equal("/vmrest/portgroups/eee76668-7d26-4e74-ba61-b41630c2819e/portgroupservers", sccp.PortGroupServerURI);
        Assert.Equal("/vmrest/portgroups/eee76668-7d26-4e74-ba61-b41630c2819e/portgroupcodecs", sccp.PortGroupCodecURI);
        Assert.Equal("/vmrest/ports/", sccp.PortURI);
        Assert.False(sccp.IsPresent("SipContactLineName"));
        Assert.False(sccp.IsPresent("SipTransportProtocolEnum"));
        Assert.Null(sccp.SipTransportProtocolEnum);
        Assert.Empty(sccp.AdditionalFields);

        var sip = list[1];
        Assert.Equal("PhoneSystem-SIP", sip.DisplayName);
        Assert.Equal(TelephonyIntegrationMethod.Sip, sip.TelephonyIntegrationMethodEnum);
        Assert.Equal("04e0e286-56ed-4f27-a325-756a49dd98e1", sip.MediaPortGroupTemplateObjectId);
        Assert.True(sip.IsPresent("SipContactLineName"));
        Assert.Equal(string.Empty, sip.SipContactLineName);
        Assert.Equal(SipTransportProtocol.Tcp, sip.SipTransportProtocolEnum);
        Assert.False(sip.SipRegisterWithProxyServer);
        Assert.False(sip.SipDoAuthenticate);
        Assert.Equal(5, sip.MwiRetryIntervalOnSuccessMs);
        Assert.Equal("4d7e055a-cdcf-43ff-a922-4ce743939a23", sip.MediaSipSecurityProfileObjectId);
        Assert.Equal("c55ef2c3-2475-4505-9566-bcea04a6bb6e", sip.MediaCertificateObjectId);
        Assert.Equal(SipTlsMode.Authenticated, sip.SipTLSModeEnum);
        Assert.True(sip.SipDoDtmfRfc2833);
        Assert.True(sip.SipDoDtmfKPML);
        Assert.Equal(0, sip.WaitForCallInfoMs);
        Assert.False(sip.IsPresent("SkinnyDevicePrefix"));

        var pimg = list[2];
        Assert.Equal("PIMG-1", pimg.DisplayName);
        Assert.Equal(TelephonyIntegrationMethod.Pimg, pimg.TelephonyIntegrationMethodEnum);
        Assert.False(pimg.IsPresent("SipContactLineName"));
        Assert.Null(pimg.SipContactLineName);
        Assert.Equal(SipTransportProtocol.Udp, pimg.SipTransportProtocolEnum);
        Assert.Equal(1000, pimg.OutgoingGuardTimeMs);
        Assert.True(pimg.MwiReqPortSpecific);
        Assert.False(pimg.IsPresent("MediaCertificateObjectId"));
        Assert.Equal("87cab9a5-c68d-447a-ab4f-7cd2837aa240", pimg.MediaSipSecurityProfileObjectId);
        Assert.Equal("/vmrest/portgroups/1404ccd1-45c9-4fb8-9660-5b04cae3373f/portgroupcodecs", pimg.PortGroupCodecURI);
    }

    [Fact]
    public void Fixture_02_json_list_of_one_is_an_object_not_an_array()
    {
        var text = Fixtures.Text(2);
        Assert.Contains("\"@total\": \"1\"", text, System.StringComparison.Ordinal);
        var list = PortGroup.ListFromJson(text);
        var pg = Assert.Single(list);
        Assert.Equal(1, list.Total);
        Assert.Equal("demo_PhoneSystem_1-1", pg.DisplayName);
        Assert.Equal("74a008c0-bdc6-4e4b-a304-8a220a081990", pg.ObjectId);
        Assert.Equal("f92e948f-6bd4-4891-ab8b-a3d930688305", pg.MediaSwitchObjectId);
        Assert.Equal(TelephonyIntegrationMethod.Sip, pg.TelephonyIntegrationMethodEnum);
        Assert.True(pg.IsPresent("SipContactLineName"));
        Assert.Equal(string.Empty, pg.SipContactLineName);
        Assert.Equal(2, pg.PortCount);
        Assert.Equal("demo_PhoneSystem_1", pg.MediaSwitchDisplayName);
        Assert.Equal(IpAddressingMode.IPv4, pg.PreferredCallControl);
        Assert.Equal(IpAddressingMode.IPv4, pg.SipPreferredMedia);
        Assert.Equal(SipTlsMode.Encrypted, pg.SipTLSModeEnum);
        Assert.Equal("34e62bbf-a2f8-4281-8b1e-90af4985344e", pg.MediaSipSecurityProfileObjectId);
        Assert.Equal("/vmrest/ports/", pg.PortURI);
    }

    [Fact]
    public void Fixture_03_xml_get_with_sip_authentication()
    {
        var pg = PortGroup.FromXml(Fixtures.Text(3));
        Assert.Equal("PhoneSystem-2", pg.DisplayName);
        Assert.Equal("ae5656cf-819f-4235-a566-a485ed665eb3", pg.ObjectId);
        Assert.Equal("line", pg.SipContactLineName);
        Assert.True(pg.SipDoAuthenticate);
        Assert.Equal("SIPUser", pg.SipAuthenticateAsUser);
        Assert.Equal("TY1U18Zb0s6xg6UAFpyhnw==", pg.SipAuthenticatePassword);
        // Invalid as printed (37 characters): kept as a string, not rejected.
        Assert.Equal("8275234c-6ea4-4a4b-87c1-74abel1394415", pg.MediaSipSecurityProfileObjectId);
        Assert.True(pg.EnableMWI);
        Assert.True(pg.NoiseFreeEnable);
        Assert.Equal("5bfd3bae-0c37-4d20-8066-c3065431fc41", pg.MediaSwitchObjectId);
    }

    [Fact]
    public void Fixture_04_json_get_matches_the_json_list_member()
    {
        var pg = PortGroup.FromJson(Fixtures.Text(4));
        var fromList = Assert.Single(PortGroup.ListFromJson(Fixtures.Text(2)));
        Inspect.AssertSameFields(fromList, pg);
        Assert.Equal("/vmrest/portgroups/74a008c0-bdc6-4e4b-a304-8a220a081990/portgroupservers", pg.PortGroupServerURI);
        Assert.Equal(ResetStatus.NotRequired, pg.ResetStatusEnum);
    }

    [Fact]
    public void Fixtures_05_06_07_templates_agree_in_both_formats()
    {
        var xml = PortGroupTemplate.ListFromXml(Fixtures.Text(5));
        var json = PortGroupTemplate.ListFromJson(Fixtures.Text(6));
        var again = PortGroupTemplate.ListFromXml(Fixtures.Text(7));
        Assert.Equal(3, xml.Total);
        Assert.Equal(3, json.Total);
        Assert.Equal(3, json.Count);
        Assert.Equal(3, again.Count);

        string[] ids = ["90dd306f-b8af-46b6-8289-f13437cc1e5e", "04e0e286-56ed-4f27-a325-756a49dd98e1", "8fc4952c-aa4f-4b96-a4b3-dbe26e49d899"];
        string[] names = ["SCCP", "SIP", "SIP to DMG/PIMG/TIMG"];
        TelephonyIntegrationMethod[] methods = [TelephonyIntegrationMethod.Sccp, TelephonyIntegrationMethod.Sip, TelephonyIntegrationMethod.Pimg];
        for (var i = 0; i < 3; i++)
        {
            foreach (var t in new[] { xml[i], json[i], again[i] })
            {
                Assert.Equal(ids[i], t.ObjectId);
                Assert.Equal("/vmrest/portgrouptemplates/" + ids[i], t.URI);
                Assert.Equal(names[i], t.TemplateDescriptionDefault);
                Assert.Equal(methods[i], t.CopyTelephonyIntegrationMethodEnum);
            }

            Inspect.AssertSameFields(xml[i], json[i]);
        }
    }

    [Fact]
    public void Fixtures_08_09_create_sccp_request()
    {
        var xml = PortGroup.FromXml(Fixtures.Text(8));
        Assert.Equal("PhoneSystem-6", xml.DisplayName);
        Assert.Equal(TelephonyIntegrationMethod.Sccp, xml.TelephonyIntegrationMethodEnum);
        Assert.Equal("Test1-VI", xml.SkinnyDevicePrefix);
        Assert.Equal("10.10.10.10", xml.HostOrIPAddress);
        Assert.Equal("90dd306f-b8af-46b6-8289-f13437ccl5e", xml.MediaPortGroupTemplateObjectId);
        Assert.Equal(6, Inspect.PresentFields(xml).Count);

        var json = PortGroup.FromJson(Fixtures.Text(9));
        Assert.Equal("8a009b99-22cf-4305-822d-f5e449a42263", json.MediaSwitchObjectId);
        Assert.Equal("90dd306f-b8af-46b6-8289-f13437cc1e5e", json.MediaPortGroupTemplateObjectId);
        Assert.Equal("PhoneSystem-6", json.DisplayName);
        Assert.Equal("Test1-VI", json.SkinnyDevicePrefix);
        Assert.Equal(6, Inspect.PresentFields(json).Count);
        Assert.False(json.IsPresent("URI"));
    }

    [Fact]
    public void Fixture_10_json_create_sip_request()
    {
        var pg = PortGroup.FromJson(Fixtures.Text(10));
        Assert.Equal("PhoneSystem-7", pg.DisplayName);
        Assert.Equal(TelephonyIntegrationMethod.Sip, pg.TelephonyIntegrationMethodEnum);
        Assert.Equal("10.10.10.10", pg.HostOrIPAddress);
        Assert.Equal(ResetStatus.NotRequired, pg.ResetStatusEnum);
        Assert.True(pg.EnableMWI);
        Assert.Equal("1", pg.MwiOnCode);
        Assert.Equal("1", pg.MwiOffCode);
        Assert.Equal(1, pg.MwiRetryCountOnSuccess);
        Assert.Equal(2, pg.MwiRetryIntervalOnSuccessMs);
        Assert.Equal(3, pg.MwiMaxConcurrentRequests);
        Assert.Equal(4, pg.MwiMinRequestIntervalMs);
        Assert.Equal(13, Inspect.PresentFields(pg).Count);
        Assert.Empty(pg.AdditionalFields);

        var json = pg.ToJson();
        Assert.Contains("\"MwiMinRequestIntervalMs\":\"4\"", json, System.StringComparison.Ordinal);
        Assert.Contains("\"EnableMWI\":\"true\"", json, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Fixtures_11_12_create_pimg_request()
    {
        var xml = PortGroup.FromXml(Fixtures.Text(11));
        Assert.Equal("8fc4952c-aa4f-4b96-a4b3-dbe26e49d899", xml.MediaPortGroupTemplateObjectId);
        Assert.Equal("0d15753c-e1b4-4865-b00b-999a1ccf56ce", xml.MediaSwitchObjectId);
        Assert.Equal(TelephonyIntegrationMethod.Pimg, xml.TelephonyIntegrationMethodEnum);
        Assert.Equal("PIMG-2", xml.DisplayName);
        Assert.Equal("10.78.171.157", xml.HostOrIPAddress);

        var json = PortGroup.FromJson(Fixtures.Text(12));
        Assert.Equal(TelephonyIntegrationMethod.Pimg, json.TelephonyIntegrationMethodEnum);
        Assert.Equal("PIMG-2", json.DisplayName);
        Assert.Equal("10.78.171.157", json.HostOrIPAddress);
        Assert.Equal(5, Inspect.PresentFields(json).Count);
    }

    [Fact]
    public void Fixtures_13_14_add_requests()
    {
        var sip = PortGroup.FromXml(Fixtures.Text(13));
        Assert.Equal("9821a50b-26e7-409e-b2fe-4b1c3953530d", sip.MediaSwitchObjectId);
        Assert.Equal("04e0e286-56ed-4f27-a325-756a49dd98e1", sip.MediaPortGroupTemplateObjectId);
        Assert.Equal("PhoneSystem-SIPSANJAY12345678", sip.DisplayName);
        Assert.Equal(SipTransportProtocol.Tcp, sip.SipTransportProtocolEnum);
        Assert.Equal("10.78.171.158", sip.HostOrIPAddress);
        Assert.Equal(SipTlsMode.Encrypted, sip.SipTLSModeEnum);

        var pimg = PortGroup.FromXml(Fixtures.Text(14));
        Assert.Equal("15a3a4d9-65a0-456a-be38-4a4aff36554c", pimg.MediaSipSecurityProfileObjectId);
        Assert.Equal(SipTransportProtocol.Udp, pimg.SipTransportProtocolEnum);
        Assert.Equal(1000, pimg.OutgoingGuardTimeMs);
        Assert.True(pimg.MwiReqPortSpecific);
        Assert.Equal(0, pimg.PortCount);
        Assert.Equal("PhoneSystem", pimg.MediaSwitchDisplayName);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    public void Fixtures_15_16_update_mwi_requests(int number)
    {
        var pg = PortGroup.FromXml(Fixtures.Text(number));
        Assert.True(pg.EnableMWI);
        Assert.Equal("98", pg.MwiOnCode);
        Assert.Equal("99", pg.MwiOffCode);
        Assert.Equal(1, pg.MwiRetryCountOnSuccess);
        Assert.Equal(3, pg.MwiMaxConcurrentRequests);
        Assert.Equal(4, pg.MwiMinRequestIntervalMs);
        Assert.Equal(6, Inspect.PresentFields(pg).Count);
    }

    [Fact]
    public void Fixture_17_advanced_settings()
    {
        var pg = PortGroup.FromXml(Fixtures.Text(17));
        Assert.Equal("833a6c54-6bb0-40b9-8aa7-210265701ca2", pg.ObjectId);
        Assert.Equal("a65f2cb0-1cdf-4290-a00b-37ab2c3d27e8", pg.MediaSwitchObjectId);
        Assert.Equal("/vmrest/phonesystems/a65f2cb0-1cdf-4290-a00b-37ab2c3d27e8", pg.PhoneSystemURI);
        Assert.Equal("PhoneSystem-SIPSANJAY", pg.DisplayName);
        Assert.False(pg.SipRegisterWithProxyServer);
        Assert.False(pg.SipDoAuthenticate);
        Assert.Equal("87cab9a5-c68d-447a-ab4f-7cd2837aa240", pg.MediaSipSecurityProfileObjectId);
    }

    [Fact]
    public void Fixtures_18_19_port_group_servers()
    {
        var server = PortGroupServer.FromXml(Fixtures.Text(18));
        Assert.Equal(100, server.MediaRemoteServiceEnum);
        Assert.Equal("eee76668-7d26-4e74-ba61-b41630c2819e", server.MediaPortGroupObjectId);
        Assert.Equal("10.78.171.158", server.HostOrIPAddress);
        Assert.Equal(2000, server.Port);
        Assert.Equal(2443, server.TlsPort);
        Assert.Equal(0, server.Precedence);
        Assert.Equal(10, server.SkinnyStateMachineEnum);

        var update = PortGroupServer.FromXml(Fixtures.Text(19));
        Assert.Equal(2001, update.Port);
        Assert.Equal(2443, update.TlsPort);
        Assert.Equal(2, update.Precedence);
        Assert.False(update.IsPresent("MediaRemoteServiceEnum"));
        Assert.Null(update.MediaRemoteServiceEnum);
    }

    [Fact]
    public void Fixture_20_five_codec_definitions()
    {
        var list = RtpCodecDef.ListFromXml(Fixtures.Text(20));
        Assert.Equal(5, list.Total);
        Assert.Equal(new string?[] { "G.711 mu-law", "G.711 a-law", "G.722", "G.729", "iLBC" }, list.Select(c => c.DisplayName).ToArray());
        Assert.Equal("9a23b48c-060d-b267-2589-5701238ab567", list[4].ObjectId);
        Assert.Equal("/vmrest/rtpcodecsdefs/5623a48c-255d-a121-a4b4-5788238a8123", list[0].URI);
        Assert.All(list, c => Assert.Equal("/vmrest/rtpcodecsdefs/" + c.ObjectId, c.URI));
    }

    [Fact]
    public void Fixture_21_add_codec_request()
    {
        var codec = PortGroupCodec.FromXml(Fixtures.Text(21));
        Assert.Equal(20, codec.PreferredPacketSizeMs);
        Assert.Equal("9206847a-cc34-4dab-a08c-9fbed074ba88", codec.MediaPortGroupObjectId);
        // The iLBC codec of fixture 20.
        Assert.Equal(RtpCodecDef.ListFromXml(Fixtures.Text(20))[4].ObjectId, codec.RtpCodecDefObjectId);
        Assert.False(codec.IsPresent("ObjectId"));
    }

    [Fact]
    public void Fixtures_22_23_update_security_profile()
    {
        var xml = PortGroup.FromXml(Fixtures.Text(22));
        var json = PortGroup.FromJson(Fixtures.Text(23));
        foreach (var pg in new[] { xml, json })
        {
            Assert.Equal("61dc7bd7-06a4-4e64-8104-ea9694390358", pg.MediaSipSecurityProfileObjectId);
            Assert.Equal(SipTlsMode.Authenticated, pg.SipTLSModeEnum);
            Assert.Equal(3, Inspect.PresentFields(pg).Count);
        }

        // The XML example lacks a hyphen; the JSON twin has it. Both are kept as printed.
        Assert.Equal("2654ba6a-ae1a-4935-a8ccc1cf7199f695", xml.MediaCertificateObjectId);
        Assert.Equal("2654ba6a-ae1a-4935-a8cc-c1cf7199f695", json.MediaCertificateObjectId);
    }

    [Fact]
    public void Fixtures_24_25_reset_status()
    {
        var xml = PortGroup.FromXml(Fixtures.Text(24));
        Assert.Equal(ResetStatus.NotRequired, xml.ResetStatusEnum);
        Assert.Equal("8275234c-6ea4-4a4b-87c1-748be1394415", xml.MediaSipSecurityProfileObjectId);
        Assert.Equal("TY1U18Zb0s6xg6UAFpyhnrw==", xml.SipAuthenticatePassword);
        Assert.Equal("/vmrest/ports", xml.PortURI);
        Assert.Equal("/vmrest/portgroups/ae5656cf-819f-4235-a566-a485ed665eb3/portgroupcodecs", xml.PortGroupCodecURI);

        // Fixture 03 is the same object: apart from the fields the document prints differently, they agree.
        var same = PortGroup.FromXml(Fixtures.Text(3));
        string[] printedDifferently = ["MediaSipSecurityProfileObjectId", "SipAuthenticatePassword", "PortURI"];
        var a = Inspect.PresentFields(xml).Where(f => !printedDifferently.Contains(f.Wire)).ToList();
        var b = Inspect.PresentFields(same).Where(f => !printedDifferently.Contains(f.Wire)).ToList();
        Assert.Equal(b, a);

        var json = PortGroup.FromJson(Fixtures.Text(25));
        Assert.Equal(ResetStatus.NotRequired, json.ResetStatusEnum);
        Assert.Equal("demo_PhoneSystem_1-1", json.DisplayName);
        Assert.Equal(IpAddressingMode.IPv4, json.SipPreferredMedia);
        Inspect.AssertSameFields(PortGroup.FromJson(Fixtures.Text(4)), json);
    }
}
