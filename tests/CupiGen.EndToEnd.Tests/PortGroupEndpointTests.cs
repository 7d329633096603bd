using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;

namespace CupiGen.EndToEnd.Tests;

/// <summary>Every method of <c>client.PortGroups</c> against the emulator.</summary>
public sealed class PortGroupEndpointTests
{
    [Theory, BothFormats]
    public async Task Requests_and_responses_use_the_configured_format(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        await cuc.CreateSccpAsync("Format");
        await cuc.Client.PortGroups.ListPageAsync();

        var media = format == CupiWireFormat.Json ? "application/json" : "application/xml";
        var post = cuc.Wire.All.Single(r => r.Method == "POST");
        Assert.Equal(media, post.ContentType);
        Assert.StartsWith(format == CupiWireFormat.Json ? "{" : "<PortGroup>", post.Body!.TrimStart(), StringComparison.Ordinal);
        Assert.All(cuc.Wire.All, r => Assert.Equal(media, r.Accept));
    }

    [Theory, BothFormats]
    public async Task CreateAsync_returns_the_id_of_a_port_group_that_GetAsync_reads(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("PhoneSystem-6");

        Assert.True(Guid.TryParse(id, out _), id);
        var post = cuc.Wire.Last;
        Assert.Equal(("POST", "/vmrest/portgroups", 201), (post.Method, post.PathAndQuery, post.Status));

        var read = await cuc.Client.PortGroups.GetAsync(id);
        Assert.Equal(id, read.ObjectId);
        Assert.Equal("/vmrest/portgroups/" + id, read.URI);
        Assert.Equal("PhoneSystem-6", read.DisplayName);
        Assert.Equal(TelephonyIntegrationMethod.Sccp, read.TelephonyIntegrationMethodEnum);
        // Server-set fields: the phone system's name and link, and no reset pending.
        Assert.Equal(Seed.PhoneSystemName, read.MediaSwitchDisplayName);
        Assert.Equal("/vmrest/phonesystems/" + Seed.PhoneSystem, read.PhoneSystemURI);
        Assert.Equal("/vmrest/portgroups/" + id + "/portgroupservers", read.PortGroupServerURI);
        Assert.Equal(ResetStatus.NotRequired, read.ResetStatusEnum);
        Assert.False(read.HasChanges);
    }

    [Theory, BothFormats]
    public async Task CreateForPhoneSystemAsync_posts_under_the_phone_system(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var request = Requests.Sccp("Added");
        var id = await cuc.Client.PortGroups.CreateForPhoneSystemAsync(Seed.PhoneSystem, request);

        Assert.Equal("/vmrest/portgroups/" + Seed.PhoneSystem, cuc.Wire.Last.PathAndQuery);
        var read = await cuc.Client.PortGroups.GetAsync(id);
        Assert.Equal(Seed.PhoneSystem, read.MediaSwitchObjectId);
        Assert.Equal("Added", read.DisplayName);
    }

    [Theory, BothFormats]
    public async Task CreateForPhoneSystemAsync_with_an_unknown_phone_system_is_404(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.CreateForPhoneSystemAsync(Seed.Unknown, Requests.Sccp("Nowhere")));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains(Seed.Unknown, ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(cuc.Emulator.GetObjects("PortGroup"));
    }

