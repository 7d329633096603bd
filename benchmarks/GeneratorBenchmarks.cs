// BenchmarkDotNet suites for the generator (full mode). The quick run times the same workloads directly.
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Benchmarks;

/// <summary>A full generator run: CupiGen over the schema (×1, ×10, ×100) against the STJ generator over equivalent POCOs.</summary>
[MemoryDiagnoser]
public class GeneratorFullRun
{
    private GeneratorWorkload _workload = null!;

    [Params(1, 10, 100)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new GeneratorWorkload(Scale);
        _workload.RunCupiGen();
        _workload.RunStj();
    }

    [Benchmark(Baseline = true)]
    public int SystemTextJsonGenerator() => _workload.RunStj();

    [Benchmark]
    public int CupiGenGenerator() => _workload.RunCupiGen();
}

/// <summary>CupiGen rerun after an edit to a C# file that is not the schema: nothing may be regenerated.</summary>
[MemoryDiagnoser]
public class GeneratorUnrelatedEdit
{
    private GeneratorDriver _driver = null!;
    private CSharpCompilation _compilation = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        (_driver, _compilation) = new GeneratorWorkload(1).PrimeForEdit();
        var (driver, compilation, regenerated) = GeneratorWorkload.RerunAfterUnrelatedEdit(_driver, _compilation, ++_edit);
        if (regenerated != 0)
        {
            throw new System.InvalidOperationException($"an unrelated edit regenerated {regenerated} outputs");
        }

        (_driver, _compilation) = (driver, compilation);
    }

    [Benchmark]
    public int CupiGenRerun()
    {
        var (driver, compilation, regenerated) = GeneratorWorkload.RerunAfterUnrelatedEdit(_driver, _compilation, ++_edit);
        (_driver, _compilation) = (driver, compilation);
        return regenerated;
    }
}
