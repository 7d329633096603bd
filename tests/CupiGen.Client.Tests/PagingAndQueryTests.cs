using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;

namespace CupiGen.Client.Tests;

public sealed class PagingAndQueryTests : IAsyncLifetime
{
    private FakeCupiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeCupiServer.StartAsync();
        _server.Seed("/vmrest/phonesystems", Enumerable.Range(1, 250)
            .Select(i => EndpointTests.Obj($"id-{i:000}", ("DisplayName", $"System {i:000}")))
            .ToArray());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(CupiWireFormat.Json)]
    [InlineData(CupiWireFormat.Xml)]
    public async Task Enumeration_pages_by_100_until_the_total(CupiWireFormat format)
    {
        var client = Clients.For(_server, format);
        var names = new List<string?>();
        await foreach (var system in client.PhoneSystems.ListAsync())
        {
            names.Add(system.DisplayName);
        }

        Assert.Equal(250, names.Count);
        Assert.Equal(250, names.Distinct().Count());
        var queries = _server.Requests.Select(r => r.Query).ToList();
        Assert.Equal(["?rowsPerPage=100&pageNumber=1", "?rowsPerPage=100&pageNumber=2", "?rowsPerPage=100&pageNumber=3"], queries);
    }

    [Fact]
    public async Task Page_size_comes_from_the_options_and_one_page_carries_the_total()
    {
        var client = Clients.For(_server, configure: o => o.PageSize = 50);
        var count = 0;
        await foreach (var _ in client.PhoneSystems.ListAsync())
        {
            count++;
        }

        Assert.Equal(250, count);
        Assert.Equal(5, _server.Requests.Count);

        var page = await client.PhoneSystems.ListPageAsync(pageNumber: 3, rowsPerPage: 100);
        Assert.Equal(50, page.Count);
        Assert.Equal(250, page.Total);
        Assert.Equal("System 201", page[0].DisplayName);
        Assert.Equal("?rowsPerPage=100&pageNumber=3", _server.Requests.Last().Query);
    }

    [Fact]
    public async Task Enumeration_stops_when_cancelled_between_pages()
    {
        var client = Clients.For(_server);
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.PhoneSystems.ListAsync().WithCancellation(cts.Token))
            {
                if (++seen == 100)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.Equal(100, seen);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Query_and_sort_are_encoded_and_understood_by_the_server()
    {
        var client = Clients.For(_server, CupiWireFormat.Xml);
        var query = CupiQuery.StartsWith(nameof(PhoneSystem.DisplayName), "System 01").OrderByDescending(nameof(PhoneSystem.DisplayName));
        var page = await client.PhoneSystems.ListPageAsync(query: query);
        Assert.Equal(10, page.Total);
        Assert.Equal("System 019", page[0].DisplayName);
        Assert.Equal("?rowsPerPage=100&pageNumber=1&query=%28DisplayName%20startswith%20System%2001%29&sort=%28DisplayName%20desc%29", _server.Requests.Last().Query);

        var one = await client.PhoneSystems.ListPageAsync(query: CupiQuery.Is(nameof(PhoneSystem.ObjectId), "id-007"));
        Assert.Equal("System 007", Assert.Single(one).DisplayName);
    }

    [Fact]
    public void Query_values_are_typed_and_escaped()
    {
        Assert.Equal("(EnableMWI is 1)", CupiQuery.Is("EnableMWI", true).Filter);
        Assert.Equal("(EnableMWI is 0)", CupiQuery.Is("EnableMWI", false).Filter);
        Assert.Equal("(TelephonyIntegrationMethodEnum is 2)", CupiQuery.Is("TelephonyIntegrationMethodEnum", TelephonyIntegrationMethod.Sip).Filter);
        Assert.Equal("(PortCount is 24)", CupiQuery.Is("PortCount", 24).Filter);
        Assert.Equal("query=%28DisplayName%20is%20a%26b%3Dc%2Bd%23%25%29", CupiQuery.Is("DisplayName", "a&b=c+d#%").ToQueryString());
        Assert.Equal("sort=%28DisplayName%20asc%29", CupiQuery.SortedBy("DisplayName").ToQueryString());
        Assert.Null(CupiQuery.SortedBy("DisplayName").Filter);
        Assert.Throws<ArgumentException>(() => CupiQuery.Is("Display Name)", "x"));
        Assert.Throws<ArgumentException>(() => CupiQuery.Is("DisplayName", "line\nbreak"));
        Assert.Throws<ArgumentException>(() => CupiQuery.SortedBy(""));
    }
}