    [Theory, BothFormats]
    public async Task ListAsync_and_ListPageAsync_return_every_port_group(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var ids = new HashSet<string> { await cuc.CreateSccpAsync("A"), await cuc.CreateSccpAsync("B"), await cuc.Client.PortGroups.CreateAsync(Requests.Sip("C")) };

        var listed = await ToListAsync(cuc.Client.PortGroups.ListAsync());
        Assert.Equal(ids, listed.Select(p => p.ObjectId!).ToHashSet());
        Assert.All(listed, p => Assert.False(p.HasChanges));

        var page = await cuc.Client.PortGroups.ListPageAsync();
        Assert.Equal(3, page.Total);
        Assert.Equal(ids, page.Select(p => p.ObjectId!).ToHashSet());
        Assert.Contains("rowsPerPage=100", cuc.Wire.Last.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory, BothFormats]
    public async Task A_list_of_one_and_an_empty_list_are_read(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        Assert.Empty(await ToListAsync(cuc.Client.PortGroups.ListAsync()));
        var empty = await cuc.Client.PortGroups.ListPageAsync();
        Assert.Equal((0, 0), (empty.Count, empty.Total));

        var id = await cuc.CreateSccpAsync("Only");
        var one = await cuc.Client.PortGroups.ListPageAsync();
        Assert.Equal((1, 1), (one.Count, one.Total));
        Assert.Equal(id, one[0].ObjectId);
    }

    [Theory, BothFormats]
    public async Task UpdateAsync_by_object_and_by_id_change_the_stored_port_group(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Updated");

        var portGroup = await cuc.Client.PortGroups.GetAsync(id);
        portGroup.EnableMWI = false;
        await cuc.Client.PortGroups.UpdateAsync(portGroup);
        Assert.Equal(("PUT", "/vmrest/portgroups/" + id, 204), (cuc.Wire.Last.Method, cuc.Wire.Last.PathAndQuery, cuc.Wire.Last.Status));
        Assert.False(portGroup.HasChanges);

        await cuc.Client.PortGroups.UpdateAsync(id, new PortGroup { OutgoingGuardTimeMs = 4321 });

        var read = await cuc.Client.PortGroups.GetAsync(id);
        Assert.False(read.EnableMWI);
        Assert.Equal(4321, read.OutgoingGuardTimeMs);
    }

    [Theory, BothFormats]
    public async Task UpdateAsync_sends_only_the_changed_fields_and_the_server_then_requires_a_reset(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.Client.PortGroups.CreateAsync(Requests.Sip("Changed"));
        var portGroup = await cuc.Client.PortGroups.GetAsync(id);
        Assert.Equal(ResetStatus.NotRequired, portGroup.ResetStatusEnum);

        portGroup.MwiMaxConcurrentRequests = 9;
        portGroup.SipDoSRTP = false;
        await cuc.Client.PortGroups.UpdateAsync(portGroup);

        var sent = cuc.Wire.Last.BodyFields(format);
        Assert.Equal(
            new Dictionary<string, string> { ["MwiMaxConcurrentRequests"] = "9", ["SipDoSRTP"] = "false" },
            sent.ToDictionary(f => f.Key, f => f.Value));

        var read = await cuc.Client.PortGroups.GetAsync(id);
        Assert.Equal(ResetStatus.Required, read.ResetStatusEnum);
        Assert.Equal(100, (int)read.ResetStatusEnum!);
        Assert.Equal(9, read.MwiMaxConcurrentRequests);
        Assert.False(read.SipDoSRTP);
        Assert.Equal(Requests.SipPassword, read.SipAuthenticatePassword); // untouched fields stay
    }

    [Theory, BothFormats]
    public async Task ResetAsync_at_100_resets_and_the_status_returns_to_0(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var id = await cuc.CreateSccpAsync("Reset");
        await cuc.Client.PortGroups.UpdateAsync(id, new PortGroup { EnableAGC = false }); // default true

        var portGroup = await cuc.Client.PortGroups.GetAsync(id);
        Assert.Equal(ResetStatus.Required, portGroup.ResetStatusEnum);
        await cuc.Client.PortGroups.ResetAsync(portGroup);

        var reset = cuc.Wire.Last;
        Assert.Equal(("PUT", "/vmrest/portgroups/" + id + "/reset", 204), (reset.Method, reset.PathAndQuery, reset.Status));
        Assert.True(string.IsNullOrEmpty(reset.Body));
        Assert.Equal(ResetStatus.NotRequired, (await cuc.Client.PortGroups.GetAsync(id)).ResetStatusEnum);

        // By id (no precondition check on the client side): accepted again after another change.
        await cuc.Client.PortGroups.UpdateAsync(id, new PortGroup { EnableAGC = true });
        await cuc.Client.PortGroups.ResetAsync(id);
        Assert.Equal(ResetStatus.NotRequired, (await cuc.Client.PortGroups.GetAsync(id)).ResetStatusEnum);
    }

    [Theory, BothFormats]
    public async Task DeleteAsync_removes_the_port_group(CupiWireFormat format)
    {
        await using var cuc = await Cuc.StartAsync(format);
        var kept = await cuc.CreateSccpAsync("Kept");
        var id = await cuc.CreateSccpAsync("Deleted");

        await cuc.Client.PortGroups.DeleteAsync(id);

        Assert.Equal(("DELETE", "/vmrest/portgroups/" + id, 204), (cuc.Wire.Last.Method, cuc.Wire.Last.PathAndQuery, cuc.Wire.Last.Status));
        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.GetAsync(id));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(kept, Assert.Single(await ToListAsync(cuc.Client.PortGroups.ListAsync())).ObjectId);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
