using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;

namespace CupiGen.Emulator.Tests;

/// <summary>The command-line host (tools/CupiEmulator) as a user runs it: base address, then ready; Ctrl+C stops it.</summary>
public sealed class HostTests
{
    private static readonly string HostDll = typeof(HostTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CupiEmulatorHost").Value!;

    [Fact]
    public async Task The_host_prints_its_address_then_ready_and_serves_with_the_given_account()
    {
        Assert.True(File.Exists(HostDll), HostDll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { HostDll, "--port", "0", "--user", "operator", "--password", "S3cret!" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? string.Empty;
            Assert.StartsWith("CUPI emulator listening on http://127.0.0.1:", first, StringComparison.Ordinal);
            Assert.Contains("(user operator)", first, StringComparison.Ordinal);
            Assert.Equal("ready", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            var address = first["CUPI emulator listening on ".Length..first.IndexOf(' ', "CUPI emulator listening on ".Length)];

            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:S3cret!")));
            var version = await http.GetAsync("vmrest/version");
            Assert.Equal(HttpStatusCode.OK, version.StatusCode);
            Assert.Contains("<name>vmrest</name>", await version.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("GET /vmrest/version -> 200", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:Cisco!123")));
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("vmrest/portgroups")).StatusCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_bad_argument_is_exit_code_2_with_the_usage()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(HostDll);
        start.ArgumentList.Add("--colour");
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("unknown argument '--colour'", error, StringComparison.Ordinal);
        Assert.Contains("usage: CupiEmulator", error, StringComparison.Ordinal);
    }
}
