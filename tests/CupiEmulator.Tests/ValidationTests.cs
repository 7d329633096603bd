using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CupiGen.Emulator.Tests.Infrastructure;

namespace CupiGen.Emulator.Tests;

/// <summary>The documented error paths: every refusal is 400 with a CUPI error body naming the field, worded by the
/// runtime's rule engine (CupiValidator), so client and emulator cannot disagree.</summary>
public sealed class ValidationTests
{
    private static Dictionary<string, string> SccpCreate(params (string Name, string Value)[] extra)
    {
        var fields = new Dictionary<string, string>
        {
            ["MediaSwitchObjectId"] = Seed.PhoneSystem,
            ["MediaPortGroupTemplateObjectId"] = Seed.SccpTemplate,
            ["DisplayName"] = "Validation",
            ["TelephonyIntegrationMethodEnum"] = "1",
            ["HostOrIPAddress"] = "10.10.10.10",
        };
        foreach (var (name, value) in extra)
        {
            fields[name] = value;
        }

        return fields;
    }

    private static async Task<(string Code, string Message)> Refused(Task<Reply> call, WireFormat wire)
    {
        var reply = await call;
        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{reply.Status}: {reply.Body}");
        Assert.Equal(wire == WireFormat.Json ? "application/json" : "application/xml", reply.ContentType);
        return reply.Error(wire);
    }

    public static TheoryData<WireFormat, string, string, string> InvalidCreates() => new()
    {
        // wire, field, value, what the message must name
        { WireFormat.Xml, "ObjectId", Guid.NewGuid().ToString(), "ObjectId is read-only" },
        { WireFormat.Json, "ResetStatusEnum", "0", "ResetStatusEnum is read-only" },
        { WireFormat.Xml, "PortCount", "2", "PortCount is read-only" },
        { WireFormat.Json, "MwiMaxConcurrentRequests", "251", "MwiMaxConcurrentRequests: 251 is outside 0..250" },
        { WireFormat.Xml, "MwiRetryCountOnSuccess", "-1", "MwiRetryCountOnSuccess: -1 is outside 0..10" },
        { WireFormat.Json, "OutgoingGuardTimeMs", "10001", "OutgoingGuardTimeMs" },
        { WireFormat.Xml, "DisplayName", new string('d', 65), "is 65 characters long, more than 64" },
        { WireFormat.Json, "SkinnyDevicePrefix", new string('p', 49), "SkinnyDevicePrefix" },
        { WireFormat.Xml, "SipContactLineName", "line/1", "SipContactLineName" },
        { WireFormat.Json, "TelephonyIntegrationMethodEnum", "4", "TelephonyIntegrationMethodEnum: 4 is not a" },
        { WireFormat.Xml, "SipTransportProtocolEnum", "12", "SipTransportProtocolEnum" },
        { WireFormat.Json, "EnableMWI", "maybe", "EnableMWI" },
        { WireFormat.Xml, "MediaSwitchObjectId", Guid.NewGuid().ToString(), "MediaSwitchObjectId: no PhoneSystem" },
        { WireFormat.Json, "MediaPortGroupTemplateObjectId", "not-an-id", "MediaPortGroupTemplateObjectId" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Invalid_creates_are_refused_naming_the_field(WireFormat wire, string field, string value, string expected)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var (code, message) = await Refused(client.Post("vmrest/portgroups", Payload.Object(wire, "PortGroup", SccpCreate((field, value))), wire), wire);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Equal("INVALID_PARAMETER", code);
        Assert.Empty(cuc.GetObjects("PortGroup"));
        Assert.Empty(cuc.GetObjects("PortGroupServer"));
    }

    [Theory]
    [InlineData(WireFormat.Xml, "DisplayName")]
    [InlineData(WireFormat.Json, "HostOrIPAddress")]
    [InlineData(WireFormat.Xml, "MediaSwitchObjectId")]
    [InlineData(WireFormat.Json, "MediaPortGroupTemplateObjectId")]
    [InlineData(WireFormat.Xml, "TelephonyIntegrationMethodEnum")]
    public async Task Creates_without_a_required_field_are_refused(WireFormat wire, string missing)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var fields = SccpCreate();
        fields.Remove(missing);
        var (code, message) = await Refused(client.Post("vmrest/portgroups", Payload.Object(wire, "PortGroup", fields), wire), wire);
        Assert.Equal("MISSING_PARAMETER", code);
        Assert.Equal($"{missing}: is required in a create request", message);
    }

