using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CupiGen.Client.Tests;

/// <summary>Named (keyed) registrations, one per server, options from configuration, and validation on start.</summary>
public sealed class ManyServersTests : IAsyncLifetime
{
    private FakeCupiServer _east = null!;
    private FakeCupiServer _west = null!;

    public async Task InitializeAsync()
    {
        _east = await FakeCupiServer.StartAsync();
        _west = await FakeCupiServer.StartAsync();
        _east.Seed("/vmrest/portgroups", new Dictionary<string, string> { ["ObjectId"] = "pg-1", ["DisplayName"] = "East group" });
        _west.Seed("/vmrest/portgroups", new Dictionary<string, string> { ["ObjectId"] = "pg-1", ["DisplayName"] = "West group" });
    }

    public async Task DisposeAsync()
    {
        await _east.DisposeAsync();
        await _west.DisposeAsync();
    }

    private static void Configure(CupiClientOptions options, FakeCupiServer server)
    {
        options.BaseAddress = server.BaseAddress;
        options.UserName = FakeCupiServer.UserName;
        options.Password = FakeCupiServer.Password;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
    }

    [Fact]
    public async Task Two_named_registrations_each_reach_their_own_server()
    {
        var services = new ServiceCollection();
        services.AddCupiClient("east", o => Configure(o, _east));
        services.AddCupiClient("west", o => Configure(o, _west));
        await using var provider = services.BuildServiceProvider();

        var east = provider.GetRequiredKeyedService<CupiClient>("east");
        var west = provider.GetRequiredKeyedService<CupiClient>("west");
        Assert.Equal("East group", (await east.PortGroups.GetAsync("pg-1")).DisplayName);
        Assert.Equal("West group", (await west.PortGroups.GetAsync("pg-1")).DisplayName);
        Assert.Equal("East group", (await east.PortGroups.GetAsync("pg-1")).DisplayName);

        Assert.Equal(2, _east.Requests.Count);
        Assert.Single(_west.Requests);
        // Each registration has its own session: each server saw Basic credentials once.
        Assert.Equal(1, _east.BasicCount);
        Assert.Equal(1, _west.BasicCount);
        Assert.Null(provider.GetService<CupiClient>()); // no unnamed client was registered
    }

    [Fact]
    public async Task Keyed_clients_are_injected_with_FromKeyedServices()
    {
        var services = new ServiceCollection();
        services.AddCupiClient("east", o => Configure(o, _east));
        services.AddCupiClient("west", o => Configure(o, _west));
        services.AddTransient<TwoSites>();
        await using var provider = services.BuildServiceProvider();

        var sites = provider.GetRequiredService<TwoSites>();
        Assert.Equal(["East group", "West group"], await sites.NamesAsync());
    }

    [Fact]
    public async Task A_stalled_server_does_not_hold_the_other_servers_slots()
    {
        // One slot per server: while east's only request hangs, west must still be served.
        var release = new TaskCompletionSource();
        _east.Intercept = async (context, request) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return false;
        };
        var services = new ServiceCollection();
        services.AddCupiClient("east", o => { Configure(o, _east); o.MaxConcurrentRequestsPerServer = 1; });
        services.AddCupiClient("west", o => { Configure(o, _west); o.MaxConcurrentRequestsPerServer = 1; });
        await using var provider = services.BuildServiceProvider();

        var stalled = provider.GetRequiredKeyedService<CupiClient>("east").PortGroups.GetAsync("pg-1");
        var west = await provider.GetRequiredKeyedService<CupiClient>("west").PortGroups.GetAsync("pg-1").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("West group", west.DisplayName);
        Assert.False(stalled.IsCompleted);
        release.SetResult();
        Assert.Equal("East group", (await stalled).DisplayName);
    }

    [Fact]
    public async Task Options_are_bound_from_configuration_sections()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cupi:East:BaseAddress"] = _east.BaseAddress.ToString(),
            ["Cupi:East:UserName"] = FakeCupiServer.UserName,
            ["Cupi:East:Password"] = FakeCupiServer.Password,
            ["Cupi:East:Format"] = "xml",
            ["Cupi:East:PageSize"] = "25",
            ["Cupi:East:AttemptTimeout"] = "00:00:07",
            ["Cupi:East:PinnedCertificateThumbprints:0"] = "AA:BB",
            ["Cupi:East:PinnedCertificateThumbprints:1"] = "CC:DD",
            ["Cupi:West:BaseAddress"] = _west.BaseAddress.ToString(),
            ["Cupi:West:UserName"] = FakeCupiServer.UserName,
            ["Cupi:West:Password"] = FakeCupiServer.Password,
        }).Build();
        var services = new ServiceCollection();
        services.AddCupiClient("east", configuration.GetSection("Cupi:East"));
        services.AddCupiClient("west", configuration.GetSection("Cupi:West"));
        await using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<CupiClientOptions>>();
        var east = monitor.Get(CupiServiceCollectionExtensions.HttpClientName<CupiClient>("east"));
        Assert.Equal(_east.BaseAddress, east.BaseAddress);
        Assert.Equal(CupiWireFormat.Xml, east.Format);
        Assert.Equal(25, east.PageSize);
        Assert.Equal(TimeSpan.FromSeconds(7), east.AttemptTimeout);
        Assert.Equal(["AA:BB", "CC:DD"], east.PinnedCertificateThumbprints);
        var west = monitor.Get(CupiServiceCollectionExtensions.HttpClientName<CupiClient>("west"));
        Assert.Equal(CupiWireFormat.Json, west.Format);
        Assert.Equal(CupiClientOptions.DefaultPageSize, west.PageSize);

        Assert.Equal("West group", (await provider.GetRequiredKeyedService<CupiClient>("west").PortGroups.GetAsync("pg-1")).DisplayName);
        Assert.Empty(_east.Requests);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_names_its_key_and_not_its_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cupi:BaseAddress"] = _east.BaseAddress.ToString(),
            ["Cupi:PageSize"] = "lots",
        }).Build();
        var services = new ServiceCollection();
        services.AddCupiClient(configuration.GetSection("Cupi"));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CupiClient>());
        Assert.Contains("Cupi:PageSize", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_fail_when_the_host_starts_with_every_problem_named()
    {
        var services = new ServiceCollection();
        services.AddCupiClient("east", o =>
        {
            o.UserName = "admin";
            o.Password = "n0t-in-the-message";
            o.PageSize = 0;
            o.MaxRetryAttempts = -1;
        });
        services.AddCupiClient("west", o => Configure(o, _west));
        await using var provider = services.BuildServiceProvider();

        // What IHost.StartAsync runs for ValidateOnStart.
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.Contains("east", StringComparison.Ordinal) && f.Contains("BaseAddress is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PageSize must be at least 1", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxRetryAttempts cannot be negative", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("west", StringComparison.Ordinal));
        Assert.DoesNotContain("n0t-in-the-message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_registrations_pass_start_validation()
    {
        var services = new ServiceCollection();
        services.AddCupiClient("east", o => Configure(o, _east));
        services.AddCupiClient(o => Configure(o, _west));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("West group", (await provider.GetRequiredService<CupiClient>().PortGroups.GetAsync("pg-1")).DisplayName);
    }

    private sealed class TwoSites([FromKeyedServices("east")] CupiClient east, [FromKeyedServices("west")] CupiClient west)
    {
        public async Task<string[]> NamesAsync() =>
            [(await east.PortGroups.GetAsync("pg-1")).DisplayName ?? "", (await west.PortGroups.GetAsync("pg-1")).DisplayName ?? ""];
    }
}
