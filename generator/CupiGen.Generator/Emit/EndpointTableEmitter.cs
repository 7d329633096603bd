using System.Globalization;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Emit;

/// <summary>
/// Emits the endpoint part of a model's table (<c>CupiModelInfo.Endpoints</c> and <c>Client</c>) as another part
/// of its partial class: the model's file declares the two partial methods and this file implements them, so an
/// endpoint edit re-emits this file (and the client), not the model.
/// </summary>
internal static class EndpointTableEmitter
{
    private const string Runtime = "global::CupiGen";

    /// <summary>The partial methods the model's table calls.</summary>
    internal const string EndpointsMethod = "__CupiEndpoints";

    internal const string ClientMethod = "__CupiClient";

    public static string HintName(EndpointTableSpec spec) => $"{spec.Namespace}.{spec.TypeName}.Endpoints.g.cs";

    /// <summary>The method as HTTP spells it.</summary>
    public static string HttpName(EndpointMethod method) => method switch
    {
        EndpointMethod.Get => "GET",
        EndpointMethod.Post => "POST",
        EndpointMethod.Put => "PUT",
        _ => "DELETE",
    };

    /// <summary>The two declarations the model's file carries.</summary>
    public static void WriteDeclarations(SourceWriter w)
    {
        w.Line($"private static partial {Runtime}.CupiEndpointInfo[] {EndpointsMethod}();");
        w.Line();
        w.Line($"private static partial {Runtime}.CupiClientPlacement? {ClientMethod}();");
        w.Line();
    }

    public static string Emit(EndpointTableSpec spec)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {spec.Namespace}");
        w.Open($"partial class {spec.TypeName}");

        w.Line(Header.GeneratedCodeAttribute);
        if (spec.Endpoints.Count == 0)
        {
            w.Line($"private static partial {Runtime}.CupiEndpointInfo[] {EndpointsMethod}() => global::System.Array.Empty<{Runtime}.CupiEndpointInfo>();");
        }
        else
        {
            w.Line($"private static partial {Runtime}.CupiEndpointInfo[] {EndpointsMethod}() => new {Runtime}.CupiEndpointInfo[]");
            w.Line("{");
            w.Indent();
            for (var i = 0; i < spec.Endpoints.Count; i++)
            {
                w.Line(Entry(spec.Endpoints[i], spec.RequiresIndexes[i]) + ",");
            }

            w.Outdent();
            w.Line("};");
        }

        w.Line();
        w.Line($"private static partial {Runtime}.CupiClientPlacement? {ClientMethod}() => {Placement(spec.Client)};");
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string Entry(EndpointSpec endpoint, int requiresIndex)
    {
        var text = $"new({Literals.String(endpoint.Name)}, {Runtime}.CupiHttpMethod.{endpoint.Method}, {Literals.String(endpoint.Path)}, " +
                   $"{endpoint.Status.ToString(CultureInfo.InvariantCulture)}, {Runtime}.CupiBodyKind.{endpoint.ResponseBody}";
        if (endpoint.RequestBody != BodyKind.None)
        {
            text += $", requestBody: {Runtime}.CupiBodyKind.{endpoint.RequestBody}";
        }

        if (endpoint.AlternatePaths.Count > 0)
        {
            text += $", alternatePaths: {Literals.Strings(endpoint.AlternatePaths)}";
        }

        if (endpoint.Query.Count > 0)
        {
            text += $", query: {Literals.Strings(endpoint.Query)}";
        }

        if (requiresIndex >= 0 && endpoint.RequiresValue is { } value)
        {
            text += $", requiresField: {requiresIndex.ToString(CultureInfo.InvariantCulture)}, requiresValue: {Literals.String(value)}";
        }

        return text + ")";
    }

    private static string Placement(ResourceClientSpec? client) => client switch
    {
        null => "null",
        { Name: { } name } => $"new({Literals.String(name)})",
        _ => $"new(null, {Optional(client.Parent)}, {Optional(client.Parameter)}, {Optional(client.Accessor)})",
    };

    private static string Optional(string? value) => value is null ? "null" : Literals.String(value);
}
