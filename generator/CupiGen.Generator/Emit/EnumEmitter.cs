using System.Globalization;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Emit;

/// <summary>Emits one enum per schema enum; members carry the documented meaning and wire value.</summary>
internal static class EnumEmitter
{
    public static string HintName(EnumSpec spec) => $"{spec.Namespace}.{spec.TypeName}.g.cs";

    public static string Emit(EnumSpec spec)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {spec.Namespace}");
        w.Doc("summary", spec.Description ?? $"The values of {spec.TypeName}.");
        w.Doc("remarks", "A value a server sends that no member names is kept as it is, not rejected.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public enum {spec.TypeName}");
        foreach (var member in spec.Members)
        {
            var value = member.Value.ToString(CultureInfo.InvariantCulture);
            w.Doc("summary", member.Description is null ? $"Wire value {value}." : $"{member.Description} (wire value {value})");
            w.Line($"{member.Name} = {value},");
            w.Line();
        }

        w.Close();
        w.Close();
        return w.ToString();
    }
}
