// --quick: every comparison briefly, in one process, and results/latest.json with one entry per target.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace CupiGen.Benchmarks;

public static class QuickRun
{
    private sealed record Target(string Key, string What, double? Ratio, double Goal, bool HigherIsBetter, string Note)
    {
        public bool? Met => Ratio is double r ? (HigherIsBetter ? r >= Goal : r <= Goal) : null;
    }

    private sealed record Measured(double MeanNs, double MedianNs, long? AllocatedBytes);

    public static int Run()
    {
        var targets = new List<Target>();
        var measurements = new JsonObject();

        // 1. Serializers: the equivalence checks first (they throw on any disagreement), then a short BenchmarkDotNet job.
        new JsonVsSystemTextJson().Setup();
        new JsonVsNewtonsoft().Setup();
        new XmlVsXmlSerializer().Setup();
        new XmlVsXmlSerializerLean().Setup();
        Console.WriteLine("Equivalence checks passed: every baseline reads the same field values and writes what reads back equal.");

        var stj = RunSuite<JsonVsSystemTextJson>(measurements);
        var newtonsoft = RunSuite<JsonVsNewtonsoft>(measurements);
        var xml = RunSuite<XmlVsXmlSerializer>(measurements);
        var lean = RunSuite<XmlVsXmlSerializerLean>(measurements);

        foreach (var (workload, label) in new[] { ("One", "one"), ("List", "list100") })
        {
            targets.Add(Speedup($"json.read.{label}.vs-stj", $"JSON read ({label}) throughput vs STJ source-gen", stj, "Stj_Read" + workload, "CupiGen_Read" + workload, 1.3));
            targets.Add(Allocation($"json.read.{label}.alloc-vs-stj", $"JSON read ({label}) allocated / STJ's", stj, "Stj_Read" + workload, "CupiGen_Read" + workload, 1.0, strictlyLess: false));
            targets.Add(Speedup($"json.read.{label}.vs-newtonsoft", $"JSON read ({label}) throughput vs Newtonsoft", newtonsoft, "Newtonsoft_Read" + workload, "CupiGen_Read" + workload, 4.0));
            targets.Add(Speedup($"json.write.{label}.vs-stj", $"JSON write ({label}) throughput vs STJ source-gen", stj, "Stj_Write" + workload, "CupiGen_Write" + workload, 1.0));
            targets.Add(Speedup($"xml.read.{label}.vs-xmlserializer", $"XML read ({label}) throughput vs XmlSerializer", xml, "XmlSerializer_Read" + workload, "CupiGen_Read" + workload, 1.5));
            targets.Add(Allocation($"xml.read.{label}.alloc-vs-xmlserializer", $"XML read ({label}) allocated / XmlSerializer's", xml, "XmlSerializer_Read" + workload, "CupiGen_Read" + workload, 1.0, strictlyLess: true));
            targets.Add(Speedup($"xml.write.{label}.vs-xmlserializer", $"XML write ({label}) throughput vs XmlSerializer", xml, "XmlSerializer_Write" + workload, "CupiGen_Write" + workload, 1.5));
            targets.Add(Speedup($"xml.read.{label}.vs-xmlserializer-lean", $"XML read ({label}) throughput vs XmlSerializer over a lean POCO (issue 12)", lean, "XmlSerializer_Read" + workload, "CupiGen_Read" + workload, 1.5));
            targets.Add(Allocation($"xml.write.{label}.alloc-vs-xmlserializer", $"XML write ({label}) allocated / XmlSerializer's", xml, "XmlSerializer_Write" + workload, "CupiGen_Write" + workload, 1.0, strictlyLess: true));
        }

        // 2. Cold start, over repeated process launches.
        Console.WriteLine("Cold start: launching benchmarks/ColdStart …");
        var cold = ColdStart.Measure(runs: 9);
        var floor = cold["none"].WallMs;
        var coldJson = new JsonObject();
        foreach (var (mode, sample) in cold)
        {
            coldJson[mode] = new JsonObject { ["wallMedianMs"] = Round(sample.WallMs), ["inProcessMedianMs"] = Round(sample.InProcessMs), ["overFloorMs"] = Round(sample.WallMs - floor) };
        }

        measurements["coldStart"] = coldJson;
        double Net(string mode) => Math.Max(cold[mode].WallMs - floor, 0.1);
        const string ColdNote = "median wall time of a fresh process (Process.Start to exit) minus the median of mode 'none' (same process, no parse): the serializer's share of the launch; raw medians under measurements.coldStart";
        targets.Add(new Target("coldstart.vs-xmlserializer", "Cold start (XML) / XmlSerializer's", Net("cupigen-xml") / Net("xmlserializer"), 0.25, false, ColdNote));
        targets.Add(new Target("coldstart.vs-newtonsoft", "Cold start (JSON) / Newtonsoft's", Net("cupigen-json") / Net("newtonsoft"), 0.25, false, ColdNote));
        targets.Add(new Target("coldstart.vs-stj", "Cold start (JSON) / STJ source-gen's", Net("cupigen-json") / Net("stj"), 0.5, false, ColdNote));

        // 3. The generators.
        Console.WriteLine("Generators: CSharpGeneratorDriver over the shipped schema (x1, x10, x100) and the STJ generator …");
        var generator = new JsonObject();
        var one = new GeneratorWorkload(1);
        var (cupi1, stj1) = TimePair(one, warmup: 3, runs: 9, withStj: true);
        var ten = new GeneratorWorkload(10);
        var (cupi10, stj10) = TimePair(ten, warmup: 1, runs: 5, withStj: true);
        var hundred = new GeneratorWorkload(100);
        var (cupi100, _) = TimePair(hundred, warmup: 1, runs: 3, withStj: false);
        generator["x1"] = new JsonObject { ["resources"] = one.ResourceCount, ["cupiGenMedianMs"] = Round(cupi1), ["stjMedianMs"] = Round(stj1) };
        generator["x10"] = new JsonObject { ["resources"] = ten.ResourceCount, ["cupiGenMedianMs"] = Round(cupi10), ["stjMedianMs"] = Round(stj10) };
        generator["x100"] = new JsonObject { ["resources"] = hundred.ResourceCount, ["cupiGenMedianMs"] = Round(cupi100) };
        targets.Add(new Target("generator.full-run.vs-stj", "Generator full run (shipped schema) / STJ generator's (equivalent POCOs)", cupi1 / stj1, 1.0, false,
            "median of fresh-driver runs after warm-up; CupiGen emits models with JSON and XML readers/writers, STJ emits JSON metadata/serializers"));
        targets.Add(new Target("generator.scale100.linearity", "Generator x100 schema time / (100 x shipped schema time)", cupi100 / (100 * cupi1), 1.5, false,
            "1.0 is exactly linear; x10 also recorded under measurements.generator"));

        var (driver, compilation) = one.PrimeForEdit();
        var edits = new List<double>();
        var regenerated = 0;
        for (var i = 1; i <= 9; i++)
        {
            var clock = Stopwatch.StartNew();
            (driver, compilation, var count) = GeneratorWorkload.RerunAfterUnrelatedEdit(driver, compilation, i);
            edits.Add(clock.Elapsed.TotalMilliseconds);
            regenerated = Math.Max(regenerated, count);
        }

        generator["unrelatedEdit"] = new JsonObject { ["rerunMedianMs"] = Round(ColdStart.Median(edits)), ["outputsRegenerated"] = regenerated };
        measurements["generator"] = generator;
        targets.Add(new Target("generator.unrelated-edit.regenerated", "Outputs regenerated after an edit to a C# file (not the schema)", regenerated, 0, false,
            "ratio is the number of generated outputs whose step reason was New or Modified (0 = all Cached/Unchanged)"));

        // 4. The client: 100 port groups listed (one page) from the emulator over loopback, vs HttpClient + STJ.
        Console.WriteLine("Client: CupiClient vs HttpClient + STJ against tools/CupiEmulator on 127.0.0.1 …");
        // Milliseconds per operation, not microseconds: more and longer iterations than the serializer suites, so that
        // the median rests on more than a few dozen requests per iteration.
        var client = RunSuite<ClientOverLoopback>(measurements, iterations: 15, iterationMs: 300);
        targets.Add(new Target("client.vs-httpclient-stj", "CupiGen client over loopback / HttpClient + STJ", client["CupiClient_ListPortGroups"].MedianNs / client["HttpClientStj_ListPortGroups"].MedianNs, 1.1, false,
            "time ratio: CupiClient_ListPortGroups median / HttpClientStj_ListPortGroups median over 15 iterations of 300 ms (100 port groups of mixed integration types, one page, JSON, Basic then session cookies; means and allocations under measurements.ClientOverLoopback)"));

        Write(targets, measurements);
        return 0;
    }

