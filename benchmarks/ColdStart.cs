// Cold start: time to the first parsed PortGroup in a fresh process, per serializer. The ColdStart console is
// launched N times per mode (modes interleaved, so drift in machine load hits all alike); the median is kept of
// the wall time (Stopwatch around Process.Start … WaitForExit) and of the time the child reports from Main's
// first line to the parsed object. Mode "none" reads the bytes and parses nothing: the process floor.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace CupiGen.Benchmarks;

public static class ColdStart
{
    public static readonly string[] Modes = ["none", "cupigen-json", "cupigen-xml", "stj", "newtonsoft", "xmlserializer"];

    // First writes: counted by --coldstart-instructions only (no baseline writes in the wall-time comparison).
    public static readonly string[] WriteModes = ["cupigen-json-write", "cupigen-xml-write"];

    public readonly record struct Sample(double WallMs, double InProcessMs);

    public static IReadOnlyDictionary<string, Sample> Measure(int runs)
    {
        var exe = Paths.ColdStartExecutable();
        var wall = Modes.ToDictionary(m => m, _ => new List<double>());
        var inner = Modes.ToDictionary(m => m, _ => new List<double>());
        foreach (var mode in Modes)
        {
            Launch(exe, mode); // the first launch of each warms the OS file cache, not the process
        }

        for (var i = 0; i < runs; i++)
        {
            foreach (var mode in Modes)
            {
                var (w, n) = Launch(exe, mode);
                wall[mode].Add(w);
                inner[mode].Add(n);
            }
        }

        return Modes.ToDictionary(m => m, m => new Sample(Median(wall[m]), Median(inner[m])));
    }

    private static (double WallMs, double InProcessMs) Launch(string exe, string mode)
    {
        var info = new ProcessStartInfo(exe, mode)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + exe);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ColdStart {mode} exited with {process.ExitCode}: {output}");
        }

        var parts = output.Trim().Split(' ');
        var ticks = long.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (mode != "none" && !parts[0].StartsWith("PhoneSystem-2", StringComparison.Ordinal) && !parts[0].StartsWith("demo_PhoneSystem_1-1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"ColdStart {mode} parsed the wrong object: {output}");
        }

        return (clock.Elapsed.TotalMilliseconds, TimeSpan.FromTicks(ticks).TotalMilliseconds);
    }

    /// <summary>
    /// Instructions each mode executes, counted by valgrind's callgrind over the whole process (every thread):
    /// repeatable to about 0.1 % whatever else the machine does, where wall times move by a third under load.
    /// Returns null when valgrind is not installed.
    /// </summary>
    public static IReadOnlyDictionary<string, long>? CountInstructions()
    {
        var dll = System.IO.Path.ChangeExtension(Paths.ColdStartExecutable(), ".dll");
        var counts = new Dictionary<string, long>();
        foreach (var mode in Modes.Concat(WriteModes))
        {
            var info = new ProcessStartInfo("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", "dotnet", dll, mode])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("could not start valgrind");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }

            using (process)
            {
                var errors = process.StandardError.ReadToEndAsync();
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                // callgrind's summary line: "==123== I   refs:      154,120,037"
                var line = errors.Result.Split('\n').LastOrDefault(l => l.Contains("I   refs:", StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"callgrind printed no count for {mode}: {errors.Result}");
                counts[mode] = long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            }
        }

        return counts;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
