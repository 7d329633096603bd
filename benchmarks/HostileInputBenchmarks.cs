// Issue 12: the readers under hostile shapes, and XML against XmlSerializer at its fastest.
//   ScalingWorkloads: 1 MB and 10 MB documents of 80k / 800k unknown fields (JSON and XML) and of 80k / 800k CDATA
//   pieces, read through the public API; `--issue12` times them directly (median of runs) and counts allocated
//   bytes (deterministic), and prints the 10 MB / 1 MB ratios. XmlVsXmlSerializerLean: the list of 100 port groups
//   and the single port group, XmlSerializer reading into a lean POCO (plain int and bool, not nullable: no
//   Nullable<T> boxing or ShouldSerialize work on its side).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Cupi;

namespace CupiGen.Benchmarks;

/// <summary>The hostile shapes of issue 12, at two sizes.</summary>
public static class ScalingWorkloads
{
    public static readonly string[] Shapes = ["json-unknown-fields", "xml-unknown-fields", "xml-cdata-pieces"];

    /// <summary>A document of the shape; <paramref name="scale"/> 1 is about 1 MB (80,000 fields or pieces), 10 about 10 MB.</summary>
    public static byte[] Create(string shape, int scale)
    {
        var count = 80_000 * scale;
        var text = new StringBuilder(count * 16);
        switch (shape)
        {
            case "json-unknown-fields":
                text.Append("{\"DisplayName\":\"dn\"");
                for (var i = 0; i < count; i++)
                {
                    text.Append(",\"F").Append(i).Append("\":\"v").Append(i % 10).Append('"');
                }

                text.Append('}');
                break;
            case "xml-unknown-fields":
                text.Append("<PortGroup><DisplayName>dn</DisplayName>");
                for (var i = 0; i < count; i++)
                {
                    text.Append("<F").Append(i).Append('>').Append(i % 10).Append("</F").Append(i).Append('>');
                }

                text.Append("</PortGroup>");
                break;
            default:
                text.Append("<PortGroup><DisplayName>");
                for (var i = 0; i < count; i++)
                {
                    text.Append(i % 10).Append("<![CDATA[x]]>");
                }

                text.Append("</DisplayName></PortGroup>");
                break;
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static PortGroup Read(string shape, byte[] document) =>
        shape.StartsWith("json", StringComparison.Ordinal) ? PortGroup.FromJson(document.AsSpan()) : PortGroup.FromXml(document.AsSpan());

    /// <summary>`--issue12`: each shape at 1 MB and 10 MB, median time of 5 reads after a warm-up, bytes allocated per read.</summary>
    public static int Run()
    {
        Console.WriteLine("| shape | size | bytes | median ms | allocated bytes | alloc / input |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var rows = new List<(string Shape, int Scale, double Ms, long Allocated, int Bytes)>();
        foreach (var shape in Shapes)
        {
            foreach (var scale in new[] { 1, 10 })
            {
                var document = Create(shape, scale);
                Read(shape, document);
                var times = new List<double>();
                long allocated = 0;
                for (var run = 0; run < 5; run++)
                {
                    GC.Collect();
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var clock = Stopwatch.StartNew();
                    var model = Read(shape, document);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    GC.KeepAlive(model);
                }

                var median = times.Order().ElementAt(times.Count / 2);
                rows.Add((shape, scale, median, allocated, document.Length));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {shape} | {(scale == 1 ? "1 MB" : "10 MB")} | {document.Length:N0} | {median:F1} | {allocated:N0} | {(double)allocated / document.Length:F2} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| shape | time 10 MB / 1 MB | allocation 10 MB / 1 MB | size 10 MB / 1 MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var shape in Shapes)
        {
            var small = rows.Single(r => r.Shape == shape && r.Scale == 1);
            var large = rows.Single(r => r.Shape == shape && r.Scale == 10);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {shape} | {large.Ms / small.Ms:F2} | {(double)large.Allocated / small.Allocated:F2} | {(double)large.Bytes / small.Bytes:F2} |"));
        }

        // XML against XmlSerializer over the lean POCO, interleaved (a round of each in turn, so the load of a
        // shared machine falls on both alike), median per operation over the rounds.
        var lean = new XmlVsXmlSerializerLean();
        lean.Setup();
        Console.WriteLine();
        Console.WriteLine("| XML read, lean POCO | XmlSerializer µs | CupiGen µs | ratio (XmlSerializer / CupiGen) | XmlSerializer bytes | CupiGen bytes |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Interleave("list of 100", () => lean.XmlSerializer_ReadList(), () => lean.CupiGen_ReadList(), 40);
        Interleave("one object", () => lean.XmlSerializer_ReadOne(), () => lean.CupiGen_ReadOne(), 2000);
        return 0;
    }

    private static void Interleave(string what, Func<object> baseline, Func<object> cupi, int perRound)
    {
        for (var i = 0; i < perRound; i++)
        {
            baseline();
            cupi();
        }

        var b = new List<double>();
        var c = new List<double>();
        for (var round = 0; round < 31; round++)
        {
            b.Add(TimePerOp(baseline, perRound));
            c.Add(TimePerOp(cupi, perRound));
        }

        var bm = b.Order().ElementAt(b.Count / 2);
        var cm = c.Order().ElementAt(c.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {bm:F1} | {cm:F1} | {bm / cm:F2} | {AllocatedPerOp(baseline):N0} | {AllocatedPerOp(cupi):N0} |"));
    }

    private static double TimePerOp(Func<object> action, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            GC.KeepAlive(action());
        }

        return clock.Elapsed.TotalMicroseconds / count;
    }

    private static long AllocatedPerOp(Func<object> action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(action());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

/// <summary>BenchmarkDotNet form of the scaling workloads (long: 10 MB documents).</summary>
[MemoryDiagnoser]
public class HostileShapes
{
    private byte[] _document = null!;

    [Params("json-unknown-fields", "xml-unknown-fields", "xml-cdata-pieces")]
    public string Shape { get; set; } = null!;

    [Params(1, 10)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup() => _document = ScalingWorkloads.Create(Shape, Scale);

    [Benchmark]
    public PortGroup Read() => ScalingWorkloads.Read(Shape, _document);
}

/// <summary>CupiGen XML against XmlSerializer reading into a lean POCO (plain int and bool fields), both from a stream over the same bytes.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class XmlVsXmlSerializerLean
{
    private static readonly XmlSerializer One = new(typeof(PortGroupLeanPoco));
    private static readonly XmlSerializer List = new(typeof(PortGroupLeanListXml));

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
    };

    [GlobalSetup]
    public void Setup()
    {
        // Equal values on both sides: every field of the lean POCO against the model (absent ints and bools are 0 and false there).
        Check("one", CupiGen_ReadOne(), XmlSerializer_ReadOne());
        var cupi = CupiGen_ReadList();
        var lean = XmlSerializer_ReadList();
        if (cupi.Count != lean.PortGroup.Count || cupi.Total != lean.Total)
        {
            throw new InvalidOperationException($"lean list: {cupi.Count}/{cupi.Total} vs {lean.PortGroup.Count}/{lean.Total}");
        }

        for (var i = 0; i < cupi.Count; i++)
        {
            Check("list item " + i.ToString(CultureInfo.InvariantCulture), cupi[i], lean.PortGroup[i]);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ReadOne")]
    public PortGroupLeanPoco XmlSerializer_ReadOne() => Read<PortGroupLeanPoco>(One, Workloads.OneXml);

    [Benchmark, BenchmarkCategory("ReadOne")]
    public PortGroup CupiGen_ReadOne()
    {
        using var stream = new MemoryStream(Workloads.OneXml, writable: false);
        return PortGroup.FromXml(stream);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ReadList")]
    public PortGroupLeanListXml XmlSerializer_ReadList() => Read<PortGroupLeanListXml>(List, Workloads.ListXml);

    [Benchmark, BenchmarkCategory("ReadList")]
    public CupiList<PortGroup> CupiGen_ReadList()
    {
        using var stream = new MemoryStream(Workloads.ListXml, writable: false);
        return PortGroup.ListFromXml(stream);
    }

    private static T Read<T>(XmlSerializer serializer, byte[] utf8)
    {
        using var stream = new MemoryStream(utf8, writable: false);
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return (T)serializer.Deserialize(reader)!;
    }

    private static void Check(string what, PortGroup model, PortGroupLeanPoco poco)
    {
        foreach (var property in typeof(PortGroupLeanPoco).GetProperties())
        {
            var left = typeof(PortGroup).GetProperty(property.Name)!.GetValue(model);
            left = left switch
            {
                Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                null when property.PropertyType == typeof(int) => 0,
                null when property.PropertyType == typeof(bool) => false,
                _ => left,
            };
            if (!Equals(left, property.GetValue(poco)))
            {
                throw new InvalidOperationException($"lean {what}: field {property.Name} differs: CupiGen '{left}', XmlSerializer '{property.GetValue(poco)}'.");
            }
        }
    }
}

/// <summary>PortGroup's 49 fields with plain int and bool (enums as int): XmlSerializer's cheapest shape.</summary>
[XmlRoot("PortGroup")]
public sealed class PortGroupLeanPoco
{
    public string? URI { get; set; }

    public string? MediaPortGroupTemplateObjectId { get; set; }

    public string? MediaSwitchObjectId { get; set; }

    public string? PhoneSystemURI { get; set; }

    public int TelephonyIntegrationMethodEnum { get; set; }

    public bool EnableMWI { get; set; }

    public string? DisplayName { get; set; }

    public bool EnableAGC { get; set; }

    public bool CcmDoAutoFailback { get; set; }

    public string? MwiOnCode { get; set; }

    public string? MwiOffCode { get; set; }

    public int MwiRetryCountOnSuccess { get; set; }

    public int MwiRetryIntervalOnSuccessMs { get; set; }

    public string? ObjectId { get; set; }

    public string? SkinnyDevicePrefix { get; set; }

    public string? HostOrIPAddress { get; set; }

    public string? SipContactLineName { get; set; }

    public int SipTransportProtocolEnum { get; set; }

    public bool SipRegisterWithProxyServer { get; set; }

    public bool SipDoAuthenticate { get; set; }

    public string? SipAuthenticateAsUser { get; set; }

    public string? SipAuthenticatePassword { get; set; }

    public int MwiMinRequestIntervalMs { get; set; }

    public int OutgoingGuardTimeMs { get; set; }

    public int OutgoingPostDialDelayMs { get; set; }

    public int OutgoingPreDialDelayMs { get; set; }

    public int DelayBeforeOpeningMs { get; set; }

    public int DtmfDialInterDigitDelayMs { get; set; }

    public bool MwiReqPortSpecific { get; set; }

    public int MwiMaxConcurrentRequests { get; set; }

    public string? MediaSwitchDisplayName { get; set; }

    public int PortCount { get; set; }

    public int WaitForCallInfoMs { get; set; }

    public bool SipDoSRTP { get; set; }

    public bool SipDoDtmfRfc2833 { get; set; }

    public bool SipDoDtmfKPML { get; set; }

    public string? MediaSipSecurityProfileObjectId { get; set; }

    public string? MediaCertificateObjectId { get; set; }

    public int SipTLSModeEnum { get; set; }

    public int ResetStatusEnum { get; set; }

    public int RecordingDTMFClipMs { get; set; }

    public int RecordingToneExtraClipMs { get; set; }

    public int PreferredCallControl { get; set; }

    public int SipPreferredMedia { get; set; }

    public bool NoiseFreeEnable { get; set; }

    public string? SipRPIDDisplayName { get; set; }

    public string? PortGroupServerURI { get; set; }

    public string? PortGroupCodecURI { get; set; }

    public string? PortURI { get; set; }
}

/// <summary>A CUPI list in XML over the lean POCO.</summary>
[XmlRoot("PortGroups")]
public sealed class PortGroupLeanListXml
{
    [XmlAttribute("total")]
    public int Total { get; set; }

    [XmlElement("PortGroup")]
    public List<PortGroupLeanPoco> PortGroup { get; set; } = [];
}
