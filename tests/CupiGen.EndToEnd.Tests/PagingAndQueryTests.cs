using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Cupi;
using CupiGen.EndToEnd.Tests.Infrastructure;
using static CupiGen.EndToEnd.Tests.PortGroupEndpointTests;

namespace CupiGen.EndToEnd.Tests;

/// <summary>Paging through IAsyncEnumerable with a small page size, and CupiQuery filters and sort orders.</summary>
public sealed class PagingAndQueryTests
{
    private static async Task<Cuc> WithPortGroupsAsync(CupiWireFormat format, int pageSize, params string[] names)
    {
        var cuc = await Cuc.StartAsync(format, options => options.PageSize = pageSize);
        foreach (var name in names)
        {
            await cuc.CreateSccpAsync(name);
        }

        return cuc;
    }

    [Theory, BothFormats]
    public async Task ListAsync_requests_page_after_page_as_the_enumeration_proceeds(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 3, "G1", "G2", "G3", "G4", "G5", "G6", "G7");
        var before = cuc.Wire.Count;

        var names = await ToListAsync(cuc.Client.PortGroups.ListAsync(CupiQuery.SortedBy(nameof(PortGroup.DisplayName))));

        Assert.Equal(["G1", "G2", "G3", "G4", "G5", "G6", "G7"], names.Select(p => p.DisplayName));
        Assert.Equal(
            [
                "/vmrest/portgroups?rowsPerPage=3&pageNumber=1&sort=%28DisplayName%20asc%29",
                "/vmrest/portgroups?rowsPerPage=3&pageNumber=2&sort=%28DisplayName%20asc%29",
                "/vmrest/portgroups?rowsPerPage=3&pageNumber=3&sort=%28DisplayName%20asc%29",
            ],
            cuc.Wire.Since(before).Select(r => r.PathAndQuery));
    }

    [Theory, BothFormats]
    public async Task ListAsync_stops_after_a_full_last_page_without_asking_for_an_empty_one(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 2, "A", "B", "C", "D");
        var before = cuc.Wire.Count;

        Assert.Equal(4, (await ToListAsync(cuc.Client.PortGroups.ListAsync())).Count);
        Assert.Equal(2, cuc.Wire.Count - before);
    }

    [Theory, BothFormats]
    public async Task ListAsync_fetches_only_the_pages_consumed(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 2, "A", "B", "C", "D", "E");
        var before = cuc.Wire.Count;

        await foreach (var portGroup in cuc.Client.PortGroups.ListAsync())
        {
            Assert.NotNull(portGroup.ObjectId);
            break;
        }

        Assert.Equal(1, cuc.Wire.Count - before);
    }

    [Theory, BothFormats]
    public async Task ListPageAsync_returns_one_page_and_the_total(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 100, "A", "B", "C", "D", "E");
        var query = CupiQuery.SortedBy(nameof(PortGroup.DisplayName), descending: true);

        var second = await cuc.Client.PortGroups.ListPageAsync(pageNumber: 2, rowsPerPage: 2, query: query);
        Assert.Equal(["C", "B"], second.Select(p => p.DisplayName));
        Assert.Equal(5, second.Total);

        var beyond = await cuc.Client.PortGroups.ListPageAsync(pageNumber: 4, rowsPerPage: 2);
        Assert.Empty(beyond);
        Assert.Equal(5, beyond.Total);
    }

    [Theory, BothFormats]
    public async Task StartsWith_and_Is_filter_on_the_server(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 2, "PhoneSystem-1", "PhoneSystem-2", "Other", "PhoneSystem-3");

        var starting = await ToListAsync(cuc.Client.PortGroups.ListAsync(
            CupiQuery.StartsWith(nameof(PortGroup.DisplayName), "PhoneSystem").OrderByDescending(nameof(PortGroup.DisplayName))));
        Assert.Equal(["PhoneSystem-3", "PhoneSystem-2", "PhoneSystem-1"], starting.Select(p => p.DisplayName));
        Assert.Contains("query=%28DisplayName%20startswith%20PhoneSystem%29", cuc.Wire.Last.PathAndQuery, StringComparison.Ordinal);

        var exact = await cuc.Client.PortGroups.ListPageAsync(query: CupiQuery.Is(nameof(PortGroup.DisplayName), "Other"));
        Assert.Equal("Other", Assert.Single(exact).DisplayName);
        Assert.Equal(1, exact.Total);
    }

    [Theory, BothFormats]
    public async Task Enum_and_boolean_filters_are_sent_as_numbers(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 100, "Sccp");
        var sipId = await cuc.Client.PortGroups.CreateAsync(Requests.Sip("Sip"));
        await cuc.Client.PortGroups.UpdateAsync(sipId, new PortGroup { EnableAGC = false });

        var sip = await ToListAsync(cuc.Client.PortGroups.ListAsync(CupiQuery.Is(nameof(PortGroup.TelephonyIntegrationMethodEnum), TelephonyIntegrationMethod.Sip)));
        Assert.Equal(sipId, Assert.Single(sip).ObjectId);
        Assert.Contains("TelephonyIntegrationMethodEnum%20is%202", cuc.Wire.Last.PathAndQuery, StringComparison.Ordinal);

        var noAgc = await ToListAsync(cuc.Client.PortGroups.ListAsync(CupiQuery.Is(nameof(PortGroup.EnableAGC), false)));
        Assert.Equal(sipId, Assert.Single(noAgc).ObjectId);
        Assert.Contains("EnableAGC%20is%200", cuc.Wire.Last.PathAndQuery, StringComparison.Ordinal);

        var needReset = await ToListAsync(cuc.Client.PortGroups.ListAsync(CupiQuery.Is(nameof(PortGroup.ResetStatusEnum), ResetStatus.Required)));
        Assert.Equal(sipId, Assert.Single(needReset).ObjectId);
    }

    [Theory, BothFormats]
    public async Task Integer_columns_sort_as_numbers(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 100, "X");
        var id = (await ToListAsync(cuc.Client.PortGroups.ListAsync())).Single().ObjectId!;
        var servers = cuc.Client.PortGroups.Servers(id);
        await servers.AddAsync(new PortGroupServer { HostOrIPAddress = "10.0.0.2", Port = 10000, Precedence = 2 });
        await servers.AddAsync(new PortGroupServer { HostOrIPAddress = "10.0.0.3", Port = 9, Precedence = 1 });

        var byPort = await ToListAsync(servers.ListAsync(CupiQuery.SortedBy(nameof(PortGroupServer.Port))));
        Assert.Equal([9, 2000, 10000], byPort.Select(s => s.Port!.Value));

        var filtered = await ToListAsync(servers.ListAsync(CupiQuery.StartsWith(nameof(PortGroupServer.HostOrIPAddress), "10.0.0.").OrderByDescending(nameof(PortGroupServer.Precedence))));
        Assert.Equal(["10.0.0.2", "10.0.0.3"], filtered.Select(s => s.HostOrIPAddress));
    }

    [Theory, BothFormats]
    public async Task An_unknown_query_column_is_a_400_that_names_it(CupiWireFormat format)
    {
        await using var cuc = await WithPortGroupsAsync(format, 100, "A");
        var ex = await Assert.ThrowsAsync<CupiApiException>(() => cuc.Client.PortGroups.ListPageAsync(query: CupiQuery.Is("NoSuchColumn", "x")));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("INVALID_PARAMETER", ex.ErrorCode);
        Assert.Contains("NoSuchColumn", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("GET", ex.Method);
        Assert.StartsWith("/vmrest/portgroups?", ex.Path, StringComparison.Ordinal);
    }
}
