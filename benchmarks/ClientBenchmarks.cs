// TODO(issue #6, client over loopback): CupiGen's typed client against a hand-written HttpClient + System.Text.Json
// client, both talking to tools/CupiEmulator on 127.0.0.1. Neither Cupi.CupiClient nor a runnable emulator exists yet
// (both are being built), so this suite compiles only with -p:DefineConstants=CUPIGEN_CLIENT_BENCHMARKS once
// they do, and the quick run records the "client.vs-httpclient-stj" target with "met": null and a note.
#if CUPIGEN_CLIENT_BENCHMARKS
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace CupiGen.Benchmarks;

/// <summary>Placeholder: wire Cupi.CupiClient and CupiEmulator here; the baseline is HttpClient + CupiStjContext.</summary>
[MemoryDiagnoser]
public class ClientOverLoopback
{
    [Benchmark(Baseline = true)]
    public Task HttpClientStj_GetPortGroup() => throw new System.NotImplementedException("client benchmark: pending Cupi.CupiClient and tools/CupiEmulator");

    [Benchmark]
    public Task CupiClient_GetPortGroup() => throw new System.NotImplementedException("client benchmark: pending Cupi.CupiClient and tools/CupiEmulator");
}
#endif