    private static Dictionary<string, Measured> RunSuite<T>(JsonObject measurements, int iterations = 7, int iterationMs = 150)
    {
        var job = Job.Dry
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(iterations)
            .WithIterationTime(TimeInterval.FromMilliseconds(iterationMs))
            .WithId("Quick");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CategoriesColumn.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(Path.Combine(Paths.ResultsDirectory, "artifacts"))
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<T>(config);
        var results = new Dictionary<string, Measured>();
        var suite = new JsonObject();
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            if (report.ResultStatistics is null)
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{name} produced no result (see the log above): the run fails.");
            }

            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            results[name] = new Measured(report.ResultStatistics.Mean, report.ResultStatistics.Median, allocated);
            suite[name] = new JsonObject { ["meanNs"] = Round(report.ResultStatistics.Mean), ["medianNs"] = Round(report.ResultStatistics.Median), ["allocatedBytes"] = allocated };
        }

        measurements[typeof(T).Name] = suite;
        return results;
    }

    private static Target Speedup(string key, string what, Dictionary<string, Measured> suite, string baseline, string cupi, double target) =>
        // Medians, not means: a quick run on a shared 2-core machine has outlier iterations; means are recorded too.
        new(key, what, suite[baseline].MedianNs / suite[cupi].MedianNs, target, true, $"throughput ratio: {baseline} median / {cupi} median (means under measurements.{SuiteName(suite)})");

    private static Target Allocation(string key, string what, Dictionary<string, Measured> suite, string baseline, string cupi, double target, bool strictlyLess)
    {
        var ratio = (double)(suite[cupi].AllocatedBytes ?? 0) / Math.Max(1, suite[baseline].AllocatedBytes ?? 0);
        // "allocating less" is strict: an equal allocation misses, so the target sits just below 1.
        return new(key, what, ratio, strictlyLess ? 0.9999 : target, false, $"allocation ratio: {cupi} bytes/op / {baseline} bytes/op{(strictlyLess ? " (must be below 1)" : string.Empty)}");
    }

    private static (double CupiMs, double StjMs) TimePair(GeneratorWorkload workload, int warmup, int runs, bool withStj)
    {
        for (var i = 0; i < warmup; i++)
        {
            workload.RunCupiGen();
            if (withStj)
            {
                workload.RunStj();
            }
        }

        var cupi = new List<double>();
        var stj = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            workload.RunCupiGen();
            cupi.Add(clock.Elapsed.TotalMilliseconds);
            if (withStj)
            {
                clock.Restart();
                workload.RunStj();
                stj.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (ColdStart.Median(cupi), withStj ? ColdStart.Median(stj) : double.NaN);
    }

    private static string SuiteName(Dictionary<string, Measured> suite) =>
        suite.Keys.Any(k => k.StartsWith("Stj_", StringComparison.Ordinal)) ? nameof(JsonVsSystemTextJson)
        : suite.Keys.Any(k => k.StartsWith("Newtonsoft_", StringComparison.Ordinal)) ? nameof(JsonVsNewtonsoft)
        : suite.ContainsKey("XmlSerializer_ReadList") && !suite.ContainsKey("XmlSerializer_WriteList") ? nameof(XmlVsXmlSerializerLean)
        : nameof(XmlVsXmlSerializer);

    private static double Round(double value) => Math.Round(value, 3);

    private static void Write(List<Target> targets, JsonObject measurements)
    {
        var root = new JsonObject
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}",
            ["mode"] = "quick (BenchmarkDotNet in-process, 3 warm-up + 7 iterations of 150 ms (client: 15 of 300 ms), ratios of medians; medians of direct timings for cold start and generators)",
        };
        var entries = new JsonObject();
        foreach (var t in targets)
        {
            entries[t.Key] = new JsonObject
            {
                ["ratio"] = t.Ratio is double r ? Math.Round(r, 3) : null,
                ["target"] = t.Goal,
                ["met"] = t.Met,
                ["better"] = t.HigherIsBetter ? "higher" : "lower",
                ["what"] = t.What,
                ["note"] = t.Note,
            };
        }

        root["targets"] = entries;
        root["measurements"] = measurements;
        Directory.CreateDirectory(Paths.ResultsDirectory);
        var path = Path.Combine(Paths.ResultsDirectory, "latest.json");
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);

        Console.WriteLine();
        Console.WriteLine("| target | ratio | goal | met |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        foreach (var t in targets)
        {
            var goal = (t.HigherIsBetter ? "≥ " : "≤ ") + t.Goal.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
            var ratio = t.Ratio is double r ? r.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "—";
            var met = t.Met switch { true => "met", false => "MISSED", null => "not measured" };
            Console.WriteLine($"| {t.Key} | {ratio} | {goal} | {met} |");
        }

        Console.WriteLine($"Wrote {path}");
    }
}
