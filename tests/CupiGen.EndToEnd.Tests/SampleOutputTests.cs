using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using CupiGen.Emulator;

namespace CupiGen.EndToEnd.Tests;

/// <summary>
/// The sample as a person (or a script) reads it: --json lines, --verbose details, the bulk step's summary, and
/// what it says when the server cannot be reached or its certificate is refused. Run as a separate process.
/// </summary>
public sealed class SampleOutputTests
{
    private static readonly string SamplePath = typeof(SampleOutputTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PortGroupAdmin").Value!;

    [Fact]
    public async Task Json_output_is_one_object_per_line_ending_with_the_summary()
    {
        var (exitCode, output, _) = await RunAsync(null, "--json", "--bulk", "30");

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("start", events[0].GetProperty("event").GetString());
        var steps = events.Where(e => e.GetProperty("event").GetString() == "step").ToList();
        Assert.All(steps, s => Assert.True(s.GetProperty("ok").GetBoolean(), s.GetRawText()));
        var summary = events[^1];
        Assert.Equal("summary", summary.GetProperty("event").GetString());
        Assert.Equal(steps.Count, summary.GetProperty("passed").GetInt32());
        Assert.Equal(steps.Count, summary.GetProperty("total").GetInt32());
        var bulk = Assert.Single(steps, s => s.GetProperty("step").GetString() == "bulk: 30 port groups");
        Assert.Matches(@"^30 created, 30 updated, 30 reset, 30 deleted: 120 items \(\d+ requests\) in \d+\.\d\d s, \d+ items/s$", bulk.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Verbose_shows_details_in_full_and_the_default_cuts_them()
    {
        var (_, full, _) = await RunAsync(null, "--verbose", "--bulk", "0");
        var (_, cut, _) = await RunAsync(null, "--bulk", "0");

        var fullLine = Assert.Single(full.Split('\n'), l => l.Contains("reset refused by the server", StringComparison.Ordinal));
        var cutLine = Assert.Single(cut.Split('\n'), l => l.Contains("reset refused by the server", StringComparison.Ordinal));
        // The server's whole message (it ends with the required value) in verbose mode; the same text cut otherwise.
        Assert.EndsWith("100", fullLine.TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("...", cutLine.TrimEnd(), StringComparison.Ordinal);
        var kept = cutLine.TrimEnd()[..^"...".Length];
        Assert.StartsWith(kept, fullLine, StringComparison.Ordinal);
        Assert.True(fullLine.TrimEnd().Length > cutLine.TrimEnd().Length, fullLine);
        Assert.DoesNotContain("bulk:", cut, StringComparison.Ordinal); // --bulk 0 skips the step
    }

    [Fact]
    public async Task A_refused_connection_is_reported_after_one_attempt()
    {
        var watch = Stopwatch.StartNew();
        var (exitCode, output, _) = await RunAsync("x", "--server", "https://127.0.0.1:1", "--user", "admin");

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot reach https://127.0.0.1:1/", output, StringComparison.Ordinal);
        Assert.Contains("one attempt", output, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_refused_certificate_names_pin_with_the_servers_thumbprint_and_the_pin_then_works()
    {
        await using var cuc = await CupiEmulator.StartAsync(new CupiEmulatorOptions { Https = true });
        var thumbprint = cuc.Certificate!.GetCertHashString(HashAlgorithmName.SHA256);
        var server = cuc.BaseAddress.GetLeftPart(UriPartial.Authority);

        var (exitCode, output, _) = await RunAsync(cuc.Password, "--server", server, "--user", cuc.UserName);
        Assert.Equal(1, exitCode);
        Assert.Contains("--pin " + thumbprint, output, StringComparison.Ordinal);

        var (pinned, pinnedOutput, _) = await RunAsync(cuc.Password, "--server", server, "--user", cuc.UserName, "--pin", thumbprint);
        Assert.True(pinned == 0, pinnedOutput);
        Assert.Matches(@"\b(\d+) of \1 steps behaved as documented\.", pinnedOutput);
    }

    [Fact]
    public async Task A_one_letter_password_does_not_fail_the_secret_check()
    {
        // The check compares whole values: 'a' occurs inside many words of the report, never as a value.
        await using var cuc = await CupiEmulator.StartAsync(new CupiEmulatorOptions().WithUser("admin", "a"));
        var (exitCode, output, _) = await RunAsync("a", "--server", cuc.BaseAddress.GetLeftPart(UriPartial.Authority), "--user", "admin");

        Assert.True(exitCode == 0, output);
        Assert.Contains("OK    no secret in this report", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? password, params string[] arguments)
    {
        Assert.True(File.Exists(SamplePath), $"The sample was not built at {SamplePath}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(SamplePath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("CUPI_PASSWORD");
        if (password is not null)
        {
            start.Environment["CUPI_PASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var stderr = await error;
        return (process.ExitCode, await output + stderr, stderr);
    }
}