    [Theory]
    [InlineData(WireFormat.Xml, "2")]
    [InlineData(WireFormat.Json, "3")]
    public async Task The_template_must_match_the_integration_method(WireFormat wire, string method)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var (_, message) = await Refused(client.Post("vmrest/portgroups", Payload.Object(wire, "PortGroup", SccpCreate(("TelephonyIntegrationMethodEnum", method))), wire), wire);
        Assert.Contains($"the PortGroupTemplate's CopyTelephonyIntegrationMethodEnum is 1, but TelephonyIntegrationMethodEnum is {method}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_that_do_not_apply_to_the_integration_method_are_refused()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var sip = SccpCreate(("TelephonyIntegrationMethodEnum", "2"), ("MediaPortGroupTemplateObjectId", Seed.SipTemplate), ("SkinnyDevicePrefix", "VI"));
        var (_, message) = await Refused(client.Post("vmrest/portgroups", Payload.Object(WireFormat.Xml, "PortGroup", sip), WireFormat.Xml), WireFormat.Xml);
        Assert.StartsWith("SkinnyDevicePrefix: does not apply here: it applies only when TelephonyIntegrationMethodEnum", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WireFormat.Xml, "PortCount", "3", "PortCount: was changed, but it is set by Cisco Unity Connection")]
    [InlineData(WireFormat.Json, "URI", "/vmrest/portgroups/x", "URI: was changed, but it is set by Cisco Unity Connection")]
    [InlineData(WireFormat.Xml, "DisplayName", "Renamed", "DisplayName: was changed, but it is fixed when the object is created")]
    [InlineData(WireFormat.Json, "MediaSwitchObjectId", Seed.PhoneSystem, "MediaSwitchObjectId: was changed, but it is fixed when the object is created")]
    [InlineData(WireFormat.Xml, "HostOrIPAddress", "10.0.0.1", "HostOrIPAddress: was changed, but it is fixed")]
    [InlineData(WireFormat.Json, "DtmfDialInterDigitDelayMs", "501", "DtmfDialInterDigitDelayMs: 501 is outside 0..500")]
    [InlineData(WireFormat.Xml, "MediaCertificateObjectId", "2654ba6a-ae1a-4935-a8ccc1cf7199f695", "MediaCertificateObjectId")]
    [InlineData(WireFormat.Json, "SipAuthenticatePassword", "", "")]
    public async Task Invalid_updates_are_refused_and_change_nothing(WireFormat wire, string field, string value, string expected)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Update", 2);
        var before = cuc.GetObjects("PortGroup").Single();
        var reply = await client.Put("vmrest/portgroups/" + id, Payload.Object(wire, "PortGroup", new() { [field] = value, ["EnableMWI"] = "true" }), wire);
        if (expected.Length == 0)
        {
            // A read/write string may be emptied.
            Assert.Equal(HttpStatusCode.NoContent, reply.Status);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Error(wire).Message, StringComparison.Ordinal);
        Assert.Equal(before, cuc.GetObjects("PortGroup").Single());
    }

    [Theory]
    [InlineData(WireFormat.Xml, "25")]
    [InlineData(WireFormat.Json, "0")]
    [InlineData(WireFormat.Xml, "40")]
    public async Task Codec_packet_size_must_be_10_20_or_30(WireFormat wire, string size)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Codecs", 2);
        var path = $"vmrest/portgroups/{id}/portgroupcodecs";
        var (_, message) = await Refused(client.Post(path, Payload.Object(wire, "PortGroupCodec", new()
        {
            ["RtpCodecDefObjectId"] = Seed.Ilbc,
            ["PreferredPacketSizeMs"] = size,
        }), wire), wire);
        Assert.Equal($"PreferredPacketSizeMs: {size} is not one of 10, 20, 30", message);

        foreach (var good in new[] { "10", "20", "30" })
        {
            var ok = await client.Post(path, Payload.Object(wire, "PortGroupCodec", new() { ["RtpCodecDefObjectId"] = Seed.Ilbc, ["PreferredPacketSizeMs"] = good }), wire);
            Assert.Equal(HttpStatusCode.Created, ok.Status);
        }

        var (code, missing) = await Refused(client.Post(path, Payload.Object(wire, "PortGroupCodec", new() { ["RtpCodecDefObjectId"] = Seed.Ilbc }), wire), wire);
        Assert.Equal("MISSING_PARAMETER", code);
        Assert.Contains("PreferredPacketSizeMs", missing, StringComparison.Ordinal);
        var (_, unknown) = await Refused(client.Post(path, Payload.Object(wire, "PortGroupCodec", new() { ["RtpCodecDefObjectId"] = Guid.NewGuid().ToString(), ["PreferredPacketSizeMs"] = "20" }), wire), wire);
        Assert.Contains("RtpCodecDefObjectId: no RtpCodecDef", unknown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WireFormat.Xml, "<PortGroup><EnableMWI>true</EnableMWI>", "malformed XML")]
    [InlineData(WireFormat.Xml, "<PortGroupServer/>", "expected the root element <PortGroup>")]
    [InlineData(WireFormat.Json, "{\"EnableMWI\": [1]}", "EnableMWI")]
    [InlineData(WireFormat.Json, "", "no PortGroup body")]
    public async Task Unreadable_bodies_are_refused(WireFormat wire, string body, string expected)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var (_, message) = await Refused(client.Post("vmrest/portgroups", body, wire), wire);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WireFormat.Xml, "0")]
    [InlineData(WireFormat.Json, "101")]
    public async Task Reset_is_refused_unless_a_reset_is_required(WireFormat wire, string status)
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Reset", 1);
        Assert.True(cuc.SetField("PortGroup", id, "ResetStatusEnum", status));
        var (_, message) = await Refused(client.Put($"vmrest/portgroups/{id}/reset", null, wire), wire);
        // The endpoint's documented precondition (requires ResetStatusEnum 100) from the table.
        Assert.Contains($"ResetStatusEnum is {status}, and reset is accepted only when it is 100", message, StringComparison.Ordinal);
        Assert.Equal(status, cuc.GetObjects("PortGroup").Single()["ResetStatusEnum"]);
    }

    [Fact]
    public async Task Server_updates_follow_the_server_rules()
    {
        await using var cuc = await CupiEmulator.StartAsync();
        using var client = new Client(cuc);
        var id = await client.CreatePortGroup("Servers", 1);
        var server = cuc.GetObjects("PortGroupServer").Single();
        var (_, message) = await Refused(client.Put(server["URI"], Payload.Object(WireFormat.Xml, "PortGroupServer", new() { ["MediaPortGroupObjectId"] = id }), WireFormat.Xml), WireFormat.Xml);
        Assert.Equal("MediaPortGroupObjectId: was changed, but it is set by Cisco Unity Connection; an update request does not send it", message);
        var (_, port) = await Refused(client.Put(server["URI"], Payload.Object(WireFormat.Json, "PortGroupServer", new() { ["Port"] = "two" }), WireFormat.Json), WireFormat.Json);
        Assert.Contains("Port", port, StringComparison.Ordinal);
    }
}
