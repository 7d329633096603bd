using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;

namespace CupiGen.EndToEnd.Tests;

/// <summary>Every documented way a request fails: on the server (CupiApiException) or before sending (CupiValidationException).</summary>
public sealed class ErrorTests
{
    [Theory, BothFormats]
    public async Task An_unknown_port_group_is_404_with_status_code_message_method_and_path(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var portGroups = cuc.Client.PortGroups;

        var get = await Assert.ThrowsAsync<CupiApiException>(() => portGroups.GetAsync(Seed.Unknown));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("NOT_FOUND", get.ErrorCode);
        Assert.Contains(Seed.Unknown, get.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(("GET", "/vmrest/portgroups/" + Seed.Unknown), (get.Method, get.Path));
        Assert.Contains("404", get.Message, StringComparison.Ordinal);
        Assert.Contains("NOT_FOUND", get.Message, StringComparison.Ordinal);

        var update = await Assert.ThrowsAsync<CupiApiException>(() => portGroups.UpdateAsync(Seed.Unknown, new PortGroup { EnableMWI = true }));
        Assert.Equal((HttpStatusCode.NotFound, "PUT", "/vmrest/portgroups/" + Seed.Unknown), (update.StatusCode, update.Method, update.Path));

        var delete = await Assert.ThrowsAsync<CupiApiException>(() => portGroups.DeleteAsync(Seed.Unknown));
        Assert.Equal((HttpStatusCode.NotFound, "DELETE"), (delete.StatusCode, delete.Method));

        var reset = await Assert.ThrowsAsync<CupiApiException>(() => portGroups.ResetAsync(Seed.Unknown));
        Assert.Equal((HttpStatusCode.NotFound, "PUT", "/vmrest/portgroups/" + Seed.Unknown + "/reset"), (reset.StatusCode, reset.Method, reset.Path));
    }

    [Theory, BothFormats]
    public async Task Children_of_an_unknown_port_group_are_404_and_its_lists_empty(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var servers = cuc.Client.PortGroups.Servers(Seed.Unknown);
        var codecs = cuc.Client.PortGroups.Codecs(Seed.Unknown);

        // A real server lists nothing under an unknown parent (200, total 0) rather than 404.
        Assert.Equal(0, (await servers.ListPageAsync()).Total);
        Assert.Equal(0, (await codecs.ListPageAsync()).Total);

        var failures = new[]
        {
            await Assert.ThrowsAsync<CupiApiException>(() => servers.GetAsync(Seed.Unknown)),
            await Assert.ThrowsAsync<CupiApiException>(() => servers.AddAsync(new PortGroupServer { HostOrIPAddress = "10.0.0.1", Port = 5060 })),
            await Assert.ThrowsAsync<CupiApiException>(() => servers.UpdateAsync(Seed.Unknown, new PortGroupServer { Port = 1 })),
            await Assert.ThrowsAsync<CupiApiException>(() => servers.DeleteAsync(Seed.Unknown)),
            await Assert.ThrowsAsync<CupiApiException>(() => codecs.AddAsync(new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 20 })),
            await Assert.ThrowsAsync<CupiApiException>(() => codecs.DeleteAsync(Seed.Unknown)),
        };

        Assert.All(failures, ex => Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode));
        Assert.All(failures, ex => Assert.StartsWith("/vmrest/portgroups/" + Seed.Unknown + "/portgroup", ex.Path, StringComparison.Ordinal));
        Assert.All(failures, ex => Assert.Contains("PortGroup", ex.ErrorMessage, StringComparison.Ordinal));
        Assert.Empty(cuc.Emulator.GetObjects("PortGroupServer"));
        Assert.Empty(cuc.Emulator.GetObjects("PortGroupCodec"));
    }

    [Theory, BothFormats]
    public async Task A_reference_to_no_object_passes_the_client_and_the_server_answers_400_naming_the_field(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        // A well-formed id: the client validator cannot know that no phone system has it.
        var request = Requests.Sccp("Dangling");
        request.MediaSwitchObjectId = Seed.Unknown;

        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.CreateAsync(request));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("INVALID_PARAMETER", ex.ErrorCode);
        Assert.Contains("MediaSwitchObjectId", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(("POST", "/vmrest/portgroups"), (ex.Method, ex.Path));
        Assert.Equal(1, cuc.Wire.Count); // sent once: the request did reach the server
        Assert.Empty(cuc.Emulator.GetObjects("PortGroup"));
    }

    [Theory, BothFormats]
    public async Task A_template_of_another_integration_method_is_a_400_naming_the_field(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        // x-cupi-matches: the client checks it only with a CupiValidationContext that knows the template.
        var request = Requests.Sccp("Mismatched");
        request.MediaPortGroupTemplateObjectId = Seed.SipTemplate;

        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.CreateAsync(request));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("TelephonyIntegrationMethodEnum", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CopyTelephonyIntegrationMethodEnum", ex.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory, BothFormats]
    public async Task A_server_answer_400_to_an_update_leaves_the_changes_pending(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Profiled");
        var portGroup = await cuc.Client.PortGroups.GetAsync(id);
        portGroup.MediaSipSecurityProfileObjectId = Seed.Unknown;

        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.UpdateAsync(portGroup));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("MediaSipSecurityProfileObjectId", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.True(portGroup.IsChanged(nameof(PortGroup.MediaSipSecurityProfileObjectId)));
        Assert.Equal(ResetStatus.NotRequired, (await cuc.Client.PortGroups.GetAsync(id)).ResetStatusEnum);
    }

    [Theory, BothFormats]
    public async Task Reset_at_0_is_refused_by_the_client_without_sending_and_by_the_server_when_sent_by_id(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Fresh");
        var portGroup = await cuc.Client.PortGroups.GetAsync(id);
        Assert.Equal(ResetStatus.NotRequired, portGroup.ResetStatusEnum);
        var traffic = cuc.Traffic;

        var refused = await Assert.ThrowsAsync<CupiValidationException>(() => cuc.Client.PortGroups.ResetAsync(portGroup));

        Assert.Equal(traffic, cuc.Traffic);
        var problem = Assert.Single(refused.Result.Errors);
        Assert.Equal(("ResetStatusEnum", "0", "100"), (problem.Field, problem.Value, problem.Limit));
        Assert.Contains("ResetStatusEnum", refused.Message, StringComparison.Ordinal);

        // The id overload cannot check; the server refuses, as the document's note says.
        var server = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.ResetAsync(id));
        Assert.Equal(HttpStatusCode.BadRequest, server.StatusCode);
        Assert.Contains("ResetStatusEnum is 0", server.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(("PUT", "/vmrest/portgroups/" + id + "/reset"), (server.Method, server.Path));
    }

    [Theory, BothFormats]
    public async Task Reset_at_101_in_progress_is_refused_by_the_client_and_by_the_server(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Resetting");
        Assert.True(cuc.Emulator.SetField("PortGroup", id, "ResetStatusEnum", "101"));
        var portGroup = await cuc.Client.PortGroups.GetAsync(id);
        Assert.Equal(ResetStatus.InProgress, portGroup.ResetStatusEnum);
        var traffic = cuc.Traffic;

        var refused = await Assert.ThrowsAsync<CupiValidationException>(() => cuc.Client.PortGroups.ResetAsync(portGroup));
        Assert.Equal(traffic, cuc.Traffic);
        Assert.Equal("101", Assert.Single(refused.Result.Errors).Value);

        var server = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.ResetAsync(id));
        Assert.Equal(HttpStatusCode.BadRequest, server.StatusCode);
        Assert.Contains("ResetStatusEnum is 101", server.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("101", cuc.Emulator.GetObjects("PortGroup").Single()["ResetStatusEnum"]);
    }

    [Theory, BothFormats]
    public async Task Reset_of_a_port_group_not_read_from_the_server_is_refused_without_sending(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Unread");
        var traffic = cuc.Traffic;

        var refused = await Assert.ThrowsAsync<CupiValidationException>(() => cuc.Client.PortGroups.ResetAsync(new PortGroup { ObjectId = id }));

        Assert.Equal(traffic, cuc.Traffic);
        Assert.Contains("not present", Assert.Single(refused.Result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory, BothFormats]
    public async Task An_invalid_create_throws_CupiValidationException_and_nothing_is_sent(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var traffic = cuc.Traffic;
        var request = Requests.Sccp("Invalid");
        request.MwiMaxConcurrentRequests = 300;       // 0..250
        request.HostOrIPAddress = null;                // required on create

        var ex = await Assert.ThrowsAsync<CupiValidationException>(() => cuc.Client.PortGroups.CreateAsync(request));

        Assert.Equal(traffic, cuc.Traffic);
        Assert.Equal(0, cuc.Emulator.RequestCount);
        var fields = ex.Result.Errors.Select(e => e.Field).ToHashSet();
        Assert.Equal(["HostOrIPAddress", "MwiMaxConcurrentRequests"], fields.Order());
        Assert.Contains("MwiMaxConcurrentRequests", ex.Message, StringComparison.Ordinal);
        Assert.Empty(cuc.Emulator.GetObjects("PortGroup"));
    }

    [Theory, BothFormats]
    public async Task An_invalid_update_throws_CupiValidationException_and_nothing_is_sent(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Original");
        var portGroup = await cuc.Client.PortGroups.GetAsync(id);
        var traffic = cuc.Traffic;

        portGroup.DisplayName = "Renamed";             // create-only
        var createOnly = await Assert.ThrowsAsync<CupiValidationException>(() => cuc.Client.PortGroups.UpdateAsync(portGroup));
        Assert.Equal(CupiRule.CreateOnly, Assert.Single(createOnly.Result.Errors).Rule);

        var readOnly = await Assert.ThrowsAsync<CupiValidationException>(() =>
            cuc.Client.PortGroups.Servers(id).UpdateAsync(Seed.Unknown, new PortGroupServer { MediaPortGroupObjectId = id }));
        Assert.Equal(("MediaPortGroupObjectId", CupiRule.ReadOnly), (Assert.Single(readOnly.Result.Errors).Field, readOnly.Result.Errors.Single().Rule));

        var codec = await Assert.ThrowsAsync<CupiValidationException>(() =>
            cuc.Client.PortGroups.Codecs(id).AddAsync(new PortGroupCodec { RtpCodecDefObjectId = Seed.G729, PreferredPacketSizeMs = 25 }));
        Assert.Equal("PreferredPacketSizeMs", Assert.Single(codec.Result.Errors).Field);

        Assert.Equal(traffic, cuc.Traffic);
        Assert.Equal("Original", cuc.Emulator.GetObjects("PortGroup").Single()["DisplayName"]);
    }

    [Theory, BothFormats]
    public async Task Wrong_credentials_are_401_and_tried_once(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format, options => options.Password = "not-the-password");

        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PhoneSystems.GetAsync(Seed.PhoneSystem));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("UNAUTHORIZED", ex.ErrorCode);
        Assert.Equal(("GET", "/vmrest/phonesystems/" + Seed.PhoneSystem), (ex.Method, ex.Path));
        Assert.Equal(1, cuc.Emulator.RequestCount);
        Assert.Equal(1, cuc.Emulator.BasicAuthenticationCount);
        Assert.Equal(0, cuc.Emulator.SessionsOpened);
        Assert.DoesNotContain("not-the-password", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory, BothFormats]
    public async Task Secrets_never_appear_in_exceptions(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(cuc.Emulator.UserName + ":" + cuc.Emulator.Password));
        string[] secrets = [Requests.SipPassword, cuc.Emulator.Password, basic];

        // The server refuses a request that carries the SIP password (and, as the first request, Basic credentials).
        var request = Requests.Sip("Secret");
        request.MediaCertificateObjectId = Seed.Unknown;
        var api = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.CreateAsync(request));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("Basic", cuc.Wire.Last.AuthorizationScheme);
        Assert.Contains(Requests.SipPassword, cuc.Wire.Last.Body!, StringComparison.Ordinal); // it was on the wire…

        // The client refuses a request whose secret itself is invalid (too long), and one invalid elsewhere.
        var tooLong = Requests.Sip("Secret");
        tooLong.SipAuthenticatePassword = string.Concat(Enumerable.Repeat(Requests.SipPassword, 10));
        var secretInvalid = await Assert.ThrowsAsync<CupiValidationException>(() => cuc.Client.PortGroups.CreateAsync(tooLong));
        Assert.Equal("SipAuthenticatePassword", Assert.Single(secretInvalid.Result.Errors).Field);

        var otherInvalid = Requests.Sip("Secret");
        otherInvalid.OutgoingGuardTimeMs = -1;
        var validation = await Assert.ThrowsAsync<CupiValidationException>(() => cuc.Client.PortGroups.CreateAsync(otherInvalid));

        // …but in no exception's text.
        foreach (var ex in new Exception[] { api, secretInvalid, validation })
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
            }
        }

        Assert.All(secretInvalid.Result.Problems, p => Assert.DoesNotContain(Requests.SipPassword, p.Value ?? string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain(Requests.SipPassword, secretInvalid.Result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Requests.SipPassword, otherInvalid.ToString(), StringComparison.Ordinal);
    }
}
