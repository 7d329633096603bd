using System;
using System.IO;
using System.Linq;
using System.Text;
using CupiGen.Generator.Tests.Infrastructure;

namespace CupiGen.Generator.Tests;

/// <summary>
/// The generated sources for the shipped schema, compared with the files in Baselines/. Set
/// CUPIGEN_UPDATE_BASELINES=1 to rewrite the baselines in the source tree instead of failing.
/// </summary>
public class BaselineTests
{
    private const string Extension = ".txt";

    private static bool Updating =>
        string.Equals(Environment.GetEnvironmentVariable("CUPIGEN_UPDATE_BASELINES"), "1", StringComparison.Ordinal);

    [Fact]
    public void Generated_sources_match_the_baselines()
    {
        var run = GeneratorHarness.Run(TestSchemas.Shipped());
        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.Sources);

        var directory = TestPaths.BaselineDirectory;
        if (Updating)
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.GetFiles(directory, "*" + Extension))
            {
                File.Delete(stale);
            }

            foreach (var source in run.Sources)
            {
                File.WriteAllText(Path.Combine(directory, source.HintName + Extension), TextDiff.Normalize(WithBaselineVersion(source.SourceText.ToString())), new UTF8Encoding(false));
            }

            return;
        }

        var failures = new StringBuilder();
        foreach (var source in run.Sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, source.HintName + Extension);
            if (!File.Exists(file))
            {
                failures.AppendLine($"{source.HintName}: no baseline file {file}.");
                continue;
            }

            if (TextDiff.FirstDifference(File.ReadAllText(file), WithBaselineVersion(source.SourceText.ToString())) is { } difference)
            {
                failures.AppendLine($"{source.HintName} differs from its baseline. {difference}");
            }
        }

        Assert.True(
            failures.Length == 0,
            failures + "Run the tests with CUPIGEN_UPDATE_BASELINES=1 to accept the new output, then review the diff.");
    }

    [Fact]
    public void Every_baseline_file_is_a_generated_source()
    {
        var run = GeneratorHarness.Run(TestSchemas.Shipped());
        var generated = run.Sources.Select(s => s.HintName + Extension).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var baselines = Directory.Exists(TestPaths.BaselineDirectory)
            ? Directory.GetFiles(TestPaths.BaselineDirectory).Select(Path.GetFileName).OfType<string>().OrderBy(n => n, StringComparer.Ordinal).ToArray()
            : [];
        if (Updating)
        {
            return; // the other test rewrites the folder
        }

        Assert.Equal(generated, baselines);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = GeneratorHarness.Run(TestSchemas.Shipped()).Sources;
        var second = GeneratorHarness.Run(TestSchemas.Shipped()).Sources;
        Assert.Equal(
            first.Select(s => (s.HintName, s.SourceText.ToString())),
            second.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void Hint_names_are_namespace_qualified_type_names()
    {
        var run = GeneratorHarness.Run(TestSchemas.Shipped());
        var expected = new[]
        {
            "Cupi.IpAddressingMode.g.cs", "Cupi.PhoneSystem.g.cs", "Cupi.PortGroup.g.cs", "Cupi.PortGroupCodec.g.cs",
            "Cupi.PortGroupServer.g.cs", "Cupi.PortGroupTemplate.g.cs", "Cupi.ResetStatus.g.cs", "Cupi.RtpCodecDef.g.cs",
            "Cupi.SipCertificate.g.cs", "Cupi.SipSecurityProfile.g.cs", "Cupi.SipTlsMode.g.cs",
            "Cupi.SipTransportProtocol.g.cs", "Cupi.TelephonyIntegrationMethod.g.cs",

            // Endpoint clients: one per resource with x-cupi-client, and the root CupiClient of the namespace.
            "Cupi.CupiClient.g.cs", "Cupi.PhoneSystem.Client.g.cs", "Cupi.PortGroup.Client.g.cs", "Cupi.PortGroupCodec.Client.g.cs",
            "Cupi.PortGroupServer.Client.g.cs", "Cupi.PortGroupTemplate.Client.g.cs", "Cupi.RtpCodecDef.Client.g.cs",
            "Cupi.SipCertificate.Client.g.cs", "Cupi.SipSecurityProfile.Client.g.cs",

            // Endpoint tables and model-factory methods: one of each per resource, as further parts of the partial types.
            "Cupi.PhoneSystem.Endpoints.g.cs", "Cupi.PortGroup.Endpoints.g.cs", "Cupi.PortGroupCodec.Endpoints.g.cs",
            "Cupi.PortGroupServer.Endpoints.g.cs", "Cupi.PortGroupTemplate.Endpoints.g.cs", "Cupi.RtpCodecDef.Endpoints.g.cs",
            "Cupi.SipCertificate.Endpoints.g.cs", "Cupi.SipSecurityProfile.Endpoints.g.cs",
            "Cupi.PhoneSystem.Factory.g.cs", "Cupi.PortGroup.Factory.g.cs", "Cupi.PortGroupCodec.Factory.g.cs",
            "Cupi.PortGroupServer.Factory.g.cs", "Cupi.PortGroupTemplate.Factory.g.cs", "Cupi.RtpCodecDef.Factory.g.cs",
            "Cupi.SipCertificate.Factory.g.cs", "Cupi.SipSecurityProfile.Factory.g.cs",

            // The namespace's registry of model tables.
            "Cupi.CupiModels.g.cs",
        };
        Assert.Equal(expected.Order(StringComparer.Ordinal), run.Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
    }

    // [GeneratedCode] carries the package version of the build (Directory.Build.props, or -p:Version=…); the
    // baselines are kept at 0.1.0 so that a version bump does not rewrite every baseline.
    private static string WithBaselineVersion(string source) => source.Replace(
        "GeneratedCode(\"CupiGen.Generator\", \"" + CupiGen.Generator.Emit.ThisAssembly.Version + "\")",
        "GeneratedCode(\"CupiGen.Generator\", \"0.1.0\")",
        StringComparison.Ordinal);
}
