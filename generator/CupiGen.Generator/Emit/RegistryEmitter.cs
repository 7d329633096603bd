using System.Collections.Generic;
using System.Linq;

namespace CupiGen.Generator.Emit;

/// <summary>
/// Emits one <c>CupiModels</c> class per namespace: every generated model's table, so code that serves or
/// inspects models generically (the emulator, tools, tests) finds them without reflection.
/// </summary>
internal static class RegistryEmitter
{
    public static string HintName(string ns) => $"{ns}.CupiModels.g.cs";

    public static string Emit(string ns, IReadOnlyList<string> typeNames)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {ns}");
        w.Doc("summary", $"The metadata table of every model generated in namespace {ns}: names, fields, rules, and a way to create an instance (CupiModelInfo.CreateInstance).");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open("public static class CupiModels");
        w.Doc("summary", "Every model's table, ordered by type name.");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::CupiGen.CupiModelInfo> All { get; } = new global::CupiGen.CupiModelInfo[]");
        w.Line("{");
        foreach (var type in typeNames.OrderBy(static t => t, System.StringComparer.Ordinal))
        {
            w.Line($"    global::{ns}.{type}.{ModelEmitter.InfoField},");
        }

        w.Line("};");
        w.Close();
        w.Close();
        return w.ToString();
    }
}
