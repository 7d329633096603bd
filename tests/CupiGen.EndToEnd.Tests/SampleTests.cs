using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace CupiGen.EndToEnd.Tests;

/// <summary>
/// The README's main command, run as a separate process the way a newcomer runs it: every step must pass in
/// both wire formats, and the exit code must say so.
/// </summary>
public sealed class SampleTests
{
    private static readonly string SamplePath = typeof(SampleTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PortGroupAdmin").Value!;

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task The_sample_runs_every_step_against_the_emulator(string format)
    {
        var (exitCode, output) = await RunSampleAsync("--format", format);

        Assert.True(exitCode == 0, output);
        // "N of N steps": every step, however many the scenario has.
        Assert.Matches(@"\b(\d+) of \1 steps behaved as documented\.", output);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_refuses_a_password_on_the_command_line()
    {
        var (exitCode, output) = await RunSampleAsync("--server", "https://127.0.0.1:1", "--user", "admin", "--password", "S3cret!");

        Assert.Equal(2, exitCode);
        Assert.Contains("CUPI_PASSWORD", output, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret!", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunSampleAsync(params string[] arguments)
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
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }
}
