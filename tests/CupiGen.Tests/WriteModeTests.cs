using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Cupi;

namespace CupiGen.Tests;

/// <summary>Change tracking and the create/update request shapes CUPI expects.</summary>
public class WriteModeTests
{
    private static PortGroup ParsedSipGroup() =>
        PortGroup.FromXml(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "doc", "03-get-portgroup.xml")));

    private static string[] Names(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }

    [Fact]
    public void A_parsed_object_has_no_changes_and_an_update_sends_nothing()
    {
        var group = ParsedSipGroup();

        Assert.False(group.HasChanges);
        Assert.False(group.IsChanged("EnableMWI"));
        Assert.Equal("{}", group.ToJson(CupiWriteMode.Update));
        Assert.Equal("<PortGroup />", group.ToXml(CupiWriteMode.Update));
        Assert.True(Names(group.ToJson()).Length > 30);
    }

    [Fact]
    public void An_update_sends_only_changed_read_write_fields()
    {
        var group = ParsedSipGroup();

        group.EnableMWI = true;
        group.MwiMaxConcurrentRequests = 3;
#pragma warning disable CUPI2001, CUPI2002 // the write modes must drop these even when code writes them anyway
        group.DisplayName = "renamed";        // create-only: never in an update
        group.ObjectId = "ignored";           // read-only: never in an update
#pragma warning restore CUPI2001, CUPI2002

        Assert.True(group.HasChanges);
        Assert.True(group.IsChanged("DisplayName"));
        Assert.Equal(["EnableMWI", "MwiMaxConcurrentRequests"], Names(group.ToJson(CupiWriteMode.Update)));
        Assert.Equal("<PortGroup><EnableMWI>true</EnableMWI><MwiMaxConcurrentRequests>3</MwiMaxConcurrentRequests></PortGroup>",
            group.ToXml(CupiWriteMode.Update));
    }

    [Fact]
    public void Setting_a_field_to_null_leaves_nothing_to_send_in_an_update()
    {
        var group = ParsedSipGroup();

        group.SipContactLineName = null;

        Assert.True(group.IsChanged("SipContactLineName"));
        Assert.False(group.IsPresent("SipContactLineName"));
        Assert.Equal("{}", group.ToJson(CupiWriteMode.Update));
    }

    [Fact]
    public void Accepting_changes_clears_them_but_keeps_values()
    {
        var group = ParsedSipGroup();
        group.MwiRetryCountOnSuccess = 1;
        group.SetAdditionalField("NewerField", "x");

        Assert.Contains("NewerField", Names(group.ToJson(CupiWriteMode.Update)));
        group.AcceptChanges();

        Assert.False(group.HasChanges);
        Assert.Equal("{}", group.ToJson(CupiWriteMode.Update));
        Assert.Equal(1, group.MwiRetryCountOnSuccess);
        Assert.Contains("NewerField", Names(group.ToJson()));
    }

    [Fact]
    public void Parsed_unknown_fields_are_not_sent_by_an_update_but_set_ones_are()
    {
        var group = PortGroup.FromJson("""{"EnableMWI":"true","FromANewerServer":"1"}""");
        Assert.Equal("{}", group.ToJson(CupiWriteMode.Update));

        group.SetAdditionalField("Mine", "2");

        Assert.Equal("""{"Mine":"2"}""", group.ToJson(CupiWriteMode.Update));
    }

    [Fact]
    public void A_create_sends_present_fields_except_server_set_ones()
    {
#pragma warning disable CUPI2001 // the document's SIP create example sends these read-only fields
        var group = new PortGroup
        {
            DisplayName = "PhoneSystem-7",
            TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip,
            MediaSwitchObjectId = "8a009b99-22cf-4305-822d-f5e449a42263",
            EnableMWI = true,
            ResetStatusEnum = ResetStatus.NotRequired,   // the document's SIP create example sends this read-only field
            PortCount = 2,
        };
#pragma warning restore CUPI2001

        var sent = Names(group.ToJson(CupiWriteMode.Create));

        Assert.Contains("DisplayName", sent);
        Assert.Contains("TelephonyIntegrationMethodEnum", sent);
        Assert.Contains("EnableMWI", sent);
        Assert.DoesNotContain("ResetStatusEnum", sent);
        Assert.DoesNotContain("PortCount", sent);
        Assert.Contains("ResetStatusEnum", Names(group.ToJson()));
    }

    [Fact]
    public void Serializer_and_model_agree_for_every_mode()
    {
        var group = ParsedSipGroup();
        group.OutgoingGuardTimeMs = 100;

        foreach (var mode in Enum.GetValues<CupiWriteMode>())
        {
            Assert.Equal(group.ToJson(mode), CupiSerializer.ToJson(group, mode));
            Assert.Equal(group.ToXml(mode), CupiSerializer.ToXml(group, mode));
            using var stream = new MemoryStream();
            CupiSerializer.ToJson(group, stream, mode);
            Assert.Equal(group.ToJsonUtf8(mode), stream.ToArray());
        }
    }
}
