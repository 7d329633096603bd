// One cold start: a fresh process reads one PortGroup with the serializer named by args[0], prints
// "<DisplayName> <elapsed ticks>" (ticks of Stopwatch from Main's first line to the parsed object) and exits.
// Modes: none (reads the bytes only: the process floor), cupigen-json, cupigen-xml, stj, newtonsoft, xmlserializer;
// and cupigen-json-write, cupigen-xml-write (the first write of a new PortGroup, as a client's first create does).
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CupiGen.Benchmarks.Baselines;

var started = Stopwatch.GetTimestamp();
var mode = args.Length > 0 ? args[0] : "none";
var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
string name = mode switch
{
    "cupigen-json-write" => Parsers.CupiGenJsonWrite(),
    "cupigen-xml-write" => Parsers.CupiGenXmlWrite(),
    "none" => Floor(File.ReadAllBytes(Path.Combine(fixtures, "04-get-portgroup.json"))),
    "cupigen-json" => Parsers.CupiGenJson(File.ReadAllBytes(Path.Combine(fixtures, "04-get-portgroup.json"))),
    "cupigen-xml" => Parsers.CupiGenXml(File.ReadAllBytes(Path.Combine(fixtures, "03-get-portgroup.xml"))),
    "stj" => Parsers.Stj(File.ReadAllBytes(Path.Combine(fixtures, "04-get-portgroup.json"))),
    "newtonsoft" => Parsers.Newtonsoft(File.ReadAllBytes(Path.Combine(fixtures, "04-get-portgroup.json"))),
    "xmlserializer" => Parsers.XmlSerializer(File.ReadAllBytes(Path.Combine(fixtures, "03-get-portgroup.xml"))),
    _ => throw new ArgumentException("unknown serializer: " + mode),
};
var elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine($"{name} {elapsed.Ticks}");
return 0;

static string Floor(byte[] bytes) => bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

// Each parser in its own non-inlined method, so a mode loads only its own serializer's code.
internal static class Parsers
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string CupiGenJson(byte[] bytes) => Cupi.PortGroup.FromJson((ReadOnlySpan<byte>)bytes).DisplayName!;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string CupiGenXml(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Cupi.PortGroup.FromXml(stream).DisplayName!;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string CupiGenJsonWrite() => Written(new Cupi.PortGroup { DisplayName = "PhoneSystem-2", HostOrIPAddress = "10.0.0.1", PortCount = 4, EnableMWI = true }.ToJson());

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string CupiGenXmlWrite() => Written(new Cupi.PortGroup { DisplayName = "PhoneSystem-2", HostOrIPAddress = "10.0.0.1", PortCount = 4, EnableMWI = true }.ToXml());

    // What the launcher checks: the name written, first on the line.
    private static string Written(string document) => document.Contains("PhoneSystem-2", StringComparison.Ordinal) ? "PhoneSystem-2" : document;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Stj(byte[] bytes) => JsonSerializer.Deserialize(bytes, CupiStjContext.Default.PortGroupPoco)!.DisplayName!;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Newtonsoft(byte[] bytes) => CupiNewtonsoft.Read<PortGroupPoco>(bytes).DisplayName!;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string XmlSerializer(byte[] bytes) => CupiXmlSerializer.Read<PortGroupPoco>(CupiXmlSerializer.One, bytes).DisplayName!;
}
