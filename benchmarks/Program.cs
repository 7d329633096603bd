// Entry point.
//   --quick                       every comparison, briefly (minutes); writes results/latest.json and prints the table
//   --issue12                     issue 12's hostile shapes at 1 MB and 10 MB: time, allocation, ratios (minutes)
//   --coldstart-instructions      cold start as instructions executed (valgrind callgrind; repeatable under load)
//   --scale-schema N OUT          writes the shipped schema scaled N times to OUT (see SchemaScaler)
//   anything else                 BenchmarkDotNet's switcher over the full suites (e.g. --filter *Json*)
using System;
using System.Linq;
using BenchmarkDotNet.Running;
using CupiGen.Benchmarks;

if (args.Contains("--quick"))
{
    return QuickRun.Run();
}

if (args.Length == 3 && args[0] == "--scale-schema")
{
    SchemaScaler.WriteScaled(System.IO.Path.Combine(Paths.Repository, "schema", "cupi-portgroups.schema.json"), int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
    return 0;
}

if (args.Contains("--issue12"))
{
    return ScalingWorkloads.Run();
}

if (args.Contains("--coldstart-instructions"))
{
    var counts = ColdStart.CountInstructions();
    if (counts is null)
    {
        Console.Error.WriteLine("valgrind is not installed (Debian package valgrind)");
        return 1;
    }

    var floor = counts["none"];
    foreach (var (mode, count) in counts)
    {
        var share = count - floor;

        // The baselines of the quick run's cold-start targets (QuickRun.cs).
        var baseline = mode switch { "cupigen-xml" => "xmlserializer", "cupigen-json" => "stj", _ => null };
        var versus = baseline is null ? string.Empty : $"   vs {baseline,-13} {(double)share / (counts[baseline] - floor):F3}";
        Console.WriteLine($"{mode,-18} {count,13:N0} instructions   above none {share,12:N0}{versus}");
    }

    return 0;
}

if (args.Contains("--coldstart"))
{
    foreach (var (mode, sample) in ColdStart.Measure(runs: 31))
    {
        Console.WriteLine($"{mode,-14} wall {sample.WallMs,8:F1} ms   in-process {sample.InProcessMs,7:F2} ms");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
return 0;
