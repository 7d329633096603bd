using System;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>Setting a property marks it present; null removes it.</summary>
public class PropertySetterTests
{
    [Fact]
    public void A_fresh_model_writes_an_empty_object()
    {
        Assert.Equal("{}", new PortGroup().ToJson());
        Assert.Equal("<PortGroup />", new PortGroup().ToXml());
        Assert.Equal("{}", new RtpCodecDef().ToJson());
        Assert.Equal("<PortGroupCodec />", new PortGroupCodec().ToXml());
        Assert.Empty(Inspect.PresentFields(new PortGroup()));
        Assert.Equal("PortGroup {}", new PortGroup().ToString());
    }

    [Fact]
    public void Every_model_starts_empty_and_reads_its_own_empty_output()
    {
        foreach (var resource in Codec.Resources)
        {
            var codec = Codec.For(resource);
            var model = Activator.CreateInstance(codec.ModelType)!;
            Assert.Equal("{}", codec.ToJson(model));
            Assert.Equal($"<{resource} />", codec.ToXml(model));
            Assert.Empty(Inspect.PresentFields(codec.FromXml(codec.ToXml(model))));
            Assert.Empty(Inspect.PresentFields(codec.FromJson(codec.ToJson(model))));
        }
    }

    [Fact]
    public void Setting_a_property_marks_it_present_and_it_is_written()
    {
        var pg = new PortGroup();
        pg.EnableMWI = false;
        pg.MwiRetryCountOnSuccess = 0;
        pg.SipContactLineName = string.Empty;
        pg.SipTLSModeEnum = SipTlsMode.Authenticated;

        Assert.True(pg.IsPresent("EnableMWI"));
        Assert.True(pg.IsPresent("MwiRetryCountOnSuccess"));
        Assert.True(pg.IsPresent("SipContactLineName"));
        Assert.True(pg.IsPresent("SipTLSModeEnum"));
        Assert.False(pg.IsPresent("DisplayName"));

        var json = JsonDocument.Parse(pg.ToJson()).RootElement;
        Assert.Equal("false", json.GetProperty("EnableMWI").GetString());
        Assert.Equal("0", json.GetProperty("MwiRetryCountOnSuccess").GetString());
        Assert.Equal(string.Empty, json.GetProperty("SipContactLineName").GetString());
        Assert.Equal("10", json.GetProperty("SipTLSModeEnum").GetString());
        Assert.Equal(4, json.EnumerateObject().Count());

        var xml = XElement.Parse(pg.ToXml());
        Assert.Equal(["EnableMWI", "MwiRetryCountOnSuccess", "SipContactLineName", "SipTLSModeEnum"], xml.Elements().Select(e => e.Name.LocalName).ToArray());
    }

    [Fact]
    public void Setting_null_removes_the_field()
    {
        var pg = PortGroup.FromXml(Fixtures.Text(3));
        Assert.True(pg.IsPresent("SipAuthenticatePassword"));
        Assert.True(pg.IsPresent("EnableMWI"));
        Assert.True(pg.IsPresent("MwiRetryCountOnSuccess"));

        pg.SipAuthenticatePassword = null;
        pg.EnableMWI = null;
        pg.MwiRetryCountOnSuccess = null;
        pg.SipTLSModeEnum = null;

        foreach (var name in new[] { "SipAuthenticatePassword", "EnableMWI", "MwiRetryCountOnSuccess", "SipTLSModeEnum" })
        {
            Assert.False(pg.IsPresent(name));
            Assert.DoesNotContain($"\"{name}\"", pg.ToJson(), StringComparison.Ordinal);
            Assert.Null(XElement.Parse(pg.ToXml()).Element(name));
        }

        // The rest is untouched.
        Assert.Equal("PhoneSystem-2", PortGroup.FromJson(pg.ToJson()).DisplayName);
    }

    [Fact]
    public void A_field_present_but_empty_can_be_given_a_value_and_removed()
    {
        var pg = PortGroup.FromXml("<PortGroup><PortCount/></PortGroup>");
        Assert.True(pg.IsPresent("PortCount"));
        pg.MwiMaxConcurrentRequests = 5;
        Assert.Equal("5", JsonDocument.Parse(pg.ToJson()).RootElement.GetProperty("MwiMaxConcurrentRequests").GetString());
        pg.MwiMaxConcurrentRequests = null;
        Assert.False(pg.IsPresent("MwiMaxConcurrentRequests"));
    }

    [Fact]
    public void Building_a_create_request_by_hand_matches_the_documents_json_example()
    {
        // The document's JSON create request for an SCCP port group (fixture 09), built with setters.
        var pg = new PortGroup
        {
            MediaSwitchObjectId = "8a009b99-22cf-4305-822d-f5e449a42263",
            MediaPortGroupTemplateObjectId = "90dd306f-b8af-46b6-8289-f13437cc1e5e",
            DisplayName = "PhoneSystem-6",
            TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sccp,
            SkinnyDevicePrefix = "Test1-VI",
            HostOrIPAddress = "10.10.10.10",
        };
        var fromDoc = PortGroup.FromJson(Fixtures.Text(9));
        Inspect.AssertSameFields(fromDoc, pg);
        Inspect.AssertSameFields(fromDoc, PortGroup.FromJson(pg.ToJson()));
        using var expected = JsonDocument.Parse(Fixtures.Text(9));
        using var actual = JsonDocument.Parse(pg.ToJson());
        Assert.Equal(
            expected.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name, StringComparer.Ordinal),
            actual.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).OrderBy(p => p.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void IsPresent_rejects_a_null_name()
    {
        Assert.Throws<ArgumentNullException>(() => new PortGroup().IsPresent(null!));
    }
}
