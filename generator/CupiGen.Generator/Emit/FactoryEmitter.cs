using System.Collections.Generic;
using System.Linq;
using CupiGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Generator.Emit;

/// <summary>
/// Emits one method of the schema namespace's <c>CupiModelFactory</c> per resource: builds a model as a server
/// would have returned it (any field, read-only ones included), for tests and mocks. It loads the model's store
/// directly (present, not changed), so CupiGen's analyzers, which guard property writes, have nothing to report.
/// </summary>
internal static class FactoryEmitter
{
    public static string HintName(ResourceSpec resource) => $"{resource.Namespace}.{resource.TypeName}.Factory.g.cs";

    public static string Emit(ResourceSpec resource)
    {
        var w = new SourceWriter();
        var self = $"global::{resource.Namespace}.{resource.TypeName}";
        var names = ParameterNames(resource);

        Header.Write(w);
        w.Open($"namespace {resource.Namespace}");
        w.Doc("summary", "Builds generated models as a server would return them, read-only fields included: for tests and mocks.");
        w.Open("public static partial class CupiModelFactory");
        w.Doc("summary", $"Creates a {resource.TypeName} with the given fields present, as if read from a server: no field counts as changed. A null argument leaves its field absent.");
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            w.Doc("param", $"{resource.Fields[i].WireName}, or null.", $"name=\"{names[i].TrimStart('@')}\"");
        }

        w.Doc("returns", $"A new {resource.TypeName}.");
        var parameters = resource.Fields.Select((f, i) => $"{ModelEmitter.ClrType(resource, f)} {names[i]} = null");
        w.Line(Header.GeneratedCodeAttribute);
        w.Line($"public static {self} {resource.TypeName}(");
        w.Line("    " + string.Join(",\n" + new string(' ', 12), parameters) + ")");
        w.Line("{");
        w.Line($"    var __cupiResult = new {self}();");
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var load = field.Kind switch
            {
                FieldKind.String => $"LoadText(__cupiResult, {n}, {names[i]})",
                FieldKind.Boolean => $"LoadBoolean(__cupiResult, {n}, {names[i]}.Value)",
                FieldKind.Integer => $"LoadInt32(__cupiResult, {n}, {names[i]}.Value)",
                _ => $"LoadInt32(__cupiResult, {n}, (int){names[i]}.Value)",
            };
            w.Line($"    if ({names[i]} is not null) global::CupiGen.CupiFieldStore.{load};");
        }

        w.Line("    return __cupiResult;");
        w.Line("}");
        w.Close();
        w.Close();
        return w.ToString();
    }

    // camelCase parameter names, unique, escaped when they are keywords.
    private static List<string> ParameterNames(ResourceSpec resource)
    {
        var result = new List<string>();
        var seen = new HashSet<string>();
        foreach (var field in resource.Fields)
        {
            var name = Camel(field.PropertyName);
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(SyntaxFacts.GetKeywordKind(unique) != SyntaxKind.None ? "@" + unique : unique);
        }

        return result;
    }

    private static string Camel(string name) => Naming.Camel(name);
}
