using System;
using System.Linq;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests;

/// <summary>
/// The generated code compiles without a single diagnostic under the strictest settings a consumer can pick:
/// nullable on, every warning an error, every warning wave, documentation comments checked.
/// </summary>
public class StrictCompilationTests
{
    // Uses the generated API the way a consumer does.
    private const string Consumer = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;
        using Cupi;
        using CupiGen;

        namespace Consumer;

        internal static class Usage
        {
            internal static string RoundTrip(string json, string xml)
            {
                PortGroup fromJson = PortGroup.FromJson(json);
                PortGroup fromXml = PortGroup.FromXml(xml);
                PortGroup fromBytes = PortGroup.FromJson(Encoding.UTF8.GetBytes(json).AsSpan());
                CupiList<PortGroup> jsonList = PortGroup.ListFromJson(json);
                CupiList<PortGroupServer> xmlList = PortGroupServer.ListFromXml(xml);
                CupiList<PortGroupCodec> streamList = PortGroupCodec.ListFromXml(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

                fromJson.DisplayName = "Port group 1";
                fromJson.TelephonyIntegrationMethodEnum = TelephonyIntegrationMethod.Sip;
                fromJson.SipTransportProtocolEnum = SipTransportProtocol.Tcp;
                fromJson.ResetStatusEnum = ResetStatus.Required;
                fromJson.EnableMWI = true;
                fromJson.MwiRetryCountOnSuccess = 3;
                fromJson.SetAdditionalField("SomethingNew", "value");

                string? name = fromXml.DisplayName;
                int? retries = fromXml.MwiRetryCountOnSuccess;
                bool present = fromXml.IsPresent("DisplayName");
                IReadOnlyDictionary<string, string> extra = fromBytes.AdditionalFields;
                TelephonyIntegrationMethod? method = fromXml.TelephonyIntegrationMethodEnum;
                int total = jsonList.Total + xmlList.Count + streamList.Count + extra.Count;

                return fromJson.ToJson() + fromJson.ToXml() + Encoding.UTF8.GetString(fromJson.ToJsonUtf8()) +
                       name + retries + present + method + total + fromJson;
            }

            internal static async Task<int> ReadAsync(Stream stream)
            {
                PortGroupTemplate template = await PortGroupTemplate.FromJsonAsync(stream).ConfigureAwait(false);
                CupiList<RtpCodecDef> defs = await RtpCodecDef.ListFromJsonAsync(stream).ConfigureAwait(false);
                return (int)(template.CopyTelephonyIntegrationMethodEnum ?? TelephonyIntegrationMethod.Sccp) + defs.Total;
            }

            internal static string Static<T>(T model) where T : class, ICupiModel<T> =>
                T.ElementName + T.ListElementName + CupiSerializer.ToJson(model);

            internal static string Generic() =>
                Static(new SipSecurityProfile { DisplayName = "TLS", Port = 5061, DoTLS = true }) +
                Static(new PhoneSystem()) + Static(new SipCertificate());
        }
        """;

    private static readonly Lazy<GeneratorRun> ShippedRun = new(() =>
        GeneratorHarness.Run([TestSchemas.Shipped()], GeneratorHarness.CreateCompilation(Consumer)));

    [Fact]
    public void Generated_code_and_consumer_compile_without_any_diagnostic()
    {
        var run = ShippedRun.Value;
        Assert.Empty(run.Diagnostics);

        var generatedTrees = run.OutputCompilation.SyntaxTrees.Except(run.InputCompilation.SyntaxTrees).ToList();
        Assert.Equal(run.Sources.Length, generatedTrees.Count);

        // Each generated tree on its own (syntax, declarations, bodies), then the whole compilation.
        foreach (var tree in generatedTrees)
        {
            var model = run.OutputCompilation.GetSemanticModel(tree);
            var own = model.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
            Assert.True(own.Count == 0, $"{tree.FilePath}:\n" + string.Join("\n", own.Select(Describe)));
        }

        var diagnostics = run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .ToList();
        Assert.True(diagnostics.Count == 0, "Diagnostics:\n" + string.Join("\n", diagnostics.Select(Describe)));
    }

    [Fact]
    public void Generated_code_emits_an_assembly()
    {
        using var stream = new System.IO.MemoryStream();
        var result = ShippedRun.Value.OutputCompilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(Describe)));
    }

    [Fact]
    public void Strict_options_are_in_force()
    {
        // Guards the test above: the same settings must flag a sloppy consumer.
        var sloppy = GeneratorHarness.CreateCompilation("""
            public class Undocumented
            {
                public string Name = null;
            }
            """);
        var ids = sloppy.GetDiagnostics().Select(d => d.Id).ToHashSet();
        Assert.Contains("CS1591", ids); // missing XML comment
        Assert.Contains("CS8625", ids); // null literal into non-nullable
        Assert.All(sloppy.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void Every_generated_file_has_the_generated_code_markers()
    {
        foreach (var source in ShippedRun.Value.Sources)
        {
            var text = source.SourceText.ToString();
            Assert.True(text.StartsWith("// <auto-generated/>", StringComparison.Ordinal), $"{source.HintName} does not start with // <auto-generated/>");
            Assert.Contains("#nullable enable", text, StringComparison.Ordinal);
            Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(", text, StringComparison.Ordinal);
        }
    }

    private static string Describe(Diagnostic d) =>
        $"{d.Location.GetLineSpan()}: {d.Id} {d.Severity}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}
