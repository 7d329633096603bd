// Throughput and allocations of CupiGen's generated serializers against each baseline: one class per baseline,
// the baseline marked Baseline = true in every category, so BenchmarkDotNet prints CupiGen's ratio to it.
// Each [GlobalSetup] first proves that both sides read the same bytes into the same field values and that what
// each writes reads back to the source object; a disagreement fails the run.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CupiGen.Benchmarks.Baselines;
using Cupi;

namespace CupiGen.Benchmarks;

/// <summary>The source objects of the write benchmarks, in both models, with equal field values.</summary>
public abstract class SerializerBenchmarkBase
{
    protected PortGroup OneModel = null!;
    protected PortGroupPoco OnePoco = null!;
    protected List<PortGroup> ListModel = null!;
    protected List<PortGroupPoco> ListPoco = null!;

    protected void CreateSources()
    {
        OneModel = PortGroup.FromJson((ReadOnlySpan<byte>)Workloads.OneJson);
        OnePoco = Workloads.ToPoco(OneModel);
        ListModel = Workloads.CreatePortGroups(Workloads.ListSize);
        ListPoco = ListModel.Select(Workloads.ToPoco).ToList();
    }

    // What a writer produced must read back (with CupiGen's reader, the reference) to the source object.
    protected void CheckJsonWrite(string who, string oneJson, string listJson)
    {
        Workloads.AssertSame(who + " JSON write (one)", OneModel, PortGroup.FromJson(oneJson));
        var list = PortGroup.ListFromJson(listJson);
        Workloads.AssertSameList(who + " JSON write (list)", ListModel, list);
        Workloads.AssertTotal(who + " JSON write (list)", Workloads.ListSize, list.Total);
    }

    protected void CheckXmlWrite(string who, string oneXml, string listXml)
    {
        Workloads.AssertSame(who + " XML write (one)", OneModel, PortGroup.FromXml(oneXml));
        var list = PortGroup.ListFromXml(listXml);
        Workloads.AssertSameList(who + " XML write (list)", ListModel, list);
        Workloads.AssertTotal(who + " XML write (list)", Workloads.ListSize, list.Total);
    }
}

/// <summary>CupiGen JSON against System.Text.Json with a source-generated <see cref="CupiStjContext"/>.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonVsSystemTextJson : SerializerBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        CreateSources();
        Workloads.AssertSame("STJ read (one)", CupiGen_ReadOne(), Stj_ReadOne());
        var cupi = CupiGen_ReadList();
        var stj = Stj_ReadList();
        Workloads.AssertSameList("STJ read (list)", cupi, stj.PortGroup);
        Workloads.AssertTotal("STJ read (list)", cupi.Total, stj.Total);
        CheckJsonWrite("CupiGen", CupiGen_WriteOne(), CupiGen_WriteList());
        CheckJsonWrite("STJ", Stj_WriteOne(), Stj_WriteList());
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ReadOne")]
    public PortGroupPoco Stj_ReadOne() => JsonSerializer.Deserialize(Workloads.OneJson, CupiStjContext.Default.PortGroupPoco)!;

    [Benchmark, BenchmarkCategory("ReadOne")]
    public PortGroup CupiGen_ReadOne() => PortGroup.FromJson((ReadOnlySpan<byte>)Workloads.OneJson);

    [Benchmark(Baseline = true), BenchmarkCategory("ReadList")]
    public PortGroupListJson Stj_ReadList() => JsonSerializer.Deserialize(Workloads.ListJson, CupiStjContext.Default.PortGroupListJson)!;

    [Benchmark, BenchmarkCategory("ReadList")]
    public CupiList<PortGroup> CupiGen_ReadList() => PortGroup.ListFromJson((ReadOnlySpan<byte>)Workloads.ListJson);

    [Benchmark(Baseline = true), BenchmarkCategory("WriteOne")]
    public string Stj_WriteOne() => JsonSerializer.Serialize(OnePoco, CupiStjContext.Default.PortGroupPoco);

    [Benchmark, BenchmarkCategory("WriteOne")]
    public string CupiGen_WriteOne() => OneModel.ToJson();

    [Benchmark(Baseline = true), BenchmarkCategory("WriteList")]
    public string Stj_WriteList() => JsonSerializer.Serialize(new PortGroupListJson { Total = ListPoco.Count, PortGroup = ListPoco }, CupiStjContext.Default.PortGroupListJson);

    [Benchmark, BenchmarkCategory("WriteList")]
    public string CupiGen_WriteList() => CupiSerializer.ListToJson(ListModel);
}

/// <summary>CupiGen JSON against Newtonsoft.Json (what the Cisco .NET SDK uses) with equivalent converters.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonVsNewtonsoft : SerializerBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        CreateSources();
        Workloads.AssertSame("Newtonsoft read (one)", CupiGen_ReadOne(), Newtonsoft_ReadOne());
        var cupi = CupiGen_ReadList();
        var newtonsoft = Newtonsoft_ReadList();
        Workloads.AssertSameList("Newtonsoft read (list)", cupi, newtonsoft.PortGroup);
        Workloads.AssertTotal("Newtonsoft read (list)", cupi.Total, newtonsoft.Total);
        CheckJsonWrite("CupiGen", CupiGen_WriteOne(), CupiGen_WriteList());
        CheckJsonWrite("Newtonsoft", Newtonsoft_WriteOne(), Newtonsoft_WriteList());
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ReadOne")]
    public PortGroupPoco Newtonsoft_ReadOne() => CupiNewtonsoft.Read<PortGroupPoco>(Workloads.OneJson);

    [Benchmark, BenchmarkCategory("ReadOne")]
    public PortGroup CupiGen_ReadOne() => PortGroup.FromJson((ReadOnlySpan<byte>)Workloads.OneJson);

    [Benchmark(Baseline = true), BenchmarkCategory("ReadList")]
    public PortGroupListJson Newtonsoft_ReadList() => CupiNewtonsoft.Read<PortGroupListJson>(Workloads.ListJson);

    [Benchmark, BenchmarkCategory("ReadList")]
    public CupiList<PortGroup> CupiGen_ReadList() => PortGroup.ListFromJson((ReadOnlySpan<byte>)Workloads.ListJson);

    [Benchmark(Baseline = true), BenchmarkCategory("WriteOne")]
    public string Newtonsoft_WriteOne() => CupiNewtonsoft.Write(OnePoco);

    [Benchmark, BenchmarkCategory("WriteOne")]
    public string CupiGen_WriteOne() => OneModel.ToJson();

    [Benchmark(Baseline = true), BenchmarkCategory("WriteList")]
    public string Newtonsoft_WriteList() => CupiNewtonsoft.Write(new PortGroupListJson { Total = ListPoco.Count, PortGroup = ListPoco });

    [Benchmark, BenchmarkCategory("WriteList")]
    public string CupiGen_WriteList() => CupiSerializer.ListToJson(ListModel);
}

/// <summary>CupiGen XML against a cached <see cref="System.Xml.Serialization.XmlSerializer"/>, both reading a stream over the same bytes.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class XmlVsXmlSerializer : SerializerBenchmarkBase
{
    [GlobalSetup]
    public void Setup()
    {
        CreateSources();
        Workloads.AssertSame("XmlSerializer read (one)", CupiGen_ReadOne(), XmlSerializer_ReadOne());
        var cupi = CupiGen_ReadList();
        var baseline = XmlSerializer_ReadList();
        Workloads.AssertSameList("XmlSerializer read (list)", cupi, baseline.PortGroup);
        Workloads.AssertTotal("XmlSerializer read (list)", cupi.Total, baseline.Total);
        CheckXmlWrite("CupiGen", CupiGen_WriteOne(), CupiGen_WriteList());
        CheckXmlWrite("XmlSerializer", XmlSerializer_WriteOne(), XmlSerializer_WriteList());
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ReadOne")]
    public PortGroupPoco XmlSerializer_ReadOne() => CupiXmlSerializer.Read<PortGroupPoco>(CupiXmlSerializer.One, Workloads.OneXml);

    [Benchmark, BenchmarkCategory("ReadOne")]
    public PortGroup CupiGen_ReadOne()
    {
        using var stream = new MemoryStream(Workloads.OneXml, writable: false);
        return PortGroup.FromXml(stream);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ReadList")]
    public PortGroupListXml XmlSerializer_ReadList() => CupiXmlSerializer.Read<PortGroupListXml>(CupiXmlSerializer.List, Workloads.ListXml);

    [Benchmark, BenchmarkCategory("ReadList")]
    public CupiList<PortGroup> CupiGen_ReadList()
    {
        using var stream = new MemoryStream(Workloads.ListXml, writable: false);
        return PortGroup.ListFromXml(stream);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("WriteOne")]
    public string XmlSerializer_WriteOne() => CupiXmlSerializer.Write(CupiXmlSerializer.One, OnePoco);

    [Benchmark, BenchmarkCategory("WriteOne")]
    public string CupiGen_WriteOne() => OneModel.ToXml();

    [Benchmark(Baseline = true), BenchmarkCategory("WriteList")]
    public string XmlSerializer_WriteList() => CupiXmlSerializer.Write(CupiXmlSerializer.List, new PortGroupListXml { Total = ListPoco.Count, PortGroup = ListPoco });

    [Benchmark, BenchmarkCategory("WriteList")]
    public string CupiGen_WriteList() => CupiSerializer.ListToXml(ListModel);
}
